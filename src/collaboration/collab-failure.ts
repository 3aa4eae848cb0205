import type { CollabErrorCode, Refusal } from './protocol';

/** A refusal of the live-document protocol: the code and sentence the sender gets (docs/collaboration-protocol.md). */
export class CollabFailure extends Error {
  constructor(
    readonly code: CollabErrorCode,
    message: string,
    readonly details?: Refusal,
  ) {
    super(message);
  }
}
