import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { CollabFailure } from './collab-failure';

/** The largest single Yjs update a client may send (a paste of a long text fits; a flood does not). */
export const MAX_UPDATE_BYTES = 256 * 1024;
/** The longest base64 payload that can carry such an update in a sync message. */
export const MAX_PAYLOAD_CHARS = Math.ceil((MAX_UPDATE_BYTES + 16) / 3) * 4;

/** A y-protocols sync message, read: step 1 carries a state vector; step 2 and update carry a Yjs update. */
export type SyncMessage = { kind: 'step1'; stateVector: Uint8Array } | { kind: 'update'; update: Uint8Array };

/** Reads a sync message, or throws the CollabFailure its sender gets. */
export function readSyncMessage(message: Uint8Array): SyncMessage {
  const decoder = decoding.createDecoder(message);
  let type: number;
  let content: Uint8Array;
  try {
    type = decoding.readVarUint(decoder);
    content = decoding.readVarUint8Array(decoder);
  } catch {
    throw new CollabFailure('invalid_update', 'The sync message is not a y-protocols sync message.');
  }
  if (type === syncProtocol.messageYjsSyncStep1) {
    try {
      Y.decodeStateVector(content);
    } catch {
      throw new CollabFailure('invalid_update', 'Sync step 1 carries no valid state vector.');
    }
    return { kind: 'step1', stateVector: content };
  }
  if (type !== syncProtocol.messageYjsSyncStep2 && type !== syncProtocol.messageYjsUpdate) {
    throw new CollabFailure('invalid_update', `Unknown sync message type ${type}.`);
  }
  if (content.byteLength > MAX_UPDATE_BYTES) throw new CollabFailure('too_large', `An update may be at most ${MAX_UPDATE_BYTES} bytes.`);
  return { kind: 'update', update: content };
}

export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}
