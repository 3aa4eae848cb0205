import type { AwarenessEntry } from './awareness-codec';
import { CollabFailure } from './collab-failure';
import { MAX_AWARENESS_CLIENTS_PER_SOCKET } from './socket-limits';

/**
 * Which connection speaks for each Yjs client id in each document's awareness, so that nobody moves another's caret
 * or removes their presence. This process knows its own sockets' claims; another process's claims show here as the
 * states it relayed (docs/collaboration-protocol.md, "Limits").
 */
export class AwarenessClaims {
  /** Per document, the socket of this process that holds each client id. */
  private readonly holders = new Map<string, Map<number, string>>();

  /**
   * Binds the client ids of an awareness update to the socket (adding them to `held`, its ids in the document), or
   * throws and binds none: `too_many_clients` past the per-socket cap; `forbidden` for an id another socket of this
   * process holds, or one for which `hasState` says the document has a state no socket here holds (relayed from the
   * connection of another process that holds it, until it leaves or its state times out).
   */
  claim(documentId: string, socketId: string, held: Set<number>, clientIds: readonly number[], hasState: (clientId: number) => boolean): void {
    const fresh = [...new Set(clientIds)].filter((clientId) => !held.has(clientId));
    if (fresh.length === 0) return;
    if (held.size + fresh.length > MAX_AWARENESS_CLIENTS_PER_SOCKET) {
      throw new CollabFailure('too_many_clients', `A connection may speak for at most ${MAX_AWARENESS_CLIENTS_PER_SOCKET} awareness client ids in a document.`);
    }
    const holders = this.holders.get(documentId) ?? new Map<number, string>();
    for (const clientId of fresh) {
      const holder = holders.get(clientId);
      if (holder !== undefined ? holder !== socketId : hasState(clientId)) {
        throw new CollabFailure('forbidden', 'That awareness state belongs to another connection.');
      }
    }
    for (const clientId of fresh) {
      holders.set(clientId, socketId);
      held.add(clientId);
    }
    this.holders.set(documentId, holders);
  }

  release(documentId: string, socketId: string, clientIds: Iterable<number>): void {
    const holders = this.holders.get(documentId);
    if (!holders) return;
    for (const clientId of clientIds) if (holders.get(clientId) === socketId) holders.delete(clientId);
    if (holders.size === 0) this.holders.delete(documentId);
  }

  /** The client ids this process's sockets hold in the document, each with its socket. */
  heldHere(documentId: string): [clientId: number, socketId: string][] {
    return [...(this.holders.get(documentId) ?? [])];
  }

  /**
   * Of an awareness update another process relayed, with the socket that sent each entry (`owners`, one per entry),
   * the entries to apply here: never one for an id a socket of this process holds, and at most the per-socket cap of
   * client ids for each sending socket; nothing when `owners` does not match the entries.
   */
  admitRelayed(documentId: string, entries: readonly AwarenessEntry[], owners: unknown): AwarenessEntry[] {
    if (!isStringList(owners) || owners.length !== entries.length) return [];
    const holders = this.holders.get(documentId);
    const idsOf = new Map<string, Set<number>>();
    return entries.filter((entry, i) => {
      const ids = idsOf.get(owners[i]) ?? new Set<number>();
      idsOf.set(owners[i], ids);
      if (!ids.has(entry.clientId) && ids.size >= MAX_AWARENESS_CLIENTS_PER_SOCKET) return false;
      ids.add(entry.clientId);
      return !holders?.has(entry.clientId);
    });
  }
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
