import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { CollabClient } from '../support/collab-client';
import { startTestApp, testConfig, type TestApp } from '../support/test-app';
import { eventually, sleep } from '../support/wait';

/**
 * Issue item 10: GET /metrics for operators, in Prometheus's text format, only with METRICS_TOKEN and its bearer token;
 * HTTP latency by route pattern, open sockets, live documents, pending durable writes, outbox backlog and job lag.
 */

const METRICS_TOKEN = 'metrics-token-for-the-tests-0123456789abcdef';

/** The value of one unlabelled sample of `name` in a scrape, or undefined when absent. */
function sample(scrape: string, name: string): number | undefined {
  const line = scrape.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
}

it('refuses a METRICS_TOKEN shorter than 32 characters at start', () => {
  expect(() => testConfig({ METRICS_TOKEN: 'too-short' })).toThrow(/METRICS_TOKEN must be at least 32 characters/);
  expect(testConfig({ METRICS_TOKEN }).metricsToken).toBe(METRICS_TOKEN);
});

describe('GET /metrics without METRICS_TOKEN', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('does not exist: 404, even for a browser asking for a page and even with a bearer token', async () => {
    const tries: Record<string, string>[] = [{}, { accept: 'text/html' }, { authorization: `Bearer ${METRICS_TOKEN}` }];
    for (const headers of tries) {
      const response = await fetch(`${t.baseUrl}/metrics`, { headers });
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain('concert_');
    }
  });
});

describe('GET /metrics with METRICS_TOKEN', () => {
  let t: TestApp;
  const clients: CollabClient[] = [];
  const scrape = async (): Promise<string> => {
    const response = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}`, accept: 'text/html,*/*' } });
    expect(response.status).toBe(200);
    return response.text();
  };

  beforeAll(async () => {
    t = await startTestApp({ METRICS_TOKEN });
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a scrape without the bearer token or with another one (401), and answers Prometheus text with it', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-of-the-same-kind-0123456789abcd', METRICS_TOKEN, `Basic ${METRICS_TOKEN}`]) {
      const response = await fetch(`${t.baseUrl}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="concert-metrics"');
      expect(await response.text()).not.toContain('concert_');
    }
    // A browser-like Accept: the metrics, not the browser client's index page.
    const response = await fetch(`${t.baseUrl}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}`, accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const body = await response.text();
    for (const name of [
      'concert_http_request_duration_seconds',
      'concert_websocket_connections',
      'concert_live_documents',
      'concert_durable_writes_pending',
      'concert_durable_write_ack_seconds',
      'concert_mail_outbox_pending',
      'concert_job_lag_seconds',
      'process_cpu_seconds_total',
    ]) {
      expect(body).toContain(`# TYPE ${name} `);
    }
  });

  it('times HTTP requests by method, route pattern and status, never by the raw URL', async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'] });
    const user = await t.factory.user({ agency: 'FAO' });
    const api = await t.as(user.email);
    expect((await api.get(`/api/commitments/${commitment.id}`)).status).toBe(200);
    expect((await t.anonymous().get(`/api/commitments/${commitment.id}`)).status).toBe(401);
    expect((await t.anonymous().get('/api/no-such-route')).status).toBe(404);

    const body = await scrape();
    expect(body).toMatch(/concert_http_request_duration_seconds_count\{method="GET",route="\/api\/commitments\/:id",status="200"\} [1-9]/);
    expect(body).toMatch(/concert_http_request_duration_seconds_count\{method="GET",route="\/api\/commitments\/:id",status="401"\} [1-9]/);
    // An unknown address counts under the pattern that answered it (Nest's not-found route), not under its own URL.
    expect(body).toMatch(/concert_http_request_duration_seconds_count\{method="GET",route="[^"]+",status="404"\} [1-9]/);
    expect(body).not.toContain(commitment.id);
    expect(body).not.toContain('no-such-route');
  });

  it('counts open sockets and live documents, and the updates waiting for the log while it is slow', async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'] });
    const user = await t.factory.user({ agency: 'FAO' });
    const before = await scrape();
    expect(sample(before, 'concert_live_documents')).toBe(0);
    expect(sample(before, 'concert_websocket_connections')).toBe(0);

    const editor = CollabClient.connect(t.baseUrl, await t.as(user.email), commitment.reportDocumentId);
    clients.push(editor);
    await editor.synced();
    const open = await scrape();
    expect(sample(open, 'concert_live_documents')).toBe(1);
    expect(sample(open, 'concert_websocket_connections')).toBe(1);
    expect(sample(open, 'concert_durable_writes_pending')).toBe(0);

    // The log locked against writes: the first INSERTs wait in flight, later updates queue behind them.
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    await db.query('BEGIN');
    await db.query('LOCK TABLE document_updates IN EXCLUSIVE MODE');
    try {
      for (let i = 0; i < 6; i++) {
        editor.type(`edit ${i}`);
        await sleep(10);
      }
      let waiting = 0;
      await eventually(async () => (waiting = sample(await scrape(), 'concert_durable_writes_pending') ?? 0) > 0, () => `pending writes > 0 (${waiting})`);
    } finally {
      await db.query('COMMIT');
      await db.end();
    }
    await editor.durable();
    expect(sample(await scrape(), 'concert_durable_writes_pending')).toBe(0);

    editor.close();
    clients.splice(0);
    await eventually(async () => sample(await scrape(), 'concert_websocket_connections') === 0, 'the socket is no longer counted');
  });

  it('reports the mail outbox backlog: pending mails only', async () => {
    const count = async () => sample(await scrape(), 'concert_mail_outbox_pending');
    const initial = (await count()) ?? -1;
    expect(initial).toBeGreaterThanOrEqual(0);
    // Written as the outbox holds mail (no factory writes outbox rows): two pending, one sent, one held.
    for (const status of ['pending', 'pending', 'sent', 'held']) {
      await t.dataSource.query(
        `INSERT INTO mail_outbox (kind, dedupe_key, to_address, subject, text_body, html_body, status) VALUES ('digest', $1, 'someone@example.org', 'Digest', 'text', '<p>html</p>', $2)`,
        [`metrics-test-${randomUUID()}`, status],
      );
    }
    expect(await count()).toBe(initial + 2);
  });

  it('reports the job lag: 0 with no queue, then the age of the oldest due job no worker has started', async () => {
    expect(sample(await scrape(), 'concert_job_lag_seconds')).toBe(0);
    const boss = new PgBoss({ connectionString: t.databaseUrl, max: 2, supervise: false, schedule: false });
    await boss.start();
    try {
      await boss.createQueue('metrics-test');
      expect(sample(await scrape(), 'concert_job_lag_seconds')).toBe(0);
      await boss.send('metrics-test', {});
      await boss.send('metrics-test', {}, { startAfter: 3600 });
      // Nobody works this queue: backdate the due job by 90 seconds rather than wait for it.
      await t.dataSource.query(`UPDATE pgboss.job SET start_after = now() - interval '90 seconds' WHERE name = 'metrics-test' AND start_after <= now()`);
      const lag = sample(await scrape(), 'concert_job_lag_seconds') ?? 0;
      expect(lag).toBeGreaterThanOrEqual(90);
      expect(lag).toBeLessThan(120);
    } finally {
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
