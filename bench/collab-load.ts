/**
 * The load generator of `npm run bench:collab`, forked by collab.bench.ts so that it never shares the server's event
 * loop. It opens the replicas of its plan (Concert: socket.io clients speaking docs/collaboration-protocol.md;
 * Hocuspocus: `ws` clients speaking the Hocuspocus provider's protocol), has the editors among them type, and measures.
 *
 * Each edit is one transaction: one character typed into the Y.Text `body`, plus a stamp `T<seq>:<µs>` appended to
 * the Y.Array `stamps`, carrying the sending time on CLOCK_MONOTONIC (shared by every process of the machine). An
 * array, not one map key per editor overwritten at each edit: a server that relays the update of its own document's
 * transaction (as Concert does for a batch) rightly leaves out a map value a later one in the batch replaced, and the
 * edit would look lost. A replica that receives an update reads the stamps in it and records its receiving time − their sending
 * time, for every stamp but its own. Every replica of this process receives the same payload, so by default a payload
 * is decoded once per process (as if each replica had its own CPU, as browsers do); BENCH_APPLY=1 makes each replica
 * apply each update to its own Y.Doc before it records.
 *
 * Messages with the orchestrator: see collab-shared.ts. Each `start` begins a new window at the rate it gives, on the
 * connections already open (the write ramp sends several). The process leaves when its parent goes.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { JoinAck, SyncAck } from '../src/collaboration/protocol';
import { type DocumentShare, type FromLoader, Histogram, type LoadPlan, type LoadStats, type LoopFigures, LoopWindow, nowUs, type ToLoader } from './collab-shared';

// y-protocols message types (sync) and Hocuspocus's outer message types.
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;
const HP_SYNC = 0;
const HP_AWARENESS = 1;
const HP_AUTH = 2;
const HP_SYNC_REPLY = 4;
const HP_CLOSE = 7;
const HP_SYNC_STATUS = 8;
const HP_AUTH_TOKEN = 0;
const HP_AUTH_DENIED = 1;

const LOCAL = Symbol('local edit');
const MAX_ERRORS_KEPT = 8;

function send(message: FromLoader): void {
  process.send?.(message);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------------------------
// Measurements

class Meter {
  readonly latency = new Histogram();
  readonly ack = new Histogram();
  windowStartUs = Infinity;
  windowEndUs = Infinity;
  deliveredInWindow = 0;
  expectedDeliveries = 0;
  editsInWindow = 0;
  editsTotal = 0;
  acked = 0;
  ackFailed = 0;
  awarenessSent = 0;
  awarenessReceived = 0;
  updateMessages = 0;
  lateSends = 0;
  disconnects = 0;
  errorCount = 0;
  readonly errors: string[] = [];
  loop: LoopFigures = { delayP99Ms: NaN, delayMaxMs: NaN, utilization: NaN };

  inWindow(us: number): boolean {
    return us >= this.windowStartUs && us < this.windowEndUs;
  }

  error(text: string): void {
    this.errorCount++;
    if (this.errors.length < MAX_ERRORS_KEPT && !this.errors.includes(text)) this.errors.push(text);
  }

  stats(): LoadStats {
    return {
      latency: this.latency.toSparse(),
      ack: this.ack.toSparse(),
      deliveredInWindow: this.deliveredInWindow,
      expectedDeliveries: this.expectedDeliveries,
      editsInWindow: this.editsInWindow,
      editsTotal: this.editsTotal,
      acked: this.acked,
      ackFailed: this.ackFailed,
      awarenessSent: this.awarenessSent,
      awarenessReceived: this.awarenessReceived,
      updateMessages: this.updateMessages,
      lateSends: this.lateSends,
      disconnects: this.disconnects,
      errorCount: this.errorCount,
      errors: this.errors,
      loop: this.loop,
    };
  }
}

/** The current window's; each `start` begins a new one (the ramp measures several windows on the same connections). */
let meter = new Meter();

interface Stamp {
  client: number;
  sentUs: number;
}

/** What an update message carries: the Yjs update and the stamps in it. */
interface Received {
  update: Uint8Array;
  stamps: Stamp[];
}

/** Payloads already decoded in this process: every replica of a document receives the same bytes. */
class PayloadMemo {
  private readonly entries = new Map<string, Received>();

  get(key: string, decode: () => Received): Received {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = decode();
      if (this.entries.size >= 2_000) this.entries.clear();
      this.entries.set(key, entry);
    }
    return entry;
  }
}

const memo = new PayloadMemo();

function stampsOf(update: Uint8Array): Stamp[] {
  const stamps: Stamp[] = [];
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
    for (const value of struct.content.arr) {
      if (typeof value !== 'string' || value[0] !== 'T') continue;
      const colon = value.indexOf(':');
      stamps.push({ client: struct.id.client, sentUs: Number(value.slice(colon + 1)) });
    }
  }
  return stamps;
}

// ---------------------------------------------------------------------------------------------------------------
// Replicas

const EMPTY_DOC = new Y.Doc();
/** The sending time in a prepared edit's stamp: 16 digits of µs, written over these when it is sent. */
const PLACEHOLDER = '0'.repeat(16);
const PLACEHOLDER_BYTES = Buffer.from(`:${PLACEHOLDER}`, 'latin1');

/** Where the placeholder's digits are in an update (the stamp is stored as UTF-8 text in it). */
function placeholderAt(update: Uint8Array): number {
  const bytes = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
  const at = bytes.indexOf(PLACEHOLDER_BYTES);
  if (at < 0 || bytes.indexOf(PLACEHOLDER_BYTES, at + 1) >= 0) throw new Error('a prepared edit does not hold exactly one placeholder');
  return at + 1;
}
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz ';

abstract class Replica {
  readonly doc: Y.Doc;
  readonly clientId: number;
  closing = false;
  private readonly text: Y.Text | null;
  private readonly stamps: Y.Array<string> | null;
  private cursor: Y.RelativePosition | null = null;
  private seq = 0;
  /** Edits made ahead of time (see prepare), sent in turn with their stamp's time filled in. */
  private prepared: { update: Uint8Array; at: number }[] = [];
  private nextPrepared = 0;
  private capture: Uint8Array[] | null = null;
  private awarenessClock = 0;
  private sentUs = 0;
  private resolveSynced: (() => void) | null = null;
  private rejectSynced: ((error: Error) => void) | null = null;

  constructor(
    protected readonly plan: LoadPlan,
    readonly share: DocumentShare,
    readonly editor: boolean,
  ) {
    // Listeners need no Y.Doc of their own unless they apply what they receive.
    this.doc = editor || plan.apply ? new Y.Doc() : EMPTY_DOC;
    this.clientId = editor ? this.doc.clientID : -1;
    this.text = editor ? this.doc.getText('body') : null;
    this.stamps = editor ? this.doc.getArray<string>('stamps') : null;
    if (editor) {
      this.doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== LOCAL) return;
        if (this.capture) this.capture.push(update);
        else this.sendUpdate(update, this.sentUs);
      });
    }
  }

  /** Connects, joins and syncs; rejects on a refusal or after the plan's timeout. */
  connect(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`not synced after ${this.plan.connectTimeoutMs} ms`)), this.plan.connectTimeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        this.resolveSynced = null;
        this.rejectSynced = null;
        this.close();
        reject(error);
      };
      this.resolveSynced = () => {
        clearTimeout(timer);
        this.resolveSynced = null;
        this.rejectSynced = null;
        resolve();
      };
      this.rejectSynced = fail;
      this.open();
    });
  }

  protected synced(): void {
    this.resolveSynced?.();
  }

  protected refused(reason: string): void {
    if (this.rejectSynced) this.rejectSynced(new Error(reason));
    else meter.error(reason);
  }

  /**
   * Makes the first `count` edits ahead of time, with a placeholder time in their stamps, so that typing during the
   * run costs this process no Yjs transaction (which would take CPU from the server on a small machine). Only for
   * replicas that do not apply what they receive: their own edits never depend on the others'.
   */
  prepare(count: number): void {
    if (!this.editor || this.plan.apply || count <= 0) return;
    const text = this.text!;
    const stamps = this.stamps!;
    this.capture = [];
    for (let i = 0; i < count; i++) {
      this.doc.transact(() => {
        text.insert(text.length, ALPHABET[i % ALPHABET.length]);
        stamps.push([`T${i}:${PLACEHOLDER}`]);
      }, LOCAL);
    }
    this.prepared = this.capture.map((update) => ({ update, at: placeholderAt(update) }));
    this.capture = null;
    this.seq = count;
  }

  /** One keystroke, stamped with its sending time. */
  edit(): void {
    const sentUs = nowUs();
    if (this.nextPrepared < this.prepared.length) {
      const { update, at } = this.prepared[this.nextPrepared++];
      const digits = String(sentUs).padStart(PLACEHOLDER.length, '0');
      for (let k = 0; k < digits.length; k++) update[at + k] = digits.charCodeAt(k);
      this.sendUpdate(update, sentUs);
      this.counted(sentUs);
      return;
    }
    const text = this.text!;
    let index = text.length;
    if (this.cursor) index = Y.createAbsolutePositionFromRelativePosition(this.cursor, this.doc)?.index ?? index;
    this.sentUs = sentUs;
    this.doc.transact(() => {
      text.insert(index, ALPHABET[this.seq % ALPHABET.length]);
      this.stamps!.push([`T${this.seq}:${sentUs}`]);
    }, LOCAL);
    this.seq++;
    if (this.plan.apply) this.cursor = Y.createRelativePositionFromTypeIndex(text, index + 1);
    this.counted(sentUs);
  }

  private counted(sentUs: number): void {
    meter.editsTotal++;
    if (meter.inWindow(sentUs)) {
      meter.editsInWindow++;
      meter.expectedDeliveries += this.share.replicas - 1;
    }
  }

  /** A y-protocols awareness update of this replica's own state (a caret where it types). */
  protected awarenessUpdate(): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, this.doc.clientID);
    encoding.writeVarUint(encoder, ++this.awarenessClock);
    const at = this.text?.length ?? 0;
    encoding.writeVarString(encoder, JSON.stringify({ user: { name: `bench ${this.doc.clientID}` }, cursor: { anchor: at, head: at } }));
    return encoding.toUint8Array(encoder);
  }

  /** Records the stamps of a received update (and applies it, when asked). */
  protected received(entry: Received): void {
    meter.updateMessages++;
    if (this.plan.apply) Y.applyUpdate(this.doc, entry.update, this);
    if (entry.stamps.length === 0) return;
    const now = nowUs();
    const counted = meter.inWindow(now);
    for (const stamp of entry.stamps) {
      if (stamp.client === this.clientId) continue;
      if (counted) meter.deliveredInWindow++;
      if (meter.inWindow(stamp.sentUs)) meter.latency.record(now - stamp.sentUs);
    }
  }

  protected acknowledged(ok: boolean, sentUs: number, error?: string): void {
    if (ok) meter.acked++;
    else {
      meter.ackFailed++;
      meter.error(`ack: ${error ?? 'refused'}`);
    }
    if (sentUs > 0 && meter.inWindow(sentUs)) meter.ack.record(nowUs() - sentUs);
  }

  /** What the server lacks, in answer to its state vector. */
  protected answer(stateVector: Uint8Array): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc, stateVector);
  }

  protected abstract open(): void;
  protected abstract sendUpdate(update: Uint8Array, sentUs: number): void;
  abstract sendAwareness(): void;
  abstract close(): void;
}

const syncMessage = (kind: number, content: Uint8Array): Uint8Array => {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarUint8Array(encoder, content);
  return encoding.toUint8Array(encoder);
};

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** A Concert client: socket.io, namespace /collab, the session cookie, base64 payloads. */
class ConcertReplica extends Replica {
  private socket: Socket | null = null;

  constructor(
    plan: LoadPlan,
    share: DocumentShare,
    editor: boolean,
    private readonly cookie: string,
  ) {
    super(plan, share, editor);
  }

  protected open(): void {
    const socket = io(`${this.plan.url}/collab`, {
      transports: ['websocket'],
      extraHeaders: { cookie: this.cookie },
      forceNew: true,
      reconnection: false,
      timeout: this.plan.connectTimeoutMs,
    });
    this.socket = socket;
    const id = this.share.id;
    socket.on('connect', () => {
      socket.emit('join', id, (ack: JoinAck) => {
        if (!ack.ok) return this.refused(`join refused: ${ack.error.code} ${ack.error.message}`);
        if (this.editor && ack.access !== 'edit') return this.refused(`join gave ${ack.access} access, not edit: ${ack.reason ?? ''}`);
        socket.emit('sync', id, toBase64(syncMessage(SYNC_STEP1, Y.encodeStateVector(this.doc))));
      });
    });
    socket.on('connect_error', (error: Error & { description?: unknown }) => {
      // socket.io-client puts the transport's own error (ECONNRESET, a status code, …) in `description`.
      const cause = error.description;
      const text = typeof cause === 'string' ? cause : (cause as { message?: unknown } | undefined)?.message;
      const detail = typeof text === 'string' && text !== '' ? ` (${text})` : '';
      this.refused(`connect_error: ${error.message}${detail}`);
    });
    socket.on('sync', (documentId: string, payload: string) => {
      if (documentId === id) this.onSync(payload);
    });
    socket.on('awareness', () => {
      meter.awarenessReceived++;
    });
    socket.on('error', (_documentId: string | null, error: { code: string; message: string }) => meter.error(`error event: ${error.code} ${error.message}`));
    socket.on('disconnect', (reason: string) => {
      if (this.closing) return;
      meter.disconnects++;
      meter.error(`disconnected: ${reason}`);
    });
  }

  private onSync(payload: string): void {
    // An update is most of the traffic; its payload is the same for every replica of this process.
    if (isUpdatePayload(payload)) {
      this.received(memo.get(payload, () => decodeConcertUpdate(payload)));
      return;
    }
    const decoder = decoding.createDecoder(new Uint8Array(Buffer.from(payload, 'base64')));
    const kind = decoding.readVarUint(decoder);
    const content = decoding.readVarUint8Array(decoder);
    if (kind === SYNC_STEP1) {
      // The server asks what we have that it lacks.
      this.socket?.emit('sync', this.share.id, toBase64(syncMessage(SYNC_STEP2, this.answer(content))));
    } else if (kind === SYNC_STEP2) {
      if (this.plan.apply) Y.applyUpdate(this.doc, content, this);
      this.synced();
    } else if (kind === SYNC_UPDATE) {
      this.received({ update: content, stamps: stampsOf(content) });
    }
  }

  protected sendUpdate(update: Uint8Array, sentUs: number): void {
    this.socket?.emit('sync', this.share.id, toBase64(syncMessage(SYNC_UPDATE, update)), (ack: SyncAck) =>
      this.acknowledged(ack.ok, sentUs, ack.ok ? undefined : `${ack.error.code} ${ack.error.message}`),
    );
  }

  sendAwareness(): void {
    meter.awarenessSent++;
    this.socket?.emit('awareness', this.share.id, toBase64(this.awarenessUpdate()));
  }

  close(): void {
    this.closing = true;
    this.socket?.disconnect();
  }
}

/** Whether a base64 sync payload starts with the byte 2 (an update): "A" then one of g–v. */
function isUpdatePayload(payload: string): boolean {
  const second = payload.charCodeAt(1);
  return payload.charCodeAt(0) === 65 && second >= 103 && second <= 118;
}

function decodeConcertUpdate(payload: string): Received {
  const decoder = decoding.createDecoder(new Uint8Array(Buffer.from(payload, 'base64')));
  decoding.readVarUint(decoder);
  const update = decoding.readVarUint8Array(decoder);
  return { update, stamps: stampsOf(update) };
}

/** A Hocuspocus client: one WebSocket, every message prefixed with the document's name (the provider's protocol). */
class HocuspocusReplica extends Replica {
  private socket: WebSocket | null = null;
  /** Sending times of the sync messages not yet acknowledged (SyncStatus comes back in order); 0 for non-edits. */
  private readonly unacknowledged: number[] = [];

  protected open(): void {
    const socket = new WebSocket(this.plan.url, { perMessageDeflate: false });
    this.socket = socket;
    socket.binaryType = 'nodebuffer';
    socket.on('open', () => {
      // The provider's opening: authenticate (no token needed by a default server), then sync step 1.
      const auth = this.prefix(HP_AUTH);
      encoding.writeVarUint(auth, HP_AUTH_TOKEN);
      encoding.writeVarString(auth, '');
      socket.send(encoding.toUint8Array(auth));
      this.sendSync(SYNC_STEP1, Y.encodeStateVector(this.doc), 0);
    });
    socket.on('message', (data: Buffer) => this.onMessage(data));
    socket.on('error', (error: Error) => this.refused(`websocket error: ${error.message}`));
    socket.on('close', (code: number, reason: Buffer) => {
      if (this.closing) return;
      this.refused(`closed: ${code} ${reason.toString()}`);
      meter.disconnects++;
    });
  }

  private prefix(type: number): encoding.Encoder {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, this.share.id);
    encoding.writeVarUint(encoder, type);
    return encoder;
  }

  private sendSync(kind: number, content: Uint8Array, sentUs: number): void {
    const encoder = this.prefix(HP_SYNC);
    encoding.writeVarUint(encoder, kind);
    encoding.writeVarUint8Array(encoder, content);
    if (kind !== SYNC_STEP1) this.unacknowledged.push(sentUs);
    this.socket?.send(encoding.toUint8Array(encoder));
  }

  private onMessage(data: Buffer): void {
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    const decoder = decoding.createDecoder(bytes);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    if (type === HP_SYNC || type === HP_SYNC_REPLY) {
      const start = decoder.pos;
      const kind = decoding.readVarUint(decoder);
      if (kind === SYNC_UPDATE) {
        this.received(
          memo.get(data.toString('latin1'), () => {
            const again = decoding.createDecoder(bytes);
            again.pos = start;
            decoding.readVarUint(again);
            const update = decoding.readVarUint8Array(again);
            return { update, stamps: stampsOf(update) };
          }),
        );
        return;
      }
      const content = decoding.readVarUint8Array(decoder);
      if (kind === SYNC_STEP1) this.sendSync(SYNC_STEP2, this.answer(content), 0);
      else if (kind === SYNC_STEP2) {
        if (this.plan.apply) Y.applyUpdate(this.doc, content, this);
        this.synced();
      }
    } else if (type === HP_AWARENESS) {
      meter.awarenessReceived++;
    } else if (type === HP_SYNC_STATUS) {
      const ok = decoding.readVarUint(decoder) === 1;
      this.acknowledged(ok, this.unacknowledged.shift() ?? 0);
    } else if (type === HP_AUTH) {
      if (decoding.readVarUint(decoder) === HP_AUTH_DENIED) this.refused(`permission denied: ${decoding.readVarString(decoder)}`);
    } else if (type === HP_CLOSE) {
      this.refused(`closed by the server: ${decoding.readVarString(decoder)}`);
    }
  }

  protected sendUpdate(update: Uint8Array, sentUs: number): void {
    this.sendSync(SYNC_UPDATE, update, sentUs);
  }

  sendAwareness(): void {
    meter.awarenessSent++;
    const encoder = this.prefix(HP_AWARENESS);
    encoding.writeVarUint8Array(encoder, this.awarenessUpdate());
    this.socket?.send(encoding.toUint8Array(encoder));
  }

  close(): void {
    this.closing = true;
    this.socket?.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The run

let plan: LoadPlan | null = null;
let replicas: Replica[] = [];
const timers = new Set<NodeJS.Timeout>();
let stopped = false;

function replicasOf(loadPlan: LoadPlan): Replica[] {
  const editor = loadPlan.edits;
  const made: Replica[] = [];
  let next = 0;
  // Interleave the documents, so that the connections of one document are not all opened last.
  const remaining = loadPlan.documents.map((share) => ({ share, left: share.local }));
  while (remaining.some((entry) => entry.left > 0)) {
    for (const entry of remaining) {
      if (entry.left === 0) continue;
      entry.left--;
      made.push(
        loadPlan.target === 'concert'
          ? new ConcertReplica(loadPlan, entry.share, editor, loadPlan.cookies[next++ % loadPlan.cookies.length])
          : new HocuspocusReplica(loadPlan, entry.share, editor),
      );
    }
  }
  return made;
}

async function connectAll(all: Replica[], concurrency: number): Promise<{ failed: number; firstError: string | null }> {
  let next = 0;
  let failed = 0;
  let firstError: string | null = null;
  const worker = async () => {
    while (next < all.length) {
      const replica = all[next++];
      try {
        await replica.connect();
      } catch (error) {
        failed++;
        firstError ??= message(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, all.length) }, worker));
  return { failed, firstError };
}

/** Calls `action` every `periodMs` from a random phase, catching up without bursts when late. */
function every(periodMs: number, action: () => void, endUs: number): void {
  const start = performance.now() + Math.random() * periodMs;
  let k = 0;
  const tick = () => {
    timers.delete(timer);
    if (stopped || nowUs() >= endUs) return;
    action();
    k++;
    const now = performance.now();
    let due = start + k * periodMs;
    if (now - due > periodMs) {
      // Over a period late: this process cannot keep up; skip the missed ones rather than send them in a burst.
      const missed = Math.floor((now - due) / periodMs);
      meter.lateSends += missed;
      k += missed;
      due = start + k * periodMs;
    }
    timer = setTimeout(tick, Math.max(0, due - now));
    timers.add(timer);
  };
  let timer = setTimeout(tick, start - performance.now());
  timers.add(timer);
}

function at(us: number, action: () => void): void {
  const timer = setTimeout(
    () => {
      timers.delete(timer);
      action();
    },
    Math.max(0, (us - nowUs()) / 1000),
  );
  timers.add(timer);
}

const loop = new LoopWindow();

function start(windowStartUs: number, windowEndUs: number, editsPerSecond: number): void {
  if (!plan) throw new Error('start before plan');
  const measured = new Meter();
  measured.windowStartUs = windowStartUs;
  measured.windowEndUs = windowEndUs;
  meter = measured;
  at(windowStartUs, () => loop.reset());
  at(windowEndUs, () => {
    measured.loop = loop.figures();
  });
  const editors = replicas.filter((replica) => replica.editor);
  if (editsPerSecond > 0) for (const replica of editors) every(1000 / editsPerSecond, () => replica.edit(), windowEndUs);
  if (plan.awarenessPerSecond > 0) {
    for (const replica of editors) every(1000 / plan.awarenessPerSecond, () => replica.sendAwareness(), windowEndUs);
  }
}

function closeAll(): void {
  stopped = true;
  for (const timer of timers) clearTimeout(timer);
  timers.clear();
  for (const replica of replicas) replica.close();
}

process.on('message', (received: ToLoader) => {
  void (async () => {
    try {
      switch (received.type) {
        case 'plan': {
          plan = received.plan;
          replicas = replicasOf(plan);
          const began = Date.now();
          const { failed, firstError } = await connectAll(replicas, plan.connectConcurrency);
          // After the sync: a prepared edit must not travel in a sync step 2 before its time.
          for (const replica of replicas) replica.prepare(plan.preparedEdits);
          send({ type: 'ready', connected: replicas.length - failed, failed, firstError, connectMs: Date.now() - began });
          break;
        }
        case 'start':
          start(received.windowStartUs, received.windowEndUs, received.editsPerSecond);
          break;
        case 'collect':
          send({ type: 'stats', stats: meter.stats() });
          break;
        case 'close':
          closeAll();
          // Let the close frames go out before leaving.
          setTimeout(() => {
            send({ type: 'closed' });
            process.exit(0);
          }, 300);
          break;
      }
    } catch (error) {
      send({ type: 'fatal', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  })();
});

// Never outlive the orchestrator.
process.on('disconnect', () => process.exit(0));
