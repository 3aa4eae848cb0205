/**
 * What the live-document benchmark's orchestrator (collab.bench.ts) and its load generators (collab-load.ts, run in
 * child processes) and the probe in each server (server-loop-probe.ts) share: the messages between them, the clock, a
 * latency histogram that merges across processes, and the event-loop window every process measures itself with.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

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
  /** Whether the connections edit (at the rate each `start` gives), else they only join and listen. */
  edits: boolean;
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
  /** Begins a measurement afresh: edits at `editsPerSecond` per editor (the ramp changes it) until the window's end. */
  | { type: 'start'; windowStartUs: number; windowEndUs: number; editsPerSecond: number }
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
  /** This process's event loop inside the window: its delay is its own queueing, part of every latency it measures. */
  loop: LoopFigures;
}

/**
 * The orchestrator's messages to the probe preloaded into each server (server-loop-probe.ts): `reset` when the window
 * opens, `collect` when it closes, answered with LoopFigures over that window.
 */
export type ToServerProbe = { type: 'loop-probe'; command: 'reset' | 'collect' };
export type FromServerProbe = { type: 'loop-figures'; figures: LoopFigures };

/** A process's event loop over a window. */
export interface LoopFigures {
  /** perf_hooks.monitorEventLoopDelay (10 ms resolution), less the period: p99 and the worst stall, in ms. */
  delayP99Ms: number;
  delayMaxMs: number;
  /** Share of the window the loop was busy (perf_hooks.eventLoopUtilization). */
  utilization: number;
}

/** The sampling period of LoopWindow's delay monitor, ms. */
const LOOP_RESOLUTION_MS = 10;

/** Measures the event loop of this process from `reset` to `figures`. */
export class LoopWindow {
  private readonly delay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
  private utilizationAtStart = performance.eventLoopUtilization();

  reset(): void {
    this.delay.reset();
    this.delay.enable();
    this.utilizationAtStart = performance.eventLoopUtilization();
  }

  figures(): LoopFigures {
    this.delay.disable();
    // No turn of the loop between `reset` and now: both came after a stall that this window cannot size.
    if (this.delay.count === 0) return { delayP99Ms: NaN, delayMaxMs: NaN, utilization: NaN };
    // The monitor records the time between its timer's turns (ns): an idle loop shows the period itself.
    const lateMs = (ns: number) => Math.max(0, ns / 1e6 - LOOP_RESOLUTION_MS);
    return {
      delayP99Ms: lateMs(this.delay.percentile(99)),
      delayMaxMs: lateMs(this.delay.max),
      utilization: performance.eventLoopUtilization(this.utilizationAtStart).utilization,
    };
  }
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
