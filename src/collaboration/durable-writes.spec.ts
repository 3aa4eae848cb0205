import type { DocumentStore, PendingUpdate } from '../documents/document-store';
import type { LiveMetrics } from '../metrics/live-metrics';
import { DurableWrites, MAX_UPDATES_PER_INSERT, MAX_WRITES_IN_FLIGHT } from './durable-writes';

/**
 * The batcher's own rules, with a store whose INSERTs the test answers one by one. (That the rows reach PostgreSQL,
 * and that acks wait for the commit, the e2e tests show with the real database: collab-relay-first.e2e-spec.ts.)
 */
class ControlledStore {
  readonly calls: { batch: PendingUpdate[]; succeed: () => void; fail: (error: Error) => void }[] = [];

  append(batch: readonly PendingUpdate[]): Promise<void> {
    return new Promise((resolve, reject) => this.calls.push({ batch: [...batch], succeed: resolve, fail: reject }));
  }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const update = (n: number) => ({ documentId: 'doc-1', update: new Uint8Array([n]), userId: 'user-1' });

describe('DurableWrites', () => {
  let store: ControlledStore;
  let writes: DurableWrites;
  let acknowledged: number;

  beforeEach(() => {
    store = new ControlledStore();
    acknowledged = 0;
    writes = new DurableWrites(store as unknown as DocumentStore, { acknowledged: () => acknowledged++ } as unknown as LiveMetrics);
  });
  afterEach(() => writes.stop());

  it('writes what arrives in one turn in one INSERT, and calls stored() only once that INSERT has committed', async () => {
    const stored: number[] = [];
    writes.write([1, 2].map((n) => ({ ...update(n), stored: () => stored.push(n) })));
    writes.write([{ ...update(3), stored: () => stored.push(3) }]);
    await turn();
    expect(store.calls).toHaveLength(1);
    expect(store.calls[0].batch.map((u) => u.update[0])).toEqual([1, 2, 3]);
    expect(stored).toEqual([]);
    expect(writes.pending).toBe(3);
    store.calls[0].succeed();
    await turn();
    expect(stored).toEqual([1, 2, 3]);
    expect(writes.pending).toBe(0);
    expect(acknowledged).toBe(3);
  });

  it(`keeps at most ${MAX_WRITES_IN_FLIGHT} INSERT(s) under way; what arrives meanwhile goes into the next one`, async () => {
    for (let n = 0; n < MAX_WRITES_IN_FLIGHT + 1; n++) {
      writes.write([{ ...update(n), stored: () => undefined }]);
      await turn();
    }
    expect(store.calls).toHaveLength(MAX_WRITES_IN_FLIGHT);
    store.calls[0].succeed();
    await turn();
    await turn();
    expect(store.calls).toHaveLength(MAX_WRITES_IN_FLIGHT + 1);
  });

  it(`puts at most ${MAX_UPDATES_PER_INSERT} updates in one INSERT; the rest follow in the next`, async () => {
    writes.write(Array.from({ length: MAX_UPDATES_PER_INSERT + 5 }, (_, n) => ({ ...update(n % 250), stored: () => undefined })));
    await turn();
    expect(store.calls.map((call) => call.batch.length)).toEqual([MAX_UPDATES_PER_INSERT]);
    store.calls[0].succeed();
    await turn();
    await turn();
    expect(store.calls.map((call) => call.batch.length)).toEqual([MAX_UPDATES_PER_INSERT, 5]);
  });

  it('keeps a failed batch, in front, and tries it again; stored() comes only when a try succeeds', async () => {
    const stored: number[] = [];
    writes.write([{ ...update(1), stored: () => stored.push(1) }]);
    await turn();
    store.calls[0].fail(new Error('the disk is full'));
    await turn();
    writes.write([{ ...update(2), stored: () => stored.push(2) }]);
    expect(writes.pending).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(store.calls).toHaveLength(2);
    expect(store.calls[1].batch.map((u) => u.update[0])).toEqual([1, 2]);
    expect(stored).toEqual([]);
    store.calls[1].succeed();
    await turn();
    expect(stored).toEqual([1, 2]);
  });

  it('drained() resolves once everything handed over so far is stored', async () => {
    writes.write([{ ...update(1), stored: () => undefined }]);
    let drained = false;
    const waiting = writes.drained().then(() => (drained = true));
    await turn();
    expect(drained).toBe(false);
    store.calls[0].succeed();
    await waiting;
    expect(drained).toBe(true);
  });
});
