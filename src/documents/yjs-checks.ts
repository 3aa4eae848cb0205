import * as Y from 'yjs';

/**
 * Decodes an update fully, or answers null. Y.applyUpdate logs and swallows a decoding error instead of throwing,
 * so every update is checked with this before it is applied, stored or broadcast.
 */
export function decodeUpdateOrNull(update: Uint8Array): ReturnType<typeof Y.decodeUpdate> | null {
  try {
    return Y.decodeUpdate(update);
  } catch {
    return null;
  }
}

/** An update that inserts nothing and deletes nothing: what a view-only client sends back for sync step 1. */
export function isEmptyUpdate(decoded: ReturnType<typeof Y.decodeUpdate>): boolean {
  return decoded.structs.length === 0 && decoded.ds.clients.size === 0;
}
