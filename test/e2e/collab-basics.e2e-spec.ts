import { MESSAGES_PER_SECOND } from '../../src/collaboration/socket-limits';
import { CollabClient } from '../support/collab-client';
import { eventually } from '../support/wait';
import { startTestApp, type TestApp } from '../support/test-app';

describe('live co-editing of a commitment report', () => {
  let t: TestApp;
  const clients: CollabClient[] = [];
  const open = (...args: Parameters<typeof CollabClient.connect>) => {
    const client = CollabClient.connect(...args);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await t.close();
  });

  async function setting() {
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const fao = await t.as((await t.factory.user({ agency: 'FAO' })).email);
    const wfp = await t.as((await t.factory.user({ agency: 'WFP' })).email);
    const unesco = await t.as((await t.factory.user({ agency: 'UNESCO', role: 'focal_point' })).email);
    return { commitment, fao, wfp, unesco };
  }

  it('FAO and WFP see each other\'s edits, and the text is stored', async () => {
    const { commitment, fao, wfp } = await setting();
    const a = open(t.baseUrl, fao, commitment.reportDocumentId);
    const b = open(t.baseUrl, wfp, commitment.reportDocumentId);
    await Promise.all([a.synced(), b.synced()]);
    expect(a.provider.access).toBe('edit');
    expect(b.provider.access).toBe('edit');
    a.type('FAO drafted the summary.');
    await b.until((c) => c.plain().includes('FAO drafted the summary.'), 'WFP sees FAO text');
    b.type('WFP added progress.');
    await a.until((c) => c.plain().includes('WFP added progress.'), 'FAO sees WFP text');
    await Promise.all([a.durable(), b.durable()]);

    const fresh = open(t.baseUrl, fao, commitment.reportDocumentId);
    await fresh.synced();
    expect(fresh.plain()).toBe(a.plain());
    const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM document_updates WHERE document_id = $1', [
      commitment.reportDocumentId,
    ]);
    expect(count).toBeGreaterThanOrEqual(2);
  });

  it(`an editor's burst past the rate limit is sent again, and the provider says saved only once all of it is stored`, async () => {
    const { commitment, fao, wfp } = await setting();
    const editor = open(t.baseUrl, fao, commitment.reportDocumentId);
    await editor.synced();
    // A burst past the socket's limit, as a fast typist or a paste of many steps makes: one update per paragraph.
    const paragraphs = Array.from({ length: MESSAGES_PER_SECOND + 20 }, (_, i) => `Line ${i + 1}.`);
    for (const paragraph of paragraphs) editor.type(paragraph);
    await eventually(() => editor.provider.lastError?.code === 'rate_limited', 'the server refused part of the burst');
    expect(editor.provider.saved).toBe(false);
    await editor.until((c) => c.provider.saved, 'every update acknowledged as stored', 15_000);

    // What was stored is all of it: a reader who joins now gets every line.
    const reader = open(t.baseUrl, wfp, commitment.reportDocumentId);
    await reader.synced();
    expect(reader.plain().split('\n')).toEqual(paragraphs);
  }, 30_000);

  it('a user of another agency watches read-only; an edit it sends is refused and never stored', async () => {
    const { commitment, fao, unesco } = await setting();
    const editor = open(t.baseUrl, fao, commitment.reportDocumentId);
    const viewer = open(t.baseUrl, unesco, commitment.reportDocumentId);
    await Promise.all([editor.synced(), viewer.synced()]);
    expect(viewer.provider.access).toBe('view');
    expect(viewer.provider.readOnlyReason).toMatch(/FAO and WFP edit this report/);

    editor.type('Visible to everyone.');
    await viewer.until((c) => c.plain().includes('Visible to everyone.'), 'viewer sees the edit');
    await editor.durable();

    // A view-only client that sends an update anyway: force it past the provider's own check.
    viewer.provider.access = 'edit';
    viewer.type('UNESCO was here.');
    await viewer.until((c) => c.provider.lastError?.code === 'read_only', 'read_only error');
    await viewer.until((c) => c.provider.pending === 0, 'the refusal acknowledged');
    // Refused for good: the provider never calls that edit saved.
    expect(viewer.provider.saved).toBe(false);
    const stored = await t.dataSource.query('SELECT count(*)::int AS count FROM document_updates WHERE document_id = $1', [
      commitment.reportDocumentId,
    ]);
    const fresh = open(t.baseUrl, fao, commitment.reportDocumentId);
    await fresh.synced();
    expect(fresh.plain()).not.toContain('UNESCO was here.');
    expect(editor.plain()).not.toContain('UNESCO was here.');
    expect(stored[0].count).toBe(1);
  });

  it('refuses a connection without a session', async () => {
    const { commitment } = await setting();
    const anonymous = open(t.baseUrl, null, commitment.reportDocumentId);
    const error = await new Promise<Error>((resolve) => anonymous.socket.once('connect_error', resolve));
    expect(error.message).toBe('unauthenticated');
  });
});
