import { randomBytes, randomUUID } from 'node:crypto';
import * as encoding from 'lib0/encoding';
import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { MAX_MESSAGE_BYTES } from '../../src/collaboration/collab-io.adapter';
import { MAX_UPDATE_BYTES, MESSAGES_PER_SECOND } from '../../src/collaboration/collab.gateway';
import { DocumentRegistry } from '../../src/collaboration/document-registry';
import { COLLAB_NAMESPACE, type CollabError, type JoinAck, type SyncAck } from '../../src/collaboration/protocol';
import type { ApiClient } from '../support/api-client';
import { CollabClient } from '../support/collab-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

/** y-protocols sync message types (y-protocols/sync): step 1, step 2, update. */
const STEP_1 = 0;
const STEP_2 = 1;
const UPDATE = 2;

/** A y-protocols sync message of `type` carrying `content`, as the base64 text the protocol sends. */
function syncMessage(type: number, content: Uint8Array): string {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  encoding.writeVarUint8Array(encoder, content);
  return Buffer.from(encoding.toUint8Array(encoder)).toString('base64');
}

/** A Yjs update from a fresh replica that appends one paragraph: self-contained, whoever applies it. */
function paragraphUpdate(text: string, clientID?: number): Uint8Array {
  const doc = new Y.Doc();
  if (clientID !== undefined) doc.clientID = clientID;
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('default').push([paragraph]);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** An update whose paragraph makes the whole update exactly `bytes` long. */
function updateOfSize(bytes: number): Uint8Array {
  // One client id for both, since its varUint length is part of the overhead.
  const clientID = 1 + Math.floor(Math.random() * 2 ** 30);
  const overhead = paragraphUpdate('x'.repeat(bytes), clientID).byteLength - bytes;
  const update = paragraphUpdate('x'.repeat(bytes - overhead), clientID);
  expect(update.byteLength).toBe(bytes);
  return update;
}

/** Random bytes that Yjs cannot decode as an update (checked here, so the case means what it says). */
function undecodableBytes(): Uint8Array {
  for (;;) {
    const bytes = new Uint8Array(randomBytes(64));
    try {
      Y.decodeUpdate(bytes);
    } catch {
      return bytes;
    }
  }
}

/** A y-protocols awareness update, written by hand so that it can claim any client id. */
function awarenessUpdate(entries: { clientId: number; clock: number; state: Record<string, unknown> | null }[]): string {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return Buffer.from(encoding.toUint8Array(encoder)).toString('base64');
}

const NO_ANSWER = 'no answer within 5 s';

/**
 * A socket.io client that speaks the protocol by hand (no provider), so that it can send what a well-behaved client
 * never would. Untyped on purpose: wrong argument types are the point.
 */
class RawClient {
  readonly errors: { documentId: string | null; error: CollabError }[] = [];
  readonly disconnects: string[] = [];

  private constructor(readonly socket: Socket) {
    socket.on('error', (documentId: string | null, error: CollabError) => this.errors.push({ documentId, error }));
    socket.on('disconnect', (reason: string) => this.disconnects.push(reason));
  }

  static async connect(baseUrl: string, client: ApiClient): Promise<RawClient> {
    const socket = io(`${baseUrl}${COLLAB_NAMESPACE}`, {
      transports: ['websocket'],
      extraHeaders: { cookie: client.sessionCookie! },
      forceNew: true,
      reconnection: false,
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    return new RawClient(socket);
  }

  join(documentId: unknown): Promise<JoinAck | typeof NO_ANSWER> {
    return (this.socket.timeout(5_000).emitWithAck('join', documentId) as Promise<JoinAck>).catch(() => NO_ANSWER);
  }

  sync(...args: unknown[]): Promise<SyncAck | typeof NO_ANSWER> {
    return (this.socket.timeout(5_000).emitWithAck('sync', ...args) as Promise<SyncAck>).catch(() => NO_ANSWER);
  }

  awareness(...args: unknown[]): void {
    this.socket.emit('awareness', ...args);
  }

  /** Waits for `count` error events after the first `seen`, and answers every event after `seen`. */
  async errorsAfter(seen: number, count: number, what: string): Promise<{ documentId: string | null; error: CollabError }[]> {
    await eventually(() => this.errors.length >= seen + count, what);
    return this.errors.slice(seen);
  }

  close(): void {
    this.socket.disconnect();
  }
}

/**
 * Bad input on the live-document socket (issue 3, item 10): each message below gets an error (in the ack and as an
 * `error` event), and afterwards the document log, the other clients and the server are as they were: the next good
 * edit is served, it is the only thing the other client received, and the only row added to the log.
 */
describe('live documents: bad input is refused and changes nothing', () => {
  let t: TestApp;
  let fao: ApiClient;
  let wfp: ApiClient;
  const collabClients: CollabClient[] = [];
  const rawClients: RawClient[] = [];

  const open = (client: ApiClient, documentId: string) => {
    const collab = CollabClient.connect(t.baseUrl, client, documentId);
    collabClients.push(collab);
    return collab;
  };
  const raw = async (client: ApiClient) => {
    const socket = await RawClient.connect(t.baseUrl, client);
    rawClients.push(socket);
    return socket;
  };

  beforeAll(async () => {
    t = await startTestApp();
    fao = await t.as((await t.factory.user({ agency: 'FAO' })).email);
    wfp = await t.as((await t.factory.user({ agency: 'WFP' })).email);
  });
  afterEach(() => {
    for (const client of collabClients.splice(0)) client.close();
    for (const client of rawClients.splice(0)) client.close();
  });
  afterAll(async () => {
    await t.close();
  });

  async function storedUpdates(documentId: string): Promise<number> {
    const [row]: { count: number }[] = await t.dataSource.query('SELECT count(*)::int AS count FROM document_updates WHERE document_id = $1', [
      documentId,
    ]);
    return row.count;
  }

  /**
   * A commitment report FAO and WFP co-edit, holding one agreed paragraph: `attacker` (a raw FAO socket) joined
   * with edit rights, `observer` a WFP client, and what both looked like before the bad input.
   */
  async function arena() {
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const documentId = commitment.reportDocumentId;
    const attacker = await raw(fao);
    expect(await attacker.join(documentId)).toEqual({ ok: true, access: 'edit' });
    expect(await attacker.sync(documentId, syncMessage(UPDATE, paragraphUpdate('Agreed text.')))).toEqual({ ok: true });
    const observer = open(wfp, documentId);
    await observer.synced();
    await observer.until((c) => c.plain() === 'Agreed text.', 'the observer has the agreed text');
    let observerSyncs = 0;
    observer.socket.on('sync', () => observerSyncs++);
    let observerAwareness = 0;
    observer.socket.on('awareness', () => observerAwareness++);
    return {
      documentId,
      attacker,
      observer,
      observerSyncs: () => observerSyncs,
      observerAwareness: () => observerAwareness,
      /** What the log and the observer hold; each good edit of expectUntouchedAndServed adds to them. */
      stored: await storedUpdates(documentId),
      lines: ['Agreed text.'],
    };
  }
  type Arena = Awaited<ReturnType<typeof arena>>;

  /** The bad input left no trace, and the server still serves `from`: its next edit is stored and reaches the observer. */
  async function expectUntouchedAndServed(a: Arena, from: RawClient = a.attacker): Promise<void> {
    expect(await storedUpdates(a.documentId)).toBe(a.stored);
    const syncsBefore = a.observerSyncs();
    const marker = `Marker ${randomUUID()}`;
    expect(await from.sync(a.documentId, syncMessage(UPDATE, paragraphUpdate(marker)))).toEqual({ ok: true });
    await a.observer.until((c) => c.plain().includes(marker), 'the observer receives the next good edit');
    expect(
      a.observer
        .plain()
        .split('\n')
        .filter((line) => line !== marker)
        .sort(),
    ).toEqual([...a.lines].sort());
    expect(a.observerSyncs() - syncsBefore).toBe(1);
    expect(await storedUpdates(a.documentId)).toBe(a.stored + 1);
    a.stored += 1;
    a.lines.push(marker);
  }

  const syncCases: { what: string; args: (documentId: string) => unknown[]; code: CollabError['code']; echoesDocumentId: boolean }[] = [
    {
      what: 'random bytes wrapped in a valid sync update message',
      args: (id) => [id, syncMessage(UPDATE, undecodableBytes())],
      code: 'invalid_update',
      echoesDocumentId: true,
    },
    {
      what: 'random bytes wrapped in a valid sync step 2',
      args: (id) => [id, syncMessage(STEP_2, undecodableBytes())],
      code: 'invalid_update',
      echoesDocumentId: true,
    },
    {
      what: 'a sync step 1 whose state vector is cut short',
      args: (id) => [id, syncMessage(STEP_1, new Uint8Array([5]))],
      code: 'invalid_update',
      echoesDocumentId: true,
    },
    {
      what: 'a garbage payload that is no y-protocols message',
      args: (id) => [id, Buffer.from('garbage, not a sync message').toString('base64')],
      code: 'invalid_update',
      echoesDocumentId: true,
    },
    { what: 'a payload that is not base64 at all', args: (id) => [id, '%%% not base64 %%%'], code: 'invalid_update', echoesDocumentId: true },
    {
      what: 'a sync message of unknown type 7',
      args: (id) => [id, syncMessage(7, paragraphUpdate('Typed into a message type that does not exist.'))],
      code: 'invalid_update',
      echoesDocumentId: true,
    },
    {
      what: 'a valid Yjs update of 300 KB (over 256 KiB)',
      args: (id) => [id, syncMessage(UPDATE, paragraphUpdate('y'.repeat(300_000)))],
      code: 'too_large',
      echoesDocumentId: true,
    },
    {
      what: 'a valid Yjs update of 256 KiB and one byte',
      args: (id) => [id, syncMessage(UPDATE, updateOfSize(MAX_UPDATE_BYTES + 1))],
      code: 'too_large',
      echoesDocumentId: true,
    },
    { what: 'a number as payload', args: (id) => [id, 12345], code: 'bad_request', echoesDocumentId: true },
    { what: 'an object as payload', args: (id) => [id, { update: 'AAAA' }], code: 'bad_request', echoesDocumentId: true },
    {
      what: 'binary (an attachment) instead of base64 text',
      args: (id) => [id, Buffer.from(Buffer.from(syncMessage(UPDATE, paragraphUpdate('Sent as binary.')), 'base64'))],
      code: 'bad_request',
      echoesDocumentId: true,
    },
    {
      what: 'a number as document id',
      args: () => [42, syncMessage(UPDATE, paragraphUpdate('Sent to document 42.'))],
      code: 'bad_request',
      echoesDocumentId: false,
    },
    { what: 'a lone null instead of the arguments', args: () => [null], code: 'bad_request', echoesDocumentId: false },
  ];

  it.each(syncCases)('sync with $what gets $code, and nothing is stored or broadcast', async ({ args, code, echoesDocumentId }) => {
    const a = await arena();
    const seen = a.attacker.errors.length;
    const ack = await a.attacker.sync(...args(a.documentId));
    expect(ack).toEqual({ ok: false, error: { code, message: expect.any(String) } });
    const [event, ...more] = await a.attacker.errorsAfter(seen, 1, `an error event (${code})`);
    expect(event).toEqual({ documentId: echoesDocumentId ? a.documentId : null, error: { code, message: expect.any(String) } });
    expect(more).toEqual([]);
    await expectUntouchedAndServed(a);
  });

  it('answers awareness with arguments of the wrong type with bad_request, and nobody sees it', async () => {
    const a = await arena();
    const awarenessBefore = a.observerAwareness();
    const seen = a.attacker.errors.length;
    a.attacker.awareness(a.documentId, 12345);
    a.attacker.awareness(null);
    const events = await a.attacker.errorsAfter(seen, 2, 'two bad_request errors');
    expect(events.map((e) => [e.documentId, e.error.code])).toEqual([
      [a.documentId, 'bad_request'],
      [null, 'bad_request'],
    ]);
    expect(a.observerAwareness()).toBe(awarenessBefore);
    await expectUntouchedAndServed(a);
  });

  it('accepts an update of exactly 256 KiB: the limit refuses only what is over it', async () => {
    const a = await arena();
    const update = updateOfSize(MAX_UPDATE_BYTES);
    expect(await a.attacker.sync(a.documentId, syncMessage(UPDATE, update))).toEqual({ ok: true });
    await a.observer.until((c) => c.plain().split('\n').some((line) => line.length > 200_000), 'the observer receives the long paragraph');
    expect(await storedUpdates(a.documentId)).toBe(a.stored + 1);
  });

  it('answers sync and awareness before join with not_joined, and stores and broadcasts nothing', async () => {
    const a = await arena();
    const stranger = await raw(wfp);
    const ack = await stranger.sync(a.documentId, syncMessage(UPDATE, paragraphUpdate('Sent before joining.')));
    expect(ack).toEqual({ ok: false, error: { code: 'not_joined', message: expect.any(String) } });
    stranger.awareness(a.documentId, awarenessUpdate([{ clientId: 4242, clock: 1, state: { cursor: null } }]));
    const events = await stranger.errorsAfter(0, 2, 'two not_joined errors');
    expect(events.map((e) => [e.documentId, e.error.code])).toEqual([
      [a.documentId, 'not_joined'],
      [a.documentId, 'not_joined'],
    ]);
    expect(a.observer.provider.awareness.getStates().has(4242)).toBe(false);
    await expectUntouchedAndServed(a);
    // The stranger itself is served once it joins.
    expect(await stranger.join(a.documentId)).toEqual({ ok: true, access: 'edit' });
    await expectUntouchedAndServed(a, stranger);
  });

  it('refuses to join an unknown document (not_found) or a document id that is no UUID (bad_request), then serves the socket', async () => {
    const a = await arena();
    const socket = await raw(fao);
    expect(await socket.join(randomUUID())).toEqual({ ok: false, error: { code: 'not_found', message: expect.any(String) } });
    expect(await socket.join('not-a-uuid')).toEqual({ ok: false, error: { code: 'bad_request', message: expect.any(String) } });
    expect(await socket.join(`${a.documentId}' OR '1'='1`)).toEqual({ ok: false, error: { code: 'bad_request', message: expect.any(String) } });
    expect(await socket.join(42)).toEqual({ ok: false, error: { code: 'bad_request', message: expect.any(String) } });
    expect(await socket.join(null)).toEqual({ ok: false, error: { code: 'bad_request', message: expect.any(String) } });
    expect(await socket.join(a.documentId)).toEqual({ ok: true, access: 'edit' });
    await expectUntouchedAndServed(a, socket);
  });

  it(`rate-limits a flood of more than ${MESSAGES_PER_SECOND} messages a second from one socket, and keeps serving the others`, async () => {
    const a = await arena();
    const flooder = await raw(fao);
    expect(await flooder.join(a.documentId)).toEqual({ ok: true, access: 'edit' });
    const flood = Array.from({ length: MESSAGES_PER_SECOND + 50 }, (_, i) => `Flood ${i}`);
    // Each update comes from its own replica, so that a dropped one leaves no later one waiting on it.
    const acks = await Promise.all(flood.map((text) => flooder.sync(a.documentId, syncMessage(UPDATE, paragraphUpdate(text)))));
    expect(acks).not.toContain(NO_ANSWER);
    const answers = acks as SyncAck[];
    const served = flood.filter((_, i) => answers[i].ok);
    const refused = flood.filter((_, i) => !answers[i].ok);
    // Every event counts, the join included.
    expect(served).toHaveLength(MESSAGES_PER_SECOND - 1);
    expect(answers.flatMap((ack) => (ack.ok ? [] : [ack.error.code]))).toEqual(refused.map(() => 'rate_limited'));
    const events = await flooder.errorsAfter(0, refused.length, 'one error event per refused message');
    expect(events.map((e) => [e.documentId, e.error.code])).toEqual(refused.map(() => [a.documentId, 'rate_limited']));

    // Another socket is served at once, in the same second.
    await expectUntouchedAndServed({ ...a, stored: a.stored + served.length, lines: [...a.lines, ...served] });
    const lines = a.observer.plain().split('\n');
    expect(refused.filter((text) => lines.includes(text))).toEqual([]);
    const fresh = open(wfp, a.documentId);
    await fresh.synced();
    expect(fresh.plain().split('\n').sort()).toEqual([...lines].sort());

    // A second later the flooder is served again.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await flooder.sync(a.documentId, syncMessage(UPDATE, paragraphUpdate('Calm again.')))).toEqual({ ok: true });
  });

  it("refuses an awareness update that claims another connection's client id (forbidden), and nobody sees it", async () => {
    const a = await arena();
    const victim = open(fao, a.documentId);
    await victim.synced();
    victim.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    const victimId = victim.doc.clientID;
    await a.observer.until((c) => c.provider.awareness.getStates().get(victimId)?.cursor !== undefined, "the observer sees the victim's cursor");
    const victimState = structuredClone(a.observer.provider.awareness.getStates().get(victimId));
    const victimClock = a.observer.provider.awareness.meta.get(victimId)!.clock;
    const awarenessBefore = a.observerAwareness();

    const seen = a.attacker.errors.length;
    a.attacker.awareness(a.documentId, awarenessUpdate([{ clientId: victimId, clock: victimClock + 10, state: { cursor: { anchor: 99, head: 99 } } }]));
    a.attacker.awareness(a.documentId, awarenessUpdate([{ clientId: victimId, clock: victimClock + 20, state: null }]));
    const events = await a.attacker.errorsAfter(seen, 2, 'two forbidden errors');
    expect(events.map((e) => [e.documentId, e.error.code])).toEqual([
      [a.documentId, 'forbidden'],
      [a.documentId, 'forbidden'],
    ]);

    // The attacker's own state, under its own id, goes through: when it arrives, nothing else did.
    const ownId = 987_654_321;
    a.attacker.awareness(a.documentId, awarenessUpdate([{ clientId: ownId, clock: 1, state: { cursor: { anchor: 2, head: 2 } } }]));
    await a.observer.until((c) => c.provider.awareness.getStates().has(ownId), "the observer sees the attacker's own state");
    expect(a.observerAwareness() - awarenessBefore).toBe(1);
    expect(a.observer.provider.awareness.getStates().get(victimId)).toEqual(victimState);
    expect(a.attacker.errors.length).toBe(seen + 2);
    await expectUntouchedAndServed(a);
  });

  it('closes only the connection that sends a message over maxHttpBufferSize; the document and the others carry on', async () => {
    const a = await arena();
    const bystander = await raw(wfp);
    expect(await bystander.join(a.documentId)).toEqual({ ok: true, access: 'edit' });
    a.attacker.socket.emit('sync', a.documentId, 'A'.repeat(MAX_MESSAGE_BYTES + 1_000));
    await eventually(() => a.attacker.disconnects.length > 0, 'the oversized connection is closed');
    expect(bystander.socket.connected).toBe(true);
    expect(a.observer.socket.connected).toBe(true);
    await expectUntouchedAndServed(a, bystander);
  });

  it('keeps a document openable after a valid update that nests elements thousands deep', async () => {
    const registry = t.app.get(DocumentRegistry);
    const unloadAfter = registry.unloadAfterMs;
    registry.unloadAfterMs = 50;
    try {
      const a = await arena();
      // About 200 KB, under the 256 KiB limit: valid Yjs, but 10,000 blockquotes each inside the one before.
      const doc = new Y.Doc();
      doc.transact(() => {
        let parent = new Y.XmlElement('blockquote');
        doc.getXmlFragment('default').push([parent]);
        for (let depth = 0; depth < 10_000; depth++) {
          const child = new Y.XmlElement('blockquote');
          parent.push([child]);
          parent = child;
        }
      });
      const update = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      expect(update.byteLength).toBeLessThan(MAX_UPDATE_BYTES);
      await a.attacker.sync(a.documentId, syncMessage(UPDATE, update));

      // Everybody leaves; the document is unloaded; the next visitor must still be able to open it.
      for (const client of collabClients.splice(0)) client.close();
      for (const client of rawClients.splice(0)) client.close();
      await eventually(() => registry.get(a.documentId) === undefined, 'the document is unloaded', 10_000);
      const visitor = open(fao, a.documentId);
      await visitor.until((c) => c.provider.status === 'synced' || c.provider.status === 'refused', 'the visitor is answered');
      expect(visitor.provider.lastError).toBeNull();
      expect(visitor.provider.status).toBe('synced');
      expect(visitor.plain()).toContain('Agreed text.');
    } finally {
      registry.unloadAfterMs = unloadAfter;
    }
  });
});
