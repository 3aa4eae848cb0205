import { Client } from 'pg';
import * as Y from 'yjs';
import type { User } from '../../src/accounts/user.entity';
import { DocumentRegistry } from '../../src/collaboration/document-registry';
import { COMPACT_AFTER_UPDATES, DocumentStore } from '../../src/documents/document-store';
import { renderDocument } from '../../src/documents/document-text';
import { DocumentsService } from '../../src/documents/documents.service';
import { MESSAGES_PER_SECOND } from '../../src/collaboration/collab.gateway';
import type { ApiClient } from '../support/api-client';
import { CollabClient } from '../support/collab-client';
import { startTestApp, startTestServer, type TestApp } from '../support/test-app';
import { eventually, sleep } from '../support/wait';

/**
 * Issue 3, items 4, 10 and 11: the update log is squashed into a snapshot once it grows, without changing the
 * document, safely when compactions or writes race; a document whose stored update cannot be decoded is refused and
 * never written to.
 */

/** A paragraph added to `doc`, and the update that carries it. */
function paragraphUpdate(doc: Y.Doc, text: string): Uint8Array {
  let captured: Uint8Array | null = null;
  const capture = (update: Uint8Array) => {
    captured = update;
  };
  doc.on('update', capture);
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('default').push([element]);
  doc.off('update', capture);
  return captured!;
}

describe('compaction of the update log', () => {
  let t: TestApp;
  let store: DocumentStore;
  let registry: DocumentRegistry;
  let faoUser: User;
  let fao: ApiClient;
  const open: CollabClient[] = [];
  const connect = (documentId: string, api: ApiClient = fao) => {
    const replica = CollabClient.connect(t.baseUrl, api, documentId);
    open.push(replica);
    return replica;
  };
  const leave = (replica: CollabClient) => {
    open.splice(open.indexOf(replica), 1);
    replica.close();
  };

  beforeAll(async () => {
    t = await startTestApp();
    store = t.app.get(DocumentStore);
    registry = t.app.get(DocumentRegistry);
    registry.unloadAfterMs = 20;
    faoUser = await t.factory.user({ agency: 'FAO' });
    fao = await t.as(faoUser.email);
  });
  afterEach(() => {
    for (const replica of open.splice(0)) replica.close();
  });
  afterAll(async () => {
    for (const replica of open.splice(0)) replica.close();
    await t.close();
  });

  const report = async () => (await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] })).reportDocumentId;

  const state = async (documentId: string) => {
    const [document]: { snapshot: Buffer | null; through: string; unavailableReason: string | null }[] = await t.dataSource.query(
      'SELECT snapshot, snapshot_through AS through, unavailable_reason AS "unavailableReason" FROM documents WHERE id = $1',
      [documentId],
    );
    const log: { id: string; update: Buffer }[] = await t.dataSource.query(
      'SELECT id, update FROM document_updates WHERE document_id = $1 ORDER BY id',
      [documentId],
    );
    return { ...document, log };
  };

  /** The document as the database holds it, by the storage contract: the snapshot, then the log after it. */
  const stored = async (documentId: string): Promise<string> => {
    // The snapshot and every row still in the log: a row can commit late, below what a compaction squashed.
    const { snapshot, log } = await state(documentId);
    const doc = new Y.Doc();
    if (snapshot) Y.applyUpdate(doc, new Uint8Array(snapshot));
    for (const row of log) Y.applyUpdate(doc, new Uint8Array(row.update));
    const content = doc.getXmlFragment('default').toJSON();
    doc.destroy();
    return content;
  };

  /** What a newcomer gets once the server has dropped its in-memory copy. */
  const freshLoad = async (documentId: string): Promise<string> => {
    await eventually(() => registry.get(documentId) === undefined, 'the server unloads the document', 10_000);
    const newcomer = connect(documentId);
    await newcomer.synced();
    const content = newcomer.text.toJSON();
    leave(newcomer);
    return content;
  };

  /** Sends `count` one-character edits, each its own update, as fast as the per-socket rate limit allows. */
  async function typeCharacters(writer: CollabClient, count: number): Promise<void> {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('')]);
    writer.text.push([paragraph]);
    const text = paragraph.get(0) as Y.XmlText;
    const perTick = Math.floor((MESSAGES_PER_SECOND * 0.8) / 10);
    for (let i = 0; i < count; i++) {
      text.insert(Math.floor(text.length / 2), String.fromCharCode(97 + (i % 26)));
      if (i % perTick === perTick - 1) await sleep(100);
    }
  }

  it(`squashes the log into a snapshot after ${COMPACT_AFTER_UPDATES} updates; a fresh load is identical`, async () => {
    const documentId = await report();
    const writer = connect(documentId);
    await writer.synced();
    const sent: Uint8Array[] = [];
    writer.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== writer.provider) sent.push(update);
    });

    await typeCharacters(writer, COMPACT_AFTER_UPDATES + 20);
    await writer.durable();
    expect(writer.provider.lastError).toBeNull();
    expect(sent.length).toBe(COMPACT_AFTER_UPDATES + 21);
    const content = writer.text.toJSON();

    await eventually(async () => (await state(documentId)).snapshot !== null, 'a snapshot is written', 10_000);
    const after = await state(documentId);
    expect(after.log.length).toBeLessThan(100);
    expect(after.log.every((row) => BigInt(row.id) > BigInt(after.through))).toBe(true);
    expect(await stored(documentId)).toBe(content);

    // What the writer sent, replayed on its own, is what the compacted store and a fresh load hold.
    const oracle = new Y.Doc();
    for (const update of sent) Y.applyUpdate(oracle, update);
    expect(oracle.getXmlFragment('default').toJSON()).toBe(content);
    leave(writer);
    expect(await freshLoad(documentId)).toBe(content);
    expect((await t.app.get(DocumentsService).render(documentId)).text).toBe(renderDocument(oracle).text);
    oracle.destroy();
  }, 60_000);

  it('two compactions at once, in one process or two, are safe; so are edits during compaction', async () => {
    const documentId = await report();
    const writer = connect(documentId);
    await writer.synced();
    for (let i = 0; i < 40; i++) writer.type(`paragraph ${i}`);
    await writer.durable();
    const before = await stored(documentId);
    expect(before).toBe(writer.text.toJSON());
    expect((await state(documentId)).log).toHaveLength(40);

    const results = await Promise.all([store.compact(documentId), store.compact(documentId)]);
    expect(results.some((snapshotBytes) => snapshotBytes !== null)).toBe(true);
    const once = await state(documentId);
    expect(once.snapshot).not.toBeNull();
    expect(once.log).toHaveLength(0);
    expect(await stored(documentId)).toBe(before);

    // A second server process (its own pool) compacts while this one does, and while the writer types.
    const other = await startTestServer(t.databaseUrl);
    try {
      const otherStore = other.app.get(DocumentStore);
      for (let round = 0; round < 5; round++) {
        for (let i = 0; i < 5; i++) writer.type(`round ${round} line ${i}`);
        await Promise.all([store.compact(documentId), otherStore.compact(documentId), writer.durable()]);
      }
      await writer.durable();
      await Promise.all([store.compact(documentId), otherStore.compact(documentId)]);
    } finally {
      await other.close();
    }
    expect(writer.provider.lastError).toBeNull();
    const content = writer.text.toJSON();
    expect(writer.plain().split('\n')).toHaveLength(65);
    expect(await stored(documentId)).toBe(content);
    leave(writer);
    expect(await freshLoad(documentId)).toBe(content);
  }, 60_000);

  it('an update another process commits late is not hidden by a compaction that ran meanwhile', async () => {
    const documentId = await report();
    const writer = connect(documentId);
    await writer.synced();
    writer.type('first');
    await writer.durable();

    // Another process's multi-row INSERT: its first row takes its id now, the statement ends (and commits) later.
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(writer.doc));
    const late = paragraphUpdate(elsewhere, 'written by another process');
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      const slowInsert = db.query<{ id: string }>(
        `INSERT INTO document_updates (document_id, update, user_id)
         SELECT $1::uuid, CASE WHEN g = 1 THEN $2::bytea ELSE $4::bytea END, $3::uuid FROM generate_series(1, 2) AS g
          WHERE g = 1 OR (SELECT true FROM pg_sleep(1.5))
         RETURNING id`,
        // The second row, produced after the pause, is an empty update: only the first carries the paragraph.
        [documentId, Buffer.from(late), faoUser.id, Buffer.from(Y.encodeStateAsUpdate(new Y.Doc()))],
      );
      await sleep(300);
      writer.type('second');
      await writer.durable();
      expect(await store.compact(documentId)).toEqual(expect.any(Number));
      const compacted = await state(documentId);
      const { rows } = await slowInsert;
      // The race took place: the late row's id is below what the compaction squashed, and it committed after it.
      expect(rows).toHaveLength(2);
      expect(BigInt(rows[0].id) < BigInt(compacted.through)).toBe(true);
      expect(compacted.log.some((row) => row.id === rows[0].id)).toBe(false);
    } finally {
      await db.end();
    }

    expect(await stored(documentId)).toContain('written by another process');
    leave(writer);
    expect(await freshLoad(documentId)).toContain('written by another process');
  }, 30_000);

  it('a load that runs while a compaction commits still sees the whole document', async () => {
    const documentId = await report();
    const source = new Y.Doc();
    let incomplete = 0;
    let loads = 0;
    for (let round = 0; round < 10; round++) {
      const updates = Array.from({ length: 20 }, (_, i) => paragraphUpdate(source, `round ${round} paragraph ${i}`));
      await store.append(updates.map((update) => ({ documentId, update, userId: faoUser.id })));
      const expected = source.getXmlFragment('default').toJSON();
      // Loads keep starting, one per event-loop turn, for as long as the compaction runs.
      let compacted = false;
      const compaction = store.compact(documentId).finally(() => {
        compacted = true;
      });
      const pending: ReturnType<DocumentStore['load']>[] = [];
      while (!compacted) {
        pending.push(store.load(documentId));
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(await compaction).toEqual(expect.any(Number));
      for (const loaded of await Promise.all(pending)) {
        const doc = new Y.Doc();
        for (const update of loaded!.updates) Y.applyUpdate(doc, update);
        if (doc.getXmlFragment('default').toJSON() !== expected) incomplete++;
        doc.destroy();
        loads++;
      }
    }
    expect(loads).toBeGreaterThan(10);
    expect(incomplete).toBe(0);
    source.destroy();
  }, 30_000);

  describe('a document whose stored update cannot be decoded', () => {
    const garbage = Buffer.from('not a yjs update, just garbage');

    const rows = async (documentId: string) => ({
      log: await t.dataSource.query(
        'SELECT id, document_id, update, user_id, created_at FROM document_updates WHERE document_id = $1 ORDER BY id',
        [documentId],
      ),
      snapshot: await t.dataSource.query('SELECT snapshot, snapshot_through FROM documents WHERE id = $1', [documentId]),
    });

    it('is refused to clients with document_unavailable, marked unavailable, and never written to', async () => {
      const documentId = await report();
      const writer = connect(documentId);
      await writer.synced();
      writer.type('kept 1');
      writer.type('kept 2');
      await writer.durable();
      const after = new Y.Doc();
      Y.applyUpdate(after, Y.encodeStateAsUpdate(writer.doc));
      leave(writer);
      await eventually(() => registry.get(documentId) === undefined, 'the server unloads the document', 10_000);

      // Simulated corruption, then a valid update after it.
      await t.dataSource.query('INSERT INTO document_updates (document_id, update, user_id) VALUES ($1, $2, NULL), ($1, $3, $4)', [
        documentId,
        garbage,
        Buffer.from(paragraphUpdate(after, 'after the garbage')),
        faoUser.id,
      ]);
      const before = await rows(documentId);
      expect(before.log).toHaveLength(4);

      const refused = connect(documentId);
      await refused.until((c) => c.provider.status === 'refused', 'the join is refused');
      expect(refused.provider.lastError?.code).toBe('document_unavailable');
      expect((await state(documentId)).unavailableReason).toEqual(expect.any(String));
      expect(registry.get(documentId)).toBeUndefined();

      // A client holding content of its own (typed offline) is refused too, and writes nothing.
      const offline = CollabClient.connect(t.baseUrl, fao, documentId);
      open.push(offline);
      offline.type('typed while the document was unavailable');
      await offline.until((c) => c.provider.status === 'refused', 'refused');
      expect(offline.provider.lastError?.code).toBe('document_unavailable');

      // Nothing else writes it either: compaction skips it, rendering refuses it.
      expect(await store.compact(documentId)).toBeNull();
      await expect(t.app.get(DocumentsService).render(documentId)).rejects.toMatchObject({ code: 'document_unavailable' });
      // Joining again (the mark is persistent) is still refused.
      const again = connect(documentId);
      await again.until((c) => c.provider.status === 'refused', 'refused again');
      expect(again.provider.lastError?.code).toBe('document_unavailable');

      await sleep(200);
      expect(await rows(documentId)).toEqual(before);
    });

    it('a snapshot that cannot be decoded is refused the same way and left as it is', async () => {
      const documentId = await report();
      const writer = connect(documentId);
      await writer.synced();
      writer.type('soon in a snapshot');
      await writer.durable();
      leave(writer);
      await eventually(() => registry.get(documentId) === undefined, 'the server unloads the document', 10_000);
      expect(await store.compact(documentId)).toEqual(expect.any(Number));
      await t.dataSource.query('UPDATE documents SET snapshot = $2 WHERE id = $1', [documentId, garbage]);
      const before = await rows(documentId);

      const refused = connect(documentId);
      await refused.until((c) => c.provider.status === 'refused', 'the join is refused');
      expect(refused.provider.lastError?.code).toBe('document_unavailable');
      expect((await state(documentId)).unavailableReason).toEqual(expect.any(String));
      expect(await store.compact(documentId)).toBeNull();
      expect(await rows(documentId)).toEqual(before);
    });
  });
});
