import { AwarenessClaims } from './awareness-claims';
import type { AwarenessEntry } from './awareness-codec';
import { CollabFailure } from './collab-failure';
import { MAX_AWARENESS_CLIENTS_PER_SOCKET } from './socket-limits';

const DOC = 'doc-1';
const entry = (clientId: number): AwarenessEntry => ({ clientId, clock: 1, state: { cursor: null } });
const noState = () => false;

function refusal(call: () => unknown): string {
  let thrown: unknown;
  try {
    call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(CollabFailure);
  return (thrown as CollabFailure).code;
}

describe('AwarenessClaims', () => {
  let claims: AwarenessClaims;
  beforeEach(() => {
    claims = new AwarenessClaims();
  });

  it(`binds up to ${MAX_AWARENESS_CLIENTS_PER_SOCKET} client ids to a socket, and refuses the next whole (too_many_clients)`, () => {
    const held = new Set<number>();
    claims.claim(DOC, 's1', held, [1, 2, 3], noState);
    claims.claim(DOC, 's1', held, [3, 4], noState);
    expect([...held]).toEqual([1, 2, 3, 4]);
    expect(refusal(() => claims.claim(DOC, 's1', held, [4, 5], noState))).toBe('too_many_clients');
    expect([...held]).toEqual([1, 2, 3, 4]);
    const other = new Set<number>();
    expect(refusal(() => claims.claim(DOC, 's2', other, [10, 11, 12, 13, 14], noState))).toBe('too_many_clients');
    expect(other.size).toBe(0);
  });

  it("refuses an id another socket here holds, or whose state another process relayed (forbidden), and binds none of the update's ids", () => {
    claims.claim(DOC, 's1', new Set(), [1], noState);
    const held = new Set<number>();
    expect(refusal(() => claims.claim(DOC, 's2', held, [7, 1], noState))).toBe('forbidden');
    expect(refusal(() => claims.claim(DOC, 's2', held, [8], (clientId) => clientId === 8))).toBe('forbidden');
    expect(held.size).toBe(0);
    // The same id in another document is free.
    claims.claim('doc-2', 's2', held, [1], noState);
    expect([...held]).toEqual([1]);
  });

  it('frees the ids of a socket that leaves, and only its own', () => {
    claims.claim(DOC, 's1', new Set(), [1, 2], noState);
    claims.release(DOC, 's2', [1]);
    expect(refusal(() => claims.claim(DOC, 's2', new Set(), [1], noState))).toBe('forbidden');
    claims.release(DOC, 's1', [1, 2]);
    claims.claim(DOC, 's2', new Set(), [1], noState);
    expect(claims.heldHere(DOC)).toEqual([[1, 's2']]);
  });

  it(`applies of a relayed update at most ${MAX_AWARENESS_CLIENTS_PER_SOCKET} ids per sending socket, and none a socket here holds`, () => {
    claims.claim(DOC, 'here', new Set(), [3], noState);
    const entries = [1, 2, 3, 4, 5, 6, 7].map(entry);
    const owners = ['far', 'far', 'far', 'far', 'far', 'far', 'other'];
    expect(claims.admitRelayed(DOC, entries, owners).map((e) => e.clientId)).toEqual([1, 2, 4, 7]);
  });

  it('applies nothing of a relayed update whose owners do not match its entries', () => {
    const entries = [entry(1), entry(2)];
    expect(claims.admitRelayed(DOC, entries, undefined)).toEqual([]);
    expect(claims.admitRelayed(DOC, entries, ['far'])).toEqual([]);
    expect(claims.admitRelayed(DOC, entries, ['far', 42])).toEqual([]);
    expect(claims.admitRelayed(DOC, entries, ['far', 'far'])).toEqual(entries);
  });
});
