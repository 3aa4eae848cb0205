// What the collaboration module's REST routes answer (see src/openapi). The live documents' socket messages are typed
// in ./protocol.ts, not here.

/** Someone who has a live document open (the presence entry of their awareness state, PresenceUser in ./protocol). */
export class PresenceUserResponse {
  userId!: string;
  /** Their display name. */
  name!: string;
  /** Their agency's code. */
  agency!: string;
  /** Their colour in live documents (carets, presence), as #rrggbb. */
  color!: string;
}

/** Who has a document open (every process's users). */
export class PresencePage {
  items!: PresenceUserResponse[];
  total!: number;
}
