import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source';
import { ApiClient } from '../support/api-client';
import { CollabClient } from '../support/collab-client';
import { Factory } from '../support/factory';
import { createTestDatabase, freePort, startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';
import { storedParagraphs } from '../support/stored-document';

/**
 * Issue 13, item 2: relay first, acknowledge when stored. Peers see an edit while the disk is slow; the sender's ack
 * waits for its row; a failing INSERT is retried and acknowledged once it succeeds; and when a process dies between
 * relaying and storing, the edit comes back from the clients that hold it.
 */


/**
 * Holds the update log locked against writes (INSERTs wait; reads go on) until release(). `endWaiters` first ends
 * the database sessions waiting on the lock: a killed server's INSERT would otherwise still run and commit, since
 * PostgreSQL notices a dead client only when it answers it, which a real crash does not leave time for.
 */
async function lockTheLog(databaseUrl: string): Promise<{ release(options?: { endWaiters: boolean }): Promise<void> }> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  await db.query('BEGIN');
  await db.query('LOCK TABLE document_updates IN EXCLUSIVE MODE');
  return {
    release: async ({ endWaiters } = { endWaiters: false }) => {
      if (endWaiters) {
        await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`);
      }
      await db.query('COMMIT');
      await db.end();
    },
  };
}

describe('relay first, acknowledge when stored (one process)', () => {
  let t: TestApp;
  const clients: CollabClient[] = [];
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await t.close();
  });

  async function twoEditors(): Promise<{ a: CollabClient; b: CollabClient; documentId: string }> {
    const commitment = await t.factory.commitment({ lead: ['FAO'] });
    const [ua, ub] = [await t.factory.user({ agency: 'FAO' }), await t.factory.user({ agency: 'FAO' })];
    const a = CollabClient.connect(t.baseUrl, await t.as(ua.email), commitment.reportDocumentId);
    const b = CollabClient.connect(t.baseUrl, await t.as(ub.email), commitment.reportDocumentId);
    clients.push(a, b);
    await Promise.all([a.synced(), b.synced()]);
    return { a, b, documentId: commitment.reportDocumentId };
  }

  it('a peer sees an edit while the disk is slow; the sender’s ack comes only once its row has committed', async () => {
    const { a, b, documentId } = await twoEditors();
    const lock = await lockTheLog(t.databaseUrl);
    try {
      a.type('typed while the disk is slow');
      await b.until((c) => c.plain() === 'typed while the disk is slow', 'the peer sees the edit');
      // The INSERT is still waiting for the lock: nothing stored, nothing acknowledged.
      expect(a.provider.pending).toBe(1);
      expect(await storedParagraphs(t.databaseUrl, documentId)).toEqual([]);
    } finally {
      await lock.release();
    }
    await a.durable();
    expect(await storedParagraphs(t.databaseUrl, documentId)).toEqual(['typed while the disk is slow']);
  });

  it('a failing INSERT keeps the update and tries again; the sender gets no ok until it is stored', async () => {
    const { a, b, documentId } = await twoEditors();
    // A real failure of the database, not of our code: every INSERT into the log raises, and counts its attempt in a
    // sequence (which, unlike a table, keeps counting through the rollback).
    await t.dataSource.query(`CREATE SEQUENCE log_insert_attempts`);
    await t.dataSource.query(`
      CREATE FUNCTION refuse_log_inserts() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM nextval('log_insert_attempts'); RAISE EXCEPTION 'the disk is full (a test)'; END $$`);
    await t.dataSource.query(`CREATE TRIGGER refuse_log_inserts BEFORE INSERT ON document_updates FOR EACH STATEMENT EXECUTE FUNCTION refuse_log_inserts()`);
    const attempts = async () => Number((await t.dataSource.query(`SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS n FROM log_insert_attempts`))[0].n);
    try {
      a.type('kept through a failing disk');
      await b.until((c) => c.plain() === 'kept through a failing disk', 'the peer sees the edit');
      await eventually(async () => (await attempts()) >= 2, 'the INSERT was tried again after it failed', 15_000);
      expect(a.provider.pending).toBe(1);
      expect(a.provider.lastError).toBeNull();
    } finally {
      await t.dataSource.query(`DROP TRIGGER refuse_log_inserts ON document_updates`);
      await t.dataSource.query(`DROP FUNCTION refuse_log_inserts()`);
      await t.dataSource.query(`DROP SEQUENCE log_insert_attempts`);
    }
    await a.durable();
    expect(await storedParagraphs(t.databaseUrl, documentId)).toEqual(['kept through a failing disk']);
  });
});

/**
 * The server as `npm start` runs it, compiled once into a scratch folder of the checkout (node resolves its packages
 * from there) and run as a child process, so that it can be killed without a chance to clean up.
 */
describe('relay first, acknowledge when stored (a process killed before it stored)', () => {
  const build = path.join(process.cwd(), '.test-build', `relay-first-${process.pid}`);
  let database: { url: string; drop(): Promise<void> };
  let dataSource: DataSource;
  let factory: Factory;
  let port: number;
  let server: ChildProcess | undefined;
  const clients: CollabClient[] = [];
  const baseUrl = () => `http://127.0.0.1:${port}`;

  async function startServer(): Promise<void> {
    const child = spawn(process.execPath, [path.join(build, 'src', 'main.js')], {
      env: {
        ...process.env,
        DATABASE_URL: database.url,
        SESSION_SECRET: 'a session secret for the relay-first test, long enough',
        PORT: String(port),
        PUBLIC_URL: `http://127.0.0.1:${port}`,
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
      },
      stdio: 'ignore',
    });
    server = child;
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`the server stopped with code ${child.exitCode}`);
      return fetch(`${baseUrl()}/api/health`).then((r) => r.status === 200, () => false);
    }, 'the server answers /api/health', 60_000);
  }

  async function kill(): Promise<void> {
    const child = server!;
    server = undefined;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  beforeAll(async () => {
    await promisify(execFile)(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', build]);
    database = await createTestDatabase();
    dataSource = await new DataSource(dataSourceOptions(database.url, 2)).initialize();
    factory = new Factory(dataSource);
    port = await freePort();
  }, 180_000);
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    if (server) await kill();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
    await rm(build, { recursive: true, force: true });
  });

  async function editor(documentId: string): Promise<CollabClient> {
    const user = await factory.user({ agency: 'FAO' });
    const api = new ApiClient(baseUrl());
    expect((await api.post('/api/auth/login', { email: user.email, password: Factory.PASSWORD })).status).toBe(200);
    const client = CollabClient.connect(baseUrl(), api, documentId);
    clients.push(client);
    await client.synced();
    return client;
  }

  it('every edit any client saw is stored once the clients reconnect to the restarted server', async () => {
    const { reportDocumentId: documentId } = await factory.commitment({ lead: ['FAO'] });
    await startServer();
    const [a, b] = [await editor(documentId), await editor(documentId)];
    a.type('stored before the crash');
    await a.durable();

    const lock = await lockTheLog(database.url);
    try {
      a.type('relayed, not yet stored');
      await b.until((c) => c.plain().includes('relayed, not yet stored'), 'the peer sees the edit');
      expect(a.provider.pending).toBe(1);
      await kill();
    } finally {
      await lock.release({ endWaiters: true });
    }
    expect(await storedParagraphs(database.url, documentId)).toEqual(['stored before the crash']);

    await startServer();
    await eventually(async () => (await storedParagraphs(database.url, documentId)).includes('relayed, not yet stored'), 'the reconnected clients send the edit again', 15_000);
    await Promise.all([a.durable(), b.synced()]);
    expect(await storedParagraphs(database.url, documentId)).toEqual(['stored before the crash', 'relayed, not yet stored']);
  }, 120_000);

  it('with only the sender reconnecting, every acknowledged and every pending edit of it is stored', async () => {
    const { reportDocumentId: documentId } = await factory.commitment({ lead: ['FAO'] });
    await startServer();
    const [a, b] = [await editor(documentId), await editor(documentId)];
    a.type('acknowledged');
    await a.durable();
    const lock = await lockTheLog(database.url);
    try {
      a.type('pending one');
      a.type('pending two');
      await b.until((c) => c.plain().includes('pending two'), 'the peer sees the edits');
      b.close();
      clients.splice(clients.indexOf(b), 1);
      await kill();
    } finally {
      await lock.release({ endWaiters: true });
    }
    expect(await storedParagraphs(database.url, documentId)).toEqual(['acknowledged']);
    await startServer();
    await a.durable();
    expect(await storedParagraphs(database.url, documentId)).toEqual(['acknowledged', 'pending one', 'pending two']);
  }, 120_000);
});
