import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { User } from '../../src/accounts/user.entity';
import { DocumentRegistry } from '../../src/collaboration/document-registry';
import { SESSION_SWEEP_MS, SessionSweep } from '../../src/collaboration/session-sweep';
import { MAX_AWARENESS_CLIENTS_PER_SOCKET, MAX_DOCUMENTS_PER_SOCKET, MAX_SOCKETS_PER_USER, MESSAGES_PER_SECOND } from '../../src/collaboration/socket-limits';
import { AppConfig } from '../../src/config/app-config';
import type { ApiClient } from '../support/api-client';
import { CollabClient } from '../support/collab-client';
import { awarenessEntries, awarenessMessage, eventually, paragraphMessage, RawCollabClient } from '../support/raw-collab-client';
import { startTestApp, type TestApp } from '../support/test-app';

/** A small DOCUMENT_MAX_BYTES, so that a test fills a document with a few paragraphs. */
const CAP = 4096;

/**
 * The live socket's limits (security hardening, item 7; docs/collaboration-protocol.md "Limits"): each one refuses
 * what passes it with its own error code, leaves everything else as it was, and serves what stays within it.
 */
describe('live documents: limits on sockets, documents, awareness and sessions', () => {
  let t: TestApp;
  let users: Record<'fao' | 'wfp' | 'wfpFocal' | 'secretariat', User>;
  let as: Record<keyof typeof users, ApiClient>;
  const collabClients: CollabClient[] = [];
  const rawClients: RawCollabClient[] = [];

  const open = (client: ApiClient, documentId: string) => {
    const collab = CollabClient.connect(t.baseUrl, client, documentId);
    collabClients.push(collab);
    return collab;
  };
  const raw = async (client: ApiClient) => {
    const socket = await RawCollabClient.connect(t.baseUrl, { cookie: client.sessionCookie });
    rawClients.push(socket);
    return socket;
  };
  const rateLimited = { ok: false, error: { code: 'rate_limited', message: expect.any(String) } };

  beforeAll(async () => {
    t = await startTestApp({ DOCUMENT_MAX_BYTES: String(CAP) });
    users = {
      fao: await t.factory.user({ agency: 'FAO' }),
      wfp: await t.factory.user({ agency: 'WFP' }),
      wfpFocal: await t.factory.user({ agency: 'WFP', role: 'focal_point' }),
      secretariat: await t.factory.user({ role: 'secretariat' }),
    };
    const entries = await Promise.all(Object.entries(users).map(async ([name, user]) => [name, await t.as(user.email)] as const));
    as = Object.fromEntries(entries) as typeof as;
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

  /** What the document takes in storage: its snapshot and its log. */
  async function storedBytes(documentId: string): Promise<number> {
    const [row]: { bytes: number }[] = await t.dataSource.query(
      `SELECT (coalesce((SELECT octet_length(snapshot) FROM documents WHERE id = $1), 0)
             + coalesce((SELECT sum(octet_length(update)) FROM document_updates WHERE document_id = $1), 0))::int AS bytes`,
      [documentId],
    );
    return row.bytes;
  }

  it(`rate-limits every event, join, leave, watch and unwatch included: past ${MESSAGES_PER_SECOND} a second each gets rate_limited and does nothing`, async () => {
    const framework = await t.factory.framework();
    const commitment = await t.factory.commitment({ framework, lead: ['FAO'], contributing: ['WFP'] });
    const other = await t.factory.commitment({ framework, lead: ['FAO'] });
    const documentId = commitment.reportDocumentId;
    const client = await raw(as.fao);
    expect(await client.join(documentId)).toEqual({ ok: true, access: 'edit' });
    expect(await client.watch(framework.id)).toEqual({ ok: true });

    // Two events spent; unwatching frameworks nobody watches uses up the rest of the second.
    for (let i = 0; i < MESSAGES_PER_SECOND - 2; i++) client.unwatch(randomUUID());
    client.leave(documentId);
    client.unwatch(framework.id);
    const acks = Promise.all([client.watch(randomUUID()), client.join(other.reportDocumentId), client.sync(documentId, paragraphMessage('Over the limit.'))]);
    client.awareness(documentId, awarenessMessage({ cursor: null }));
    expect(await acks).toEqual([rateLimited, rateLimited, rateLimited]);
    await eventually(() => client.errors.length >= 4, 'an error event for each event without an ack, and for the sync');
    expect(client.errors.map((e) => `${e.documentId}:${e.error.code}`).sort()).toEqual(
      [`${documentId}:rate_limited`, `${documentId}:rate_limited`, `${documentId}:rate_limited`, 'null:rate_limited'].sort(),
    );

    // Nothing was done: still joined, the other document never opened, nothing stored, and still watching.
    const registry = t.app.get(DocumentRegistry);
    expect(registry.get(documentId)?.isConnected(client.socket.id!)).toBe(true);
    expect(registry.get(other.reportDocumentId)).toBeUndefined();
    expect(await storedUpdates(documentId)).toBe(0);
    const before = await as.secretariat.get(`/api/commitments/${commitment.id}`);
    const patched = await as.secretariat.patch(`/api/commitments/${commitment.id}`, { version: before.body.version, contributingAgencies: [] });
    expect(patched.status).toBe(200);
    await eventually(() => client.changes.some((change) => change.entityId === commitment.id), 'the still-watched framework pushes the change');
  });

  it(`refuses a user's socket past ${MAX_SOCKETS_PER_USER} on this process (too_many_connections), and lets one in once a socket closes`, async () => {
    const user = await t.factory.user({ agency: 'FAO' });
    const session = await t.as(user.email);
    const sockets = await Promise.all(Array.from({ length: MAX_SOCKETS_PER_USER }, () => raw(session)));
    expect(sockets.every((socket) => socket.socket.connected)).toBe(true);
    expect(await RawCollabClient.refusal(t.baseUrl, { cookie: session.sessionCookie })).toBe('too_many_connections');
    // The limit is the user's, whichever session the socket comes with; other users are not touched.
    const secondSession = await t.as(user.email);
    expect(await RawCollabClient.refusal(t.baseUrl, { cookie: secondSession.sessionCookie })).toBe('too_many_connections');
    expect(await RawCollabClient.refusal(t.baseUrl, { cookie: as.fao.sessionCookie })).toBeNull();

    sockets[0].close();
    await eventually(async () => (await RawCollabClient.refusal(t.baseUrl, { cookie: session.sessionCookie })) === null, 'a closed socket frees its seat');
  });

  it(`refuses a socket's join past ${MAX_DOCUMENTS_PER_SOCKET} documents (too_many_documents), joins in flight counted, and accepts one after a leave`, async () => {
    const framework = await t.factory.framework();
    const documentIds: string[] = [];
    for (let i = 0; i <= MAX_DOCUMENTS_PER_SOCKET; i++) documentIds.push((await t.factory.commitment({ framework, lead: ['FAO'] })).reportDocumentId);
    const client = await raw(as.fao);
    // All sent at once: none has finished loading when the last arrives.
    const acks = await Promise.all(documentIds.map((id) => client.join(id)));
    const joined = documentIds.filter((_, i) => acks[i].ok);
    const refused = documentIds.filter((_, i) => !acks[i].ok);
    expect(joined).toHaveLength(MAX_DOCUMENTS_PER_SOCKET);
    expect(refused).toHaveLength(1);
    expect(acks.filter((ack) => !ack.ok)).toEqual([{ ok: false, error: { code: 'too_many_documents', message: expect.any(String) } }]);
    const registry = t.app.get(DocumentRegistry);
    expect(registry.get(refused[0])?.isConnected(client.socket.id!) ?? false).toBe(false);

    client.leave(joined[0]);
    expect(await client.join(refused[0])).toEqual({ ok: true, access: 'edit' });
    expect(await client.sync(refused[0], paragraphMessage('Joined after a leave.'))).toEqual({ ok: true });
  });

  it(`refuses a socket's awareness for more than ${MAX_AWARENESS_CLIENTS_PER_SOCKET} client ids (too_many_clients), and nobody sees the extra one`, async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const documentId = commitment.reportDocumentId;
    const observer = open(as.wfp, documentId);
    await observer.synced();
    const client = await raw(as.fao);
    expect(await client.join(documentId)).toEqual({ ok: true, access: 'edit' });
    const ids = Array.from({ length: MAX_AWARENESS_CLIENTS_PER_SOCKET }, (_, i) => 7_000_001 + i);
    client.awareness(documentId, awarenessEntries(ids.map((clientId) => ({ clientId, clock: 1, state: { cursor: null } }))));
    await observer.until((c) => ids.every((id) => c.provider.awareness.getStates().has(id)), `the observer sees all ${ids.length} states`);

    const extra = 7_000_999;
    client.awareness(documentId, awarenessEntries([{ clientId: extra, clock: 1, state: { cursor: null } }]));
    await eventually(() => client.errors.length > 0, 'the extra client id is refused');
    expect(client.errors).toEqual([{ documentId, error: { code: 'too_many_clients', message: expect.any(String) } }]);
    // The socket's own ids still go through; when the next one arrives, the extra one did not.
    client.awareness(documentId, awarenessEntries([{ clientId: ids[0], clock: 2, state: { cursor: { anchor: 4, head: 4 } } }]));
    await observer.until((c) => (c.provider.awareness.getStates().get(ids[0])?.cursor as { anchor?: number } | null | undefined)?.anchor === 4, 'the observer sees the next state');
    expect(observer.provider.awareness.getStates().has(extra)).toBe(false);
    expect(client.errors).toHaveLength(1);
  });

  it(`refuses an update that would take a document past DOCUMENT_MAX_BYTES (document_full), stores and relays nothing of it, and still after a reload`, async () => {
    const registry = t.app.get(DocumentRegistry);
    const unloadAfter = registry.unloadAfterMs;
    registry.unloadAfterMs = 50;
    try {
      const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
      const documentId = commitment.reportDocumentId;
      const writer = await raw(as.fao);
      expect(await writer.join(documentId)).toEqual({ ok: true, access: 'edit' });
      const observer = open(as.wfp, documentId);
      await observer.synced();
      expect(await writer.sync(documentId, paragraphMessage('a'.repeat(1500)))).toEqual({ ok: true });
      expect(await writer.sync(documentId, paragraphMessage('b'.repeat(1500)))).toEqual({ ok: true });
      const stored = await storedUpdates(documentId);

      const full = { ok: false, error: { code: 'document_full', message: expect.any(String) } };
      expect(await writer.sync(documentId, paragraphMessage('c'.repeat(1500)))).toEqual(full);
      expect(writer.errors).toEqual([{ documentId, error: full.error }]);
      expect(await storedUpdates(documentId)).toBe(stored);
      // What still fits is stored; when it reaches the observer, the refused one had not.
      expect(await writer.sync(documentId, paragraphMessage('Short.'))).toEqual({ ok: true });
      await observer.until((c) => c.plain().includes('Short.'), 'the observer receives the short paragraph');
      expect(observer.plain()).not.toContain('ccc');
      expect(await storedBytes(documentId)).toBeLessThanOrEqual(CAP);

      // Loaded afresh, the document counts what it holds in storage.
      for (const client of collabClients.splice(0)) client.close();
      for (const client of rawClients.splice(0)) client.close();
      await eventually(() => registry.get(documentId) === undefined, 'the document is unloaded');
      const next = await raw(as.fao);
      expect(await next.join(documentId)).toEqual({ ok: true, access: 'edit' });
      expect(await next.sync(documentId, paragraphMessage('d'.repeat(1500)))).toEqual(full);
      expect(await storedUpdates(documentId)).toBe(stored + 1);
    } finally {
      registry.unloadAfterMs = unloadAfter;
    }
  });

  it('decides access again once the document has loaded: a report submitted during the join leaves a view seat, not an edit one', async () => {
    const framework = await t.factory.framework();
    const commitment = await t.factory.commitment({ framework, lead: ['FAO'], contributing: ['WFP'] });
    const cycle = await t.factory.cycle(framework);
    const created = await as.wfpFocal.post('/api/activity-reports', { commitmentId: commitment.id, cycleId: cycle.id });
    expect(created.status).toBe(201);
    const report: { id: string; documentId: string; version: number } = created.body;

    // Hold the document's load: it reads the update log, which this connection locks.
    const holder = new Client({ connectionString: t.databaseUrl });
    await holder.connect();
    let joining: Promise<unknown> | undefined;
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE document_updates IN ACCESS EXCLUSIVE MODE');
      const joiner = await raw(as.wfp);
      joining = joiner.join(report.documentId);
      await eventually(async () => {
        const [row] = (await holder.query("SELECT count(*)::int AS waiting FROM pg_locks WHERE relation = 'document_updates'::regclass AND NOT granted")).rows;
        return row.waiting > 0;
      }, 'the load waits on the update log');
      // The joiner was allowed to edit when it asked; now the report is submitted, while its document loads.
      const submitted = await as.wfpFocal.post(`/api/activity-reports/${report.id}/submit`, { version: report.version });
      expect(submitted.status).toBe(200);
      await holder.query('COMMIT');
      const submittedDetails = { reason: 'report_submitted_awaiting_review' };
      expect(await joining).toEqual({ ok: true, access: 'view', reason: 'This report is submitted and awaits review; you are viewing.', details: submittedDetails });
      expect(await joiner.sync(report.documentId, paragraphMessage('Typed into a submitted report.'))).toEqual({
        ok: false,
        error: { code: 'read_only', message: expect.any(String), details: submittedDetails },
      });
      expect(await storedUpdates(report.documentId)).toBe(0);
    } finally {
      await holder.query('ROLLBACK').catch(() => undefined);
      await holder.end();
      await joining?.catch(() => undefined);
    }
  });

  describe('dropping sockets whose session no longer holds', () => {
    let sweep: SessionSweep;
    beforeAll(() => {
      sweep = t.app.get(SessionSweep);
      sweep.every(50);
    });
    afterAll(() => {
      sweep.every(SESSION_SWEEP_MS);
    });

    it('disconnects a socket whose session expired, with unauthenticated first, and leaves the others', async () => {
      const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
      const user = await t.factory.user({ agency: 'FAO' });
      const session = await t.as(user.email);
      const expiring = await raw(session);
      expect(await expiring.join(commitment.reportDocumentId)).toEqual({ ok: true, access: 'edit' });
      const bystander = await raw(as.wfp);
      expect(await bystander.join(commitment.reportDocumentId)).toEqual({ ok: true, access: 'edit' });

      await t.dataSource.query(`UPDATE sessions SET expire = now() - interval '1 minute' WHERE sess->'passport'->>'user' = $1`, [user.id]);
      await eventually(() => expiring.disconnects.length > 0, 'the socket of the expired session is dropped');
      expect(expiring.disconnects).toEqual(['io server disconnect']);
      expect(expiring.errors).toEqual([{ documentId: null, error: { code: 'unauthenticated', message: expect.any(String) } }]);
      // The same sweep checked the bystander, and kept it.
      expect(bystander.socket.connected).toBe(true);
      expect(await bystander.sync(commitment.reportDocumentId, paragraphMessage('Still here.'))).toEqual({ ok: true });
    });

    it("disconnects the sockets of a user whose agency was archived", async () => {
      const agency = await t.factory.agency();
      const commitment = await t.factory.commitment({ lead: [agency.code], contributing: ['WFP'] });
      const user = await t.factory.user({ agency: agency.code });
      const member = await raw(await t.as(user.email));
      expect(await member.join(commitment.reportDocumentId)).toEqual({ ok: true, access: 'edit' });

      const archived = await as.secretariat.patch(`/api/agencies/${agency.id}`, { version: agency.version, archived: true });
      expect(archived.status).toBe(200);
      await eventually(() => member.disconnects.length > 0, "the archived agency's socket is dropped");
      expect(member.errors).toEqual([{ documentId: null, error: { code: 'unauthenticated', message: expect.any(String) } }]);
      expect(member.disconnects).toEqual(['io server disconnect']);
    });
  });

  it('reads DOCUMENT_MAX_BYTES: 10 MiB unless set, and refuses a value under 1024 bytes', () => {
    const env = { NODE_ENV: 'test' };
    expect(AppConfig.fromEnvironment(env).documentMaxBytes).toBe(10 * 1024 * 1024);
    expect(AppConfig.fromEnvironment(env, { DOCUMENT_MAX_BYTES: '2048' }).documentMaxBytes).toBe(2048);
    expect(() => AppConfig.fromEnvironment(env, { DOCUMENT_MAX_BYTES: '1023' })).toThrow('DOCUMENT_MAX_BYTES must be an integer of at least 1024');
    expect(() => AppConfig.fromEnvironment(env, { DOCUMENT_MAX_BYTES: 'ten' })).toThrow('DOCUMENT_MAX_BYTES must be an integer of at least 1024');
  });
});
