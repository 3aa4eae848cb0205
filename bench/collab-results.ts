/**
 * The figures of `npm run bench:collab` (collab.bench.ts measures them): what each run yields, the aims, and how the
 * results table, the details, and the write ramp's table and verdict print them.
 */
import { type Histogram, type LoopFigures, type Target } from './collab-shared';
import { table } from './support';

export const WORKLOADS = ['idle', 'hot100', 'hot200', 'mix', 'write', 'ramp'] as const;
export type WorkloadKey = (typeof WORKLOADS)[number];
/** Hocuspocus without an extension keeps documents in memory only: it has no durable write to compare with. */
export const CONCERT_ONLY: readonly WorkloadKey[] = ['write', 'ramp'];

/** The aims of the live-documents core issue (item 5): Concert over Hocuspocus in the same run, and the write ramp's. */
const AIM = { fanOutP99Ratio: 1.5, cpuRatio: 1.1, idleRssRatio: 1.0, mixAckP99Ms: 25, rampAckP99Ms: 100, rampDurablePerSecond: 5_000 };
/** A process busy (CPU, or its event loop) this share of a window counts as saturated. */
const SATURATED = 0.9;
/** How long after the window edits may still arrive and count (later ones count as lost). */
export const DRAIN_MS = 2_000;

export const say = (text = '') => process.stdout.write(`${text}\n`);
export const fmt = (value: number, digits = 0) =>
  Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : 'n/a';

// ---------------------------------------------------------------------------------------------------------------
// Results

export interface EditingResult {
  kind: 'editing';
  connections: number;
  connectMs: number;
  /** Edits per editor per second asked of the load processes. */
  offeredPerConnection: number;
  latency: Histogram;
  ack: Histogram;
  /** Deliveries due for the edits sent in the window; those not received within the drain time count as lost. */
  expectedDeliveries: number;
  editsInWindow: number;
  /** The machine's CPU pressure (share of time some runnable task waited for a CPU) over the last 10 s of the window. */
  cpuPressure: number;
  completeness: number;
  deliveriesPerSecond: number;
  editsPerSecond: number;
  /** Rows added to document_updates per second (Concert); null for Hocuspocus. */
  durablePerSecond: number | null;
  serverCpuShare: number;
  serverCpuUsPerDelivery: number;
  serverCpuUsPerDurable: number;
  serverLoop: LoopFigures;
  /** The postmaster and its backends; NaN when PostgreSQL runs elsewhere. */
  postgresCpuShare: number;
  postgresCpuUsPerDelivery: number;
  postgresCpuUsPerDurable: number;
  updateMessagesPerSecond: number;
  /** Each load process's CPU over the window (/proc), as a share of one core. */
  loaderCpuShares: number[];
  /** The busiest load process's event loop: the worst of each figure. */
  loaderLoop: LoopFigures;
  lateSends: number;
  disconnects: number;
  ackFailed: number;
  errors: string[];
}

export interface IdleResult {
  kind: 'idle';
  connections: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  kbPerConnection: number;
  serverCpuShare: number;
  disconnects: number;
  errors: string[];
  connectMs: number;
}

/** The write workload at each offered rate in turn, up to the first whose ack p99 passed the aim's limit. */
export interface RampResult {
  kind: 'ramp';
  steps: EditingResult[];
}

export type Result = EditingResult | IdleResult | RampResult | { kind: 'failed'; reason: string };

// ---------------------------------------------------------------------------------------------------------------
// Report

/** Milliseconds from µs; Infinity (some deliveries or acks never came within the drain time) shows as "lost". */
const ms = (us: number, digits = 1) => (us === Infinity ? `> ${fmt(DRAIN_MS / 1000)} s` : fmt(us / 1000, digits));
/** Fan-out latency quantile in µs, counting the deliveries that never came as infinitely late. */
const fanOut = (result: EditingResult, q: number) => result.latency.quantile(q, result.expectedDeliveries);
const acked = (result: EditingResult, q: number) => result.ack.quantile(q, result.editsInWindow);

interface Aim {
  text: string;
  met: (concert: number, hocuspocus: number) => boolean | null;
}

/** One line of the results table: a figure of each server for one workload. */
interface Metric {
  name: string;
  value: (result: Result) => number | null;
  digits: number;
  aim?: Aim;
}

const ratioAim = (ratio: number): Aim => ({
  text: `≤ ${fmt(ratio, 1)}× Hocuspocus`,
  met: (concert, hocuspocus) => (Number.isFinite(hocuspocus) ? concert <= ratio * hocuspocus : null),
});
const atMost = (limit: number, unit: string): Aim => ({ text: `≤ ${fmt(limit)} ${unit}`, met: (concert) => concert <= limit });
const editing = (pick: (result: EditingResult) => number | null) => (result: Result) => (result.kind === 'editing' ? pick(result) : null);
const QUANTILES = [
  [0.5, 'p50'],
  [0.99, 'p99'],
  [0.999, 'p99.9'],
] as const;

/** p50, p99 and p99.9 in ms of a latency, the p99 with its aim. */
function quantileMetrics(what: string, quantile: (result: EditingResult, q: number) => number, p99Aim?: Aim): Metric[] {
  return QUANTILES.map(([q, name]) => ({
    name: `${what} ${name} ms`,
    value: editing((r) => quantile(r, q) / 1000),
    digits: 2,
    aim: q === 0.99 ? p99Aim : undefined,
  }));
}

function editingMetrics(aims: { fanOutP99?: Aim; ackP99?: Aim; cpu?: Aim }): Metric[] {
  return [
    ...quantileMetrics('fan-out', fanOut, aims.fanOutP99),
    ...quantileMetrics("sender's ack", acked, aims.ackP99),
    { name: 'server event-loop delay p99 ms', value: editing((r) => r.serverLoop.delayP99Ms), digits: 1 },
    { name: 'server worst event-loop stall ms', value: editing((r) => r.serverLoop.delayMaxMs), digits: 1 },
    { name: 'server CPU µs per delivered update', value: editing((r) => r.serverCpuUsPerDelivery), digits: 2, aim: aims.cpu },
    { name: 'durable updates/s', value: editing((r) => r.durablePerSecond), digits: 0 },
    { name: 'deliveries received %', value: editing((r) => r.completeness * 100), digits: 1 },
  ];
}

/** What a durable update costs, and whether the load processes kept up (the write workloads). */
const writeCostMetrics: Metric[] = [
  { name: 'server CPU µs per durable update', value: editing((r) => r.serverCpuUsPerDurable), digits: 1 },
  { name: 'PostgreSQL CPU µs per durable update', value: editing((r) => r.postgresCpuUsPerDurable), digits: 1 },
  { name: 'busiest load process CPU %', value: editing((r) => Math.max(...r.loaderCpuShares) * 100), digits: 0 },
];

function metricsOf(key: WorkloadKey): Metric[] {
  switch (key) {
    case 'idle':
      return [
        { name: 'server RSS KB per connection', value: (r) => (r.kind === 'idle' ? r.kbPerConnection : null), digits: 1, aim: ratioAim(AIM.idleRssRatio) },
        { name: 'server RSS with them, MB', value: (r) => (r.kind === 'idle' ? r.rssAfterMb : null), digits: 0 },
      ];
    case 'hot100':
    case 'hot200':
    case 'mix':
      return editingMetrics({
        fanOutP99: ratioAim(AIM.fanOutP99Ratio),
        ackP99: key === 'mix' ? atMost(AIM.mixAckP99Ms, 'ms') : undefined,
        cpu: ratioAim(AIM.cpuRatio),
      });
    case 'write':
      return [...editingMetrics({}), ...writeCostMetrics];
    case 'ramp':
      return [
        {
          name: `durable updates/s, ack p99 ≤ ${AIM.rampAckP99Ms} ms`,
          value: (r) => (r.kind === 'ramp' ? (highestKeptUp(r)?.durablePerSecond ?? 0) : null),
          digits: 0,
          aim: { text: `≥ ${fmt(AIM.rampDurablePerSecond)}/s`, met: (concert) => concert >= AIM.rampDurablePerSecond },
        },
      ];
  }
}

/** The results table: each figure of Concert beside Hocuspocus's, their ratio, and the aim. */
/** What was run: the workloads in order, the servers. */
export interface Selection {
  workloads: WorkloadKey[];
  targets: Target[];
}

export type Results = Map<Target, Map<WorkloadKey, Result>>;

export function report(selection: Selection, labels: Record<WorkloadKey, string>, results: Results): { allMet: boolean; failures: string[] } {
  const get = (target: Target, key: WorkloadKey) => results.get(target)?.get(key);
  const failures: string[] = [];
  for (const [target, byWorkload] of results) {
    for (const [key, result] of byWorkload) if (result.kind === 'failed') failures.push(`${target} ${labels[key]}: ${result.reason}`);
  }
  const rows: string[][] = [];
  let allMet = true;
  const row = (label: string, metric: Metric, key: WorkloadKey) => {
    const c = get('concert', key);
    const h = get('hocuspocus', key);
    const cv = c && c.kind !== 'failed' ? metric.value(c) : null;
    const hv = h && h.kind !== 'failed' ? metric.value(h) : null;
    const shown = (result: Result | undefined, v: number | null) =>
      result === undefined ? '—' : result.kind === 'failed' ? 'FAILED' : v === null ? 'n/a' : v === Infinity ? `> ${fmt(DRAIN_MS)}` : fmt(v, metric.digits);
    const ratio = cv !== null && hv !== null && Number.isFinite(cv) && Number.isFinite(hv) && hv !== 0 ? `${fmt(cv / hv, 2)}×` : '';
    let verdict = '';
    if (metric.aim) {
      const met = cv === null ? null : metric.aim.met(cv, hv ?? NaN);
      verdict = met === null ? 'unmeasured' : met ? 'met' : 'NOT MET';
      if (met !== true) allMet = false;
    }
    rows.push([label, metric.name, shown(c, cv), shown(h, hv), ratio, metric.aim?.text ?? '', verdict]);
  };
  for (const key of selection.workloads) metricsOf(key).forEach((metric, i) => row(i === 0 ? labels[key] : '', metric, key));
  say(table(['workload', 'metric', 'Concert', 'Hocuspocus', 'Concert/HP', 'aim', 'aim met?'], rows, [false, false, true, true, true, false, false]));
  return { allMet, failures };
}

const percent = (share: number) => fmt(share * 100, 0);
/** Each load process's CPU, % of a core: "97, 95". */
const loaderCpu = (result: EditingResult) => result.loaderCpuShares.map(percent).join(', ');

function detailsRow(result: EditingResult): string[] {
  return [
    fmt(result.connections),
    fmt(result.connectMs / 1000, 1),
    fmt(result.editsPerSecond),
    fmt(result.deliveriesPerSecond),
    fmt(result.updateMessagesPerSecond),
    ms(result.latency.max, 0),
    `${percent(result.serverCpuShare)} / ${percent(result.serverLoop.utilization)}`,
    result.durablePerSecond === null ? '' : `${percent(result.postgresCpuShare)} / ${fmt(result.postgresCpuUsPerDelivery, 2)}`,
    `${loaderCpu(result)} / ${fmt(result.loaderLoop.delayP99Ms, 1)}`,
    percent(result.cpuPressure),
    `${result.disconnects}${result.ackFailed ? `, ${result.ackFailed} acks failed` : ''}${result.lateSends ? `, ${result.lateSends} late sends` : ''}`,
  ];
}

function idleDetailsRow(result: IdleResult): string[] {
  const rss = `RSS ${fmt(result.rssBeforeMb)} → ${fmt(result.rssAfterMb)} MB`;
  return [fmt(result.connections), fmt(result.connectMs / 1000, 1), '', '', '', '', percent(result.serverCpuShare), '', '', '', `${result.disconnects}; ${rss}`];
}

/** The details table (rates over the window) and what makes a figure less trustworthy. */
export function details(selection: Selection, labels: Record<WorkloadKey, string>, results: Results): void {
  const rows: string[][] = [];
  const measured: { where: string; result: EditingResult | IdleResult }[] = [];
  for (const key of selection.workloads) {
    for (const target of selection.targets) {
      const result = results.get(target)?.get(key);
      if (!result || result.kind === 'ramp') continue;
      if (result.kind === 'failed') {
        rows.push([labels[key], target, 'FAILED']);
        continue;
      }
      rows.push([labels[key], target, ...(result.kind === 'idle' ? idleDetailsRow(result) : detailsRow(result))]);
      measured.push({ where: `  ${target}, ${labels[key]}:`, result });
    }
  }
  const header = [
    ...['workload', 'server', 'conns', 'connect s', 'edits/s', 'deliveries/s', 'update msgs rcvd/s', 'fan-out max ms'],
    ...['server CPU % / loop busy %', 'pg CPU % / µs per deliv', 'load CPU % each / lag p99 ms', 'CPU pressure %', 'disconnects etc.'],
  ];
  say(table(header, rows, [false, false, ...header.slice(2, -1).map(() => true), false]));
  for (const { where, result } of measured) {
    if (result.errors.length > 0) say(`${where} ${result.errors.join(' | ')}`);
    if (result.kind === 'editing') for (const warning of warnings(result)) say(`${where} ${warning}`);
  }
}

/** What makes the figures of a window less trustworthy. */
function warnings(result: EditingResult): string[] {
  const found: string[] = [];
  if (result.completeness < 0.99) {
    found.push(`only ${fmt(result.completeness * 100, 1)}% of the deliveries came within ${fmt(DRAIN_MS / 1000)} s of the window; the rest count as lost (latency "> ${fmt(DRAIN_MS)}").`);
  }
  if (result.lateSends > 0 || result.loaderLoop.delayP99Ms > 10) {
    found.push(`the load processes lagged (event-loop delay p99 ${fmt(result.loaderLoop.delayP99Ms, 1)} ms, ${result.lateSends} sends over a period late): their own queueing is in these latencies.`);
  }
  if (result.cpuPressure > 0.5) {
    found.push(`the machine's CPUs were contended: ${fmt(result.cpuPressure * 100)}% of the time some task waited for one (this benchmark's own processes included: the server, PostgreSQL and the load processes share the CPUs; with other work running, the figures are not representative).`);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------------
// The write ramp

/** Whether the sender's ack p99 stayed within the ramp's limit (edits never acknowledged count as infinitely late). */
export const keptUp = (step: EditingResult) => acked(step, 0.99) <= AIM.rampAckP99Ms * 1000;

/** The last step (of increasing rates) whose ack p99 stayed within the limit. */
function highestKeptUp(result: RampResult): EditingResult | undefined {
  return result.steps.filter(keptUp).at(-1);
}

/** Whether the load processes, the server, were saturated in a window (CPU or event loop near full, sends late). */
function saturation(step: EditingResult): { loaders: boolean; server: boolean } {
  return {
    loaders: step.loaderCpuShares.some((share) => share >= SATURATED) || step.loaderLoop.utilization >= SATURATED || step.lateSends > 0.01 * step.editsInWindow,
    server: step.serverCpuShare >= SATURATED || step.serverLoop.utilization >= SATURATED,
  };
}

const ackQuantiles = (step: EditingResult) => QUANTILES.map(([q]) => ms(acked(step, q), 1)).join(' / ');

export function rampStepLine(step: EditingResult): string {
  return (
    `${step.offeredPerConnection}/s per connection: ${fmt(step.editsPerSecond)} edits/s sent, ${fmt(step.durablePerSecond ?? NaN)} durable/s, ` +
    `ack p50/p99/p99.9 ${ackQuantiles(step)} ms; server CPU ${percent(step.serverCpuShare)}% (loop ${percent(step.serverLoop.utilization)}% busy), ` +
    `PostgreSQL ${percent(step.postgresCpuShare)}%, load processes ${loaderCpu(step)}%`
  );
}

export function rampTable(result: RampResult): string {
  const rows = result.steps.map((step) => [
    `${step.offeredPerConnection}`,
    fmt(step.offeredPerConnection * step.connections),
    fmt(step.editsPerSecond),
    fmt(step.durablePerSecond ?? NaN),
    ackQuantiles(step),
    ms(fanOut(step, 0.99), 1),
    `${percent(step.serverCpuShare)} / ${percent(step.serverLoop.utilization)}`,
    fmt(step.serverLoop.delayMaxMs, 0),
    fmt(step.serverCpuUsPerDurable, 1),
    percent(step.postgresCpuShare),
    fmt(step.postgresCpuUsPerDurable, 1),
    `${loaderCpu(step)} / ${percent(step.loaderLoop.utilization)}`,
    `${fmt(step.loaderLoop.delayP99Ms, 1)} / ${fmt(step.lateSends)}`,
    percent(step.cpuPressure),
    keptUp(step) ? 'yes' : 'NO',
  ]);
  const header = [
    'edits/s per conn',
    'offered/s',
    'sent/s',
    'durable/s',
    'ack p50 / p99 / p99.9 ms',
    'fan-out p99 ms',
    'server CPU % / loop busy %',
    'server stall ms',
    'server µs/durable',
    'pg CPU %',
    'pg µs/durable',
    'load CPU % each / loop busy %',
    'load lag p99 ms / late sends',
    'CPU pressure %',
    `ack p99 ≤ ${AIM.rampAckP99Ms} ms`,
  ];
  return table(header, rows, header.map(() => true));
}

/** Where the ramp stopped, and which process gave out first. */
export function rampVerdict(result: RampResult): string[] {
  const best = highestKeptUp(result);
  const limit = result.steps.find((step) => !keptUp(step));
  const at = limit ?? result.steps.at(-1);
  const lines = [
    best
      ? `Highest durable rate with the sender's ack p99 ≤ ${AIM.rampAckP99Ms} ms: ${fmt(best.durablePerSecond ?? NaN)} updates/s ` +
        `(${best.offeredPerConnection} edits/s per connection); aim ≥ ${fmt(AIM.rampDurablePerSecond)}/s ${(best.durablePerSecond ?? 0) >= AIM.rampDurablePerSecond ? 'met' : 'NOT MET'}.`
      : `No step kept the sender's ack p99 within ${AIM.rampAckP99Ms} ms; aim ≥ ${fmt(AIM.rampDurablePerSecond)}/s NOT MET.`,
    limit
      ? `The ack p99 passed ${AIM.rampAckP99Ms} ms at ${limit.offeredPerConnection} edits/s per connection (${ms(acked(limit, 0.99), 1)} ms); the ramp stopped there.`
      : `The ack p99 stayed within ${AIM.rampAckP99Ms} ms at every step: add higher rates to BENCH_RAMP_RATES to find the limit.`,
  ];
  if (!at) return lines;
  const { loaders, server } = saturation(at);
  const figures =
    `Server CPU ${percent(at.serverCpuShare)}%, its loop ${percent(at.serverLoop.utilization)}% busy; busiest load process ${percent(Math.max(...at.loaderCpuShares))}% of a core, ` +
    `its loop ${percent(at.loaderLoop.utilization)}% busy, ${fmt(at.lateSends)} late sends; PostgreSQL ${percent(at.postgresCpuShare)}%; CPU pressure ${percent(at.cpuPressure)}%`;
  const who =
    loaders && !server
      ? "the load processes saturated before the server: the rate found is the load processes' limit, not the server's"
      : server && !loaders
        ? 'the server saturated first'
        : loaders && server
          ? 'the server and the load processes both saturated'
          : "neither the server nor the load processes saturated: the acks waited on something else (PostgreSQL's commits, the batcher's single write in flight)";
  lines.push(`At ${at.offeredPerConnection} edits/s per connection ${who}.`, `${figures}.`);
  if (at.cpuPressure > 0.5) {
    lines.push(`The machine's CPUs were contended there: a process waiting for a CPU counts as busy in its loop's share, which then overstates its own work.`);
  }
  lines.push(`Server side there: ${fmt(at.serverCpuUsPerDurable, 1)} µs of server CPU and ${fmt(at.postgresCpuUsPerDurable, 1)} µs of PostgreSQL CPU per durable update.`);
  return lines;
}

/** What a run printed as soon as it was done. */
export function summaryLine(result: Result): string | null {
  switch (result.kind) {
    case 'idle':
      return `${fmt(result.kbPerConnection, 1)} KB per connection (RSS ${fmt(result.rssBeforeMb)} → ${fmt(result.rssAfterMb)} MB)`;
    case 'editing':
      return (
        `fan-out p50/p99/p99.9 ${QUANTILES.map(([q]) => ms(fanOut(result, q), 2)).join(' / ')} ms, ack ${ackQuantiles(result)} ms, ` +
        `server stall ≤ ${fmt(result.serverLoop.delayMaxMs, 0)} ms, ${fmt(result.serverCpuUsPerDelivery, 2)} µs server CPU per delivery, ` +
        `${fmt(result.deliveriesPerSecond)} deliveries/s, ${fmt(result.completeness * 100, 1)}% received` +
        (result.durablePerSecond === null ? '' : `, ${fmt(result.durablePerSecond)} durable updates/s`)
      );
    case 'ramp':
    case 'failed':
      return null;
  }
}
