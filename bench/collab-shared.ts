/**
 * What the live-document benchmark's orchestrator (collab.bench.ts) and its load generators (collab-load.ts, run in
 * child processes) share: the messages between them, the clock, and a latency histogram that merges across processes.
 */

export type Target = 'concert' | 'hocuspocus';

/** One document as one load process sees it. */
export interface DocumentShare {
  id: string;
  /** Replicas of this document over every load process (for the deliveries expected). */
  replicas: number;
  /** Replicas this load process opens. */
  local: number;
}

export interface LoadPlan {
  target: Target;
  /** Concert: http://127.0.0.1:port (socket.io, namespace /collab). Hocuspocus: ws://127.0.0.1:port. */
  url: string;
  /** Session cookies (Concert); connections take them in turn. */
  cookies: string[];
  documents: DocumentShare[];
  /** Per connection; 0: the connection only joins and listens. */
  editsPerSecond: number;
  awarenessPerSecond: number;
  /** Apply every received update to a Y.Doc per replica (else each distinct payload is decoded once per process). */
  apply: boolean;
  /** Edits each editor makes ahead of time (when it does not apply), enough for the run; later ones are made live. */
  preparedEdits: number;
  connectConcurrency: number;
  connectTimeoutMs: number;
}

export type ToLoader =
  | { type: 'plan'; plan: LoadPlan }
  | { type: 'start'; windowStartUs: number; windowEndUs: number }
  | { type: 'collect' }
  | { type: 'close' };

export type FromLoader =
  | { type: 'ready'; connected: number; failed: number; firstError: string | null; connectMs: number }
  | { type: 'stats'; stats: LoadStats }
  | { type: 'closed' }
  | { type: 'fatal'; message: string };

export interface LoadStats {
  /** Fan-out latency (µs) of every delivery of an edit sent inside the window, to every replica but its sender. */
  latency: SparseHistogram;
  /** Time (µs) from sending an edit inside the window to the server's acknowledgement. */
  ack: SparseHistogram;
  /** Deliveries (an edit reaching a replica other than its sender) received inside the window, whenever sent. */
  deliveredInWindow: number;
  /** For this process's edits sent inside the window: the deliveries due (replicas of the document − 1 each). */
  expectedDeliveries: number;
  editsInWindow: number;
  editsTotal: number;
  acked: number;
  ackFailed: number;
  awarenessSent: number;
  awarenessReceived: number;
  /** Sync update messages received (one may carry many edits). */
  updateMessages: number;
  /** Edits or awareness sends that fired over a period late: the load process could not keep up. */
  lateSends: number;
  disconnects: number;
  errorCount: number;
  errors: string[];
  /** This process's CPU seconds inside the window. */
  cpuSeconds: number;
  /** This process's event-loop delay inside the window (ms): its own queueing, part of every latency it measures. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
}

/** Microseconds of CLOCK_MONOTONIC: the same clock in every process of the machine. */
export function nowUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

export interface SparseHistogram {
  count: number;
  sum: number;
  max: number;
  /** [bucket, count] of 10 µs buckets (0–100 ms), then of 1 ms buckets. */
  fine: [number, number][];
  coarse: [number, number][];
}

const FINE_US = 10;
const FINE_BUCKETS = 10_000;
const COARSE_US = 1_000;

/** Latencies in µs: 10 µs buckets up to 100 ms, 1 ms buckets beyond. */
export class Histogram {
  private readonly fine = new Float64Array(FINE_BUCKETS);
  private readonly coarse = new Map<number, number>();
  count = 0;
  sum = 0;
  max = 0;

  record(us: number): void {
    const value = us > 0 ? us : 0;
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
    const bucket = Math.floor(value / FINE_US);
    if (bucket < FINE_BUCKETS) this.fine[bucket]++;
    else {
      const coarse = Math.floor(value / COARSE_US);
      this.coarse.set(coarse, (this.coarse.get(coarse) ?? 0) + 1);
    }
  }

  add(sparse: SparseHistogram): void {
    this.count += sparse.count;
    this.sum += sparse.sum;
    this.max = Math.max(this.max, sparse.max);
    for (const [bucket, n] of sparse.fine) this.fine[bucket] += n;
    for (const [bucket, n] of sparse.coarse) this.coarse.set(bucket, (this.coarse.get(bucket) ?? 0) + n);
  }

  toSparse(): SparseHistogram {
    const fine: [number, number][] = [];
    this.fine.forEach((n, bucket) => {
      if (n > 0) fine.push([bucket, n]);
    });
    return { count: this.count, sum: this.sum, max: this.max, fine, coarse: [...this.coarse.entries()] };
  }

  /**
   * The q-quantile in µs (the middle of its bucket); NaN when empty. With `outOf` (the samples due, at least
   * `count`), the missing ones count as infinitely late: a quantile among them is Infinity.
   */
  quantile(q: number, outOf = this.count): number {
    if (outOf === 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * Math.max(outOf, this.count)));
    if (rank > this.count) return Infinity;
    let seen = 0;
    for (let bucket = 0; bucket < FINE_BUCKETS; bucket++) {
      seen += this.fine[bucket];
      if (seen >= rank) return Math.min(this.max, (bucket + 0.5) * FINE_US);
    }
    for (const [bucket, n] of [...this.coarse.entries()].sort((a, b) => a[0] - b[0])) {
      seen += n;
      if (seen >= rank) return Math.min(this.max, (bucket + 0.5) * COARSE_US);
    }
    return this.max;
  }
}
