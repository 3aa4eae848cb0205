import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { DocumentRegistry } from '../../src/collaboration/document-registry';
import type { PresenceUser } from '../../src/collaboration/protocol';
import { MAX_SOCKETS_PER_USER } from '../../src/collaboration/socket-limits';
import type { ApiClient } from '../support/api-client';
import { CollabClient } from '../support/collab-client';
import { awarenessEntries, RawCollabClient } from '../support/raw-collab-client';
import { createTestDatabase, startTestServer, type TestApp } from '../support/test-app';
import { eventually, sleep } from '../support/wait';
import { assertRedis, describeWithRedis, REDIS_URL } from '../support/redis';

/**
 * Issue 3, item 11: two server processes sharing PostgreSQL and Redis serve one document. Each is a real app with
 * its own HTTP server, socket.io server, document registry and database pool; only the database and Redis are
 * shared, as between two processes.
 */

interface StoredRow {
  update: Buffer;
  userId: string;
}

/** A y-protocols sync update message (type 2) carrying `update`, as base64. */
function syncUpdate(update: Uint8Array): string {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return Buffer.from(encoding.toUint8Array(encoder)).toString('base64');
}

/** The Yjs client ids whose insertions or deletions an update carries. */
function authorsOf(update: Uint8Array): number[] {
  const decoded = Y.decodeUpdate(update);
  return [...new Set([...decoded.structs.map((struct) => struct.id.client), ...decoded.ds.clients.keys()])];
}

describeWithRedis('two server processes sharing PostgreSQL and Redis', () => {
  let database: { url: string; drop(): Promise<void> };
  let a: TestApp;
  let b: TestApp;
  const open: CollabClient[] = [];
  const connect = (server: TestApp, api: ApiClient, documentId: string) => {
    const replica = CollabClient.connect(server.baseUrl, api, documentId);
    open.push(replica);
    return replica;
  };
  const leave = (replica: CollabClient) => {
    open.splice(open.indexOf(replica), 1);
    replica.close();
  };

  beforeAll(async () => {
    assertRedis();
    database = await createTestDatabase();
    a = await startTestServer(database.url, { overrides: { REDIS_URL } });
    b = await startTestServer(database.url, { overrides: { REDIS_URL } });
    for (const server of [a, b]) server.app.get(DocumentRegistry).unloadAfterMs = 20;
  });
  afterEach(() => {
    for (const replica of open.splice(0)) replica.close();
  });
  afterAll(async () => {
    for (const replica of open.splice(0)) replica.close();
    await b?.close();
    await a?.close();
    await database?.drop();
  });

  async function setting() {
    const commitment = await a.factory.commitment({ lead: ['FAO', 'ILO'], contributing: ['WFP'] });
    const faoUser = await a.factory.user({ agency: 'FAO' });
    const wfpUser = await a.factory.user({ agency: 'WFP' });
    const iloUser = await a.factory.user({ agency: 'ILO' });
    return {
      documentId: commitment.reportDocumentId,
      faoUser,
      wfpUser,
      // Each logs in on the process its browser talks to; sessions live in PostgreSQL, shared by both.
      faoOnA: await a.as(faoUser.email),
      wfpOnB: await b.as(wfpUser.email),
      iloOnB: await b.as(iloUser.email),
    };
  }

  const storedRows = async (documentId: string): Promise<StoredRow[]> =>
    a.dataSource.query('SELECT update, user_id AS "userId" FROM document_updates WHERE document_id = $1 ORDER BY id', [documentId]);

  function rebuild(rows: StoredRow[]): string {
    const doc = new Y.Doc();
    for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.update));
    const content = doc.getXmlFragment('default').toJSON();
    doc.destroy();
    return content;
  }

  it('a client on each process co-edits; each process stores only its own clients\' updates; together they rebuild the document', async () => {
    const { documentId, faoUser, wfpUser, faoOnA, wfpOnB } = await setting();
    const onA = connect(a, faoOnA, documentId);
    const onB = connect(b, wfpOnB, documentId);
    await Promise.all([onA.synced(), onB.synced()]);

    onA.type('FAO through process A.');
    await onB.until((c) => c.plain() === 'FAO through process A.', 'B\'s client sees the edit made through A');
    onB.type('WFP through process B.');
    await onA.until((c) => c.plain() === 'FAO through process A.\nWFP through process B.', 'A\'s client sees the edit made through B');

    // Both type at once.
    for (let i = 0; i < 10; i++) {
      onA.type(`A${i}`);
      onB.type(`B${i}`);
      await sleep(3);
    }
    await eventually(() => onA.text.toJSON() === onB.text.toJSON() && onA.plain().split('\n').length === 22, 'both replicas converge');
    await Promise.all([onA.durable(), onB.durable()]);
    expect([onA.provider.lastError, onB.provider.lastError]).toEqual([null, null]);
    const content = onA.text.toJSON();

    // Each process's in-memory copy follows the other's edits.
    const inMemory = [a, b].map((server) => server.app.get(DocumentRegistry).get(documentId)?.contentJSON());
    expect(inMemory).toEqual([content, content]);

    // Each process stored what its own client sent, once: FAO's edits only by A (as FAO), WFP's only by B.
    const rows = await storedRows(documentId);
    const byUser = (userId: string) => rows.filter((row) => row.userId === userId);
    expect(byUser(faoUser.id).length).toBeGreaterThanOrEqual(11);
    expect(byUser(wfpUser.id).length).toBeGreaterThanOrEqual(11);
    expect(byUser(faoUser.id).length + byUser(wfpUser.id).length).toBe(rows.length);
    expect([...new Set(byUser(faoUser.id).flatMap((row) => authorsOf(new Uint8Array(row.update))))]).toEqual([onA.doc.clientID]);
    expect([...new Set(byUser(wfpUser.id).flatMap((row) => authorsOf(new Uint8Array(row.update))))]).toEqual([onB.doc.clientID]);
    // Together, the two processes' updates rebuild the document.
    expect(rebuild(rows)).toBe(content);
  });

  it('relays an edit that arrives before the edit it builds on has reached its process, so nobody misses it', async () => {
    const { documentId, faoOnA, wfpOnB, iloOnB } = await setting();
    const watcher = connect(b, iloOnB, documentId);
    await watcher.synced();
    // One writer's two edits, the second built on the first (a client that saw the first through another process).
    const writer = new Y.Doc();
    const paragraph = (text: string) => {
      const element = new Y.XmlElement('paragraph');
      element.insert(0, [new Y.XmlText(text)]);
      return element;
    };
    writer.getXmlFragment('default').push([paragraph('First, through B.')]);
    const first = Y.encodeStateAsUpdate(writer);
    const afterFirst = Y.encodeStateVector(writer);
    writer.getXmlFragment('default').push([paragraph('Second, through A before A has the first.')]);
    const second = Y.encodeStateAsUpdate(writer, afterFirst);

    const throughA = await RawCollabClient.connect(a.baseUrl, { cookie: faoOnA.sessionCookie! });
    const throughB = await RawCollabClient.connect(b.baseUrl, { cookie: wfpOnB.sessionCookie! });
    try {
      expect(await throughA.join(documentId)).toMatchObject({ ok: true });
      expect(await throughB.join(documentId)).toMatchObject({ ok: true });
      expect(await throughA.sync(documentId, syncUpdate(second))).toEqual({ ok: true });
      expect(await throughB.sync(documentId, syncUpdate(first))).toEqual({ ok: true });
      await watcher.until((c) => c.plain() === 'First, through B.\nSecond, through A before A has the first.', 'the watcher has both edits');
    } finally {
      throughA.close();
      throughB.close();
    }
  });

  it('a third client joining process B after edits through A sees everything, from B\'s memory and from the database', async () => {
    const { documentId, faoOnA, wfpOnB, iloOnB } = await setting();
    const onA = connect(a, faoOnA, documentId);
    const onB = connect(b, wfpOnB, documentId);
    await Promise.all([onA.synced(), onB.synced()]);
    for (let i = 0; i < 5; i++) onA.type(`through A ${i}`);
    await onA.durable();
    await onB.until((c) => c.text.toJSON() === onA.text.toJSON(), 'B\'s client follows');

    // B holds the document in memory (its own client is in it): the newcomer is served from that copy.
    expect(b.app.get(DocumentRegistry).get(documentId)?.loaded).toBe(true);
    const third = connect(b, iloOnB, documentId);
    await third.synced();
    expect(third.text.toJSON()).toBe(onA.text.toJSON());
    onA.type('after the third client joined');
    await third.until((c) => c.plain().endsWith('after the third client joined'), 'the third client follows A live');

    // B drops its copy once its clients leave; A goes on; a newcomer on B loads from the database.
    leave(onB);
    leave(third);
    await eventually(() => b.app.get(DocumentRegistry).get(documentId) === undefined, 'B unloads the document');
    onA.type('while B held nothing');
    await onA.durable();
    const fourth = connect(b, iloOnB, documentId);
    await fourth.synced();
    expect(fourth.text.toJSON()).toBe(onA.text.toJSON());
    expect(fourth.plain().split('\n')).toHaveLength(7);
  });

  it('presence of a user on A is visible to a client on B, as the server records it, and goes when the user leaves', async () => {
    const { documentId, faoUser, wfpUser, faoOnA, wfpOnB } = await setting();
    const onB = connect(b, wfpOnB, documentId);
    await onB.synced();
    // An editor publishes its state once it has one (TipTap's caret does at once); until then a client is not listed.
    onB.provider.awareness.setLocalStateField('cursor', null);
    const onA = connect(a, faoOnA, documentId);
    await onA.synced();

    // A client that claims to be someone else: the server stamps its own record of the user.
    onA.provider.awareness.setLocalState({ cursor: { anchor: 3, head: 5 }, user: { userId: 'mallory', name: 'Mallory', agency: 'UNESCO' } });
    const stateOfA = () => onB.provider.awareness.getStates().get(onA.doc.clientID) as { cursor?: unknown; user?: PresenceUser } | undefined;
    await eventually(() => stateOfA()?.cursor !== undefined, 'B\'s client sees A\'s cursor');
    expect(stateOfA()).toEqual({
      cursor: { anchor: 3, head: 5 },
      user: { userId: faoUser.id, name: faoUser.displayName, agency: 'FAO', color: expect.stringMatching(/^#[0-9a-f]{6}$/) },
    });

    // REST presence asked of B lists the user connected to A (and B's own).
    await eventually(async () => {
      const response = await wfpOnB.get(`/api/documents/${documentId}/presence`);
      return response.status === 200 && response.body.items.some((user: PresenceUser) => user.userId === faoUser.id);
    }, 'B\'s presence list includes the FAO user on A');
    const presence = await wfpOnB.get(`/api/documents/${documentId}/presence`);
    expect(presence.body.items.map((user: PresenceUser) => user.agency).sort()).toEqual(['FAO', 'WFP']);
    expect(presence.body.items.map((user: PresenceUser) => user.userId).sort()).toEqual([faoUser.id, wfpUser.id].sort());

    leave(onA);
    await eventually(() => stateOfA() === undefined, 'A\'s state leaves B\'s client when A\'s user leaves');
    await eventually(async () => (await wfpOnB.get(`/api/documents/${documentId}/presence`)).body.items.length === 1, 'B\'s presence list drops the FAO user');
  });

  it("refuses on B an awareness state for a client id a connection on A holds (forbidden), and nobody's view of it changes", async () => {
    const { documentId, faoOnA, wfpOnB, iloOnB } = await setting();
    const victim = connect(a, faoOnA, documentId);
    const observer = connect(b, wfpOnB, documentId);
    await Promise.all([victim.synced(), observer.synced()]);
    victim.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    const victimId = victim.doc.clientID;
    const victimState = () => observer.provider.awareness.getStates().get(victimId) as { cursor?: unknown } | undefined;
    await eventually(() => victimState()?.cursor !== undefined, "B's client sees the cursor of the client on A");
    const before = structuredClone(victimState());

    const attacker = await RawCollabClient.connect(b.baseUrl, { cookie: iloOnB.sessionCookie });
    try {
      expect(await attacker.join(documentId)).toEqual({ ok: true, access: 'edit' });
      attacker.awareness(documentId, awarenessEntries([{ clientId: victimId, clock: 1_000, state: { cursor: { anchor: 99, head: 99 } } }]));
      await eventually(() => attacker.errors.length > 0, 'the claim is answered');
      expect(attacker.errors).toEqual([{ documentId, error: { code: 'forbidden', message: expect.any(String) } }]);
      // The attacker's own id goes through, to both processes; when it arrives, nothing else did.
      const ownId = 123_456_789;
      attacker.awareness(documentId, awarenessEntries([{ clientId: ownId, clock: 1, state: { cursor: { anchor: 2, head: 2 } } }]));
      await eventually(() => observer.provider.awareness.getStates().has(ownId), "B's client sees the attacker's own state");
      await eventually(() => victim.provider.awareness.getStates().has(ownId), "A's client sees the attacker's own state");
      expect(victimState()).toEqual(before);
      expect(attacker.errors).toHaveLength(1);
    } finally {
      attacker.close();
    }
  });

  it(`counts a user's sockets on every process: the ${MAX_SOCKETS_PER_USER + 1}st is refused on B when A holds ${MAX_SOCKETS_PER_USER}, and let in once one closes`, async () => {
    const user = await a.factory.user({ agency: 'UNDP' });
    const onA = await a.as(user.email);
    const onB = await b.as(user.email);
    const sockets = await Promise.all(Array.from({ length: MAX_SOCKETS_PER_USER }, () => RawCollabClient.connect(a.baseUrl, { cookie: onA.sessionCookie })));
    try {
      expect(await RawCollabClient.refusal(b.baseUrl, { cookie: onB.sessionCookie })).toBe('too_many_connections');
      // Another user on B is not touched.
      const other = await b.as((await b.factory.user({ agency: 'UNDP' })).email);
      expect(await RawCollabClient.refusal(b.baseUrl, { cookie: other.sessionCookie })).toBeNull();
      sockets.pop()!.close();
      await eventually(async () => (await RawCollabClient.refusal(b.baseUrl, { cookie: onB.sessionCookie })) === null, 'a seat freed on A lets one in on B');
    } finally {
      for (const socket of sockets) socket.close();
    }
  });

  it('a client opening the document on B sees who is already there through A', async () => {
    const { documentId, faoUser, faoOnA, wfpOnB } = await setting();
    const onA = connect(a, faoOnA, documentId);
    await onA.synced();
    onA.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    await sleep(100);

    // B has not opened this document yet: its newcomer must still learn of the FAO user present through A.
    expect(b.app.get(DocumentRegistry).get(documentId)).toBeUndefined();
    const onB = connect(b, wfpOnB, documentId);
    await onB.synced();
    await eventually(
      () => (onB.provider.awareness.getStates().get(onA.doc.clientID) as { user?: PresenceUser } | undefined)?.user?.userId === faoUser.id,
      'the newcomer on B sees the FAO user present on A',
      3_000,
    );
  });
});
