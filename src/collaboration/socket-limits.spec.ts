import { CollabFailure } from './collab-failure';
import { MAX_DOCUMENTS_PER_SOCKET, MAX_SOCKETS_PER_USER, MESSAGES_PER_SECOND, SocketLimits } from './socket-limits';

/** The code a call throws (fails the test when it throws nothing, or something else than a CollabFailure). */
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

describe('SocketLimits', () => {
  let now: number;
  let limits: SocketLimits;
  beforeEach(() => {
    now = 1_000_000;
    limits = new SocketLimits();
    limits.now = () => now;
  });

  it(`admits ${MAX_SOCKETS_PER_USER} sockets per user, refuses the next, and admits again once one is released`, () => {
    for (let i = 0; i < MAX_SOCKETS_PER_USER; i++) expect(limits.admit('ana', `s${i}`)).toBeNull();
    expect(limits.admit('ana', 'one-too-many')).toBe('too_many_connections');
    expect(limits.admit('ben', 'b0')).toBeNull();
    limits.release('ana', 's3');
    limits.release('ana', 's3');
    expect(limits.socketsOf('ana')).toBe(MAX_SOCKETS_PER_USER - 1);
    expect(limits.admit('ana', 'next')).toBeNull();
    expect(limits.admit('ana', 'and-the-next')).toBe('too_many_connections');
  });

  it(`counts ${MESSAGES_PER_SECOND} events a second per socket, refuses the rest of that second, and starts afresh after it`, () => {
    for (let i = 0; i < MESSAGES_PER_SECOND; i++) limits.spend('s1');
    expect(refusal(() => limits.spend('s1'))).toBe('rate_limited');
    limits.spend('s2');
    now += 999;
    expect(refusal(() => limits.spend('s1'))).toBe('rate_limited');
    now += 1;
    limits.spend('s1');
  });

  it('forgets a released socket\'s window', () => {
    for (let i = 0; i < MESSAGES_PER_SECOND; i++) limits.spend('s1');
    limits.release('ana', 's1');
    limits.spend('s1');
  });

  it(`reserves at most ${MAX_DOCUMENTS_PER_SOCKET} documents per socket, joins in flight included`, () => {
    const done = Array.from({ length: MAX_DOCUMENTS_PER_SOCKET }, () => limits.startJoin('s1', 0));
    expect(refusal(() => limits.startJoin('s1', 0))).toBe('too_many_documents');
    limits.startJoin('s2', 0)();
    // Each join done: its seat is now counted as joined (or given back when it failed).
    done[0]();
    done[0]();
    expect(refusal(() => limits.startJoin('s1', 1))).toBe('too_many_documents');
    limits.startJoin('s1', 0);
    for (const finish of done) finish();
    expect(refusal(() => limits.startJoin('s1', MAX_DOCUMENTS_PER_SOCKET))).toBe('too_many_documents');
    limits.startJoin('s1', MAX_DOCUMENTS_PER_SOCKET - 2);
  });
});
