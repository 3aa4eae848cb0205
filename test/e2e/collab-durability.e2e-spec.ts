import type { AddressInfo } from 'node:net';
import passport from 'passport';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app';
import { DocumentRegistry } from '../../src/collaboration/document-registry';
import type { SyncAck } from '../../src/collaboration/protocol';
import { ApiClient } from '../support/api-client';
import { Factory } from '../support/factory';
import { CollabClient } from '../support/collab-client';
import { createTestDatabase, freePort, startTestServer, testConfig, type TestApp } from '../support/test-app';
import { eventually, sleep } from '../support/wait';
import { paragraphsOf, storedParagraphs } from '../support/stored-document';

/**
 * Issue 3, item 11: a server process is stopped mid-edit and started again on the same database and port; the
 * clients reconnect and no acknowledged edit is lost, and what they typed while it was down arrives.
 */

/** One paragraph typed by a client, and what became of the update that carried it. */
interface Typed {
  label: string;
  /** The client was offline when it was typed. */
  offline: boolean;
  /** The provider's status then. */
  status: string;
  /** The update was sent on its own (online, joined). */
  sent: boolean;
  /** The server's ack for that update: `{ ok: true }` means stored. */
  ack: SyncAck | null;
}

/**
 * Types paragraphs on a real client and records, for each, the server's ack of the very update that carried it. The
 * provider sends a local edit synchronously from the document's update event, so the `sync` emitted while `type`
 * runs is that edit's.
 */
function recorder(replica: CollabClient) {
  const typed: Typed[] = [];
  let current: Typed | null = null;
  const socket = replica.socket as unknown as { emit: (...args: unknown[]) => unknown };
  const emit = socket.emit.bind(socket);
  socket.emit = (...args: unknown[]) => {
    const ack = args[args.length - 1];
    if (args[0] === 'sync' && current && typeof ack === 'function') {
      const record = current;
      record.sent = true;
      args[args.length - 1] = (result: SyncAck) => {
        record.ack = result;
        (ack as (result: SyncAck) => void)(result);
      };
    }
    return emit(...args);
  };
  return {
    typed,
    type(label: string): void {
      current = { label, offline: !replica.socket.connected, status: replica.provider.status, sent: false, ack: null };
      typed.push(current);
      try {
        replica.type(label);
      } finally {
        current = null;
      }
    },
  };
}



/** `labels` appear in `paragraphs` in the order given (others may come between). */
function inOrder(paragraphs: string[], labels: string[]): boolean {
  const positions = labels.map((label) => paragraphs.indexOf(label));
  return positions.every((position, i) => position >= 0 && (i === 0 || position > positions[i - 1]));
}

describe('a server restarted in the middle of an editing session', () => {
  let database: { url: string; drop(): Promise<void> };
  let port: number;
  let server: TestApp | null = null;
  const open: CollabClient[] = [];
  const connect = (api: ApiClient, documentId: string) => {
    const replica = CollabClient.connect(server!.baseUrl, api, documentId);
    open.push(replica);
    return replica;
  };
  const start = async () => {
    server = await startTestServer(database.url, { port });
    server.app.get(DocumentRegistry).unloadAfterMs = 20;
    return server;
  };
  const stop = async () => {
    const running = server;
    server = null;
    await running?.close();
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    port = await freePort();
    await start();
  });
  afterEach(() => {
    for (const replica of open.splice(0)) replica.close();
  });
  afterAll(async () => {
    for (const replica of open.splice(0)) replica.close();
    await stop();
    await database.drop();
  });

  it('comes back on the same port; every acknowledged edit survives, and edits typed meanwhile arrive', async () => {
    const commitment = await server!.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const documentId = commitment.reportDocumentId;
    const fao = await server!.as((await server!.factory.user({ agency: 'FAO' })).email);
    const wfp = await server!.as((await server!.factory.user({ agency: 'WFP' })).email);
    const a = connect(fao, documentId);
    const b = connect(wfp, documentId);
    await Promise.all([a.synced(), b.synced()]);
    const typers = [
      { name: 'A', typing: recorder(a) },
      { name: 'B', typing: recorder(b) },
    ];

    // Before the stop: each editor types and waits until everything is acknowledged as stored.
    for (let i = 0; i < 5; i++) for (const { name, typing } of typers) typing.type(`${name}-before-${i}`);
    await Promise.all([a.durable(), b.durable()]);
    for (const { typing } of typers) expect(typing.typed.map((t) => t.ack)).toEqual(typing.typed.map(() => ({ ok: true })));

    // Both keep typing, every 5 ms, while the server stops, stays down, and starts again.
    let counter = 0;
    const keyboard = setInterval(() => {
      counter++;
      for (const { name, typing } of typers) typing.type(`${name}-${counter}`);
    }, 5);
    try {
      await sleep(60);
      await stop();
      await eventually(() => !a.socket.connected && !b.socket.connected, 'both clients see the server go', 10_000);
      const typedWhenStopped = counter;
      await sleep(150);
      expect(counter).toBeGreaterThan(typedWhenStopped);

      // While the server is down: every edit acknowledged as stored is in the database.
      const stored = await storedParagraphs(database.url, documentId);
      for (const { typing } of typers) {
        const acknowledged = typing.typed.filter((t) => t.ack?.ok).map((t) => t.label);
        expect(acknowledged.length).toBeGreaterThan(5);
        expect(acknowledged.filter((label) => !stored.includes(label))).toEqual([]);
      }

      await start();
      await sleep(100);
    } finally {
      clearInterval(keyboard);
    }

    await eventually(() => [a, b].every((r) => r.socket.connected && r.provider.status === 'synced'), 'both clients back and synced', 10_000);
    await eventually(() => a.text.toJSON() === b.text.toJSON(), 'both replicas equal', 10_000).catch((error: unknown) => {
      const missing = typers.flatMap(({ typing }) =>
        typing.typed.filter((t) => !paragraphsOf(a.text).includes(t.label) || !paragraphsOf(b.text).includes(t.label)),
      );
      throw new Error(`${String(error)}; paragraphs missing from a replica, with the status they were typed in: ${JSON.stringify(missing)}`);
    });
    const paragraphs = paragraphsOf(a.text);
    for (const { typing } of typers) {
      const labels = typing.typed.map((t) => t.label);
      // Nothing lost (typed online, during the stop or offline), in each editor's order.
      expect(labels.filter((label) => !paragraphs.includes(label))).toEqual([]);
      expect(inOrder(paragraphs, labels)).toBe(true);
      expect(typing.typed.filter((t) => t.offline).length).toBeGreaterThan(0);
      expect(labels.length).toBe(counter + 5);
    }
    expect(paragraphs).toHaveLength(2 * (counter + 5));

    await eventually(async () => JSON.stringify(await storedParagraphs(database.url, documentId)) === JSON.stringify(paragraphs), 'the database holds it all', 10_000);
    // A fresh load by the new process, from the database once nobody holds the document.
    const content = a.text.toJSON();
    await eventually(() => a.provider.pending === 0 && b.provider.pending === 0, 'every update answered', 2_000).catch(() => undefined);
    const pending = [a.provider.pending, b.provider.pending];
    a.close();
    b.close();
    open.splice(0);
    await eventually(() => server!.app.get(DocumentRegistry).get(documentId) === undefined, 'the document is unloaded', 10_000);
    const fresh = connect(fao, documentId);
    await fresh.synced();
    expect(fresh.text.toJSON()).toBe(content);

    // Every update sent before the stop got its answer or was resent: nothing stays unacknowledged after reconnect.
    expect(pending).toEqual([0, 0]);
  }, 60_000);

  it('a client that typed only while the server was down delivers its edits after the restart', async () => {
    const commitment = await server!.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const documentId = commitment.reportDocumentId;
    const fao = await server!.as((await server!.factory.user({ agency: 'FAO' })).email);
    const wfp = await server!.as((await server!.factory.user({ agency: 'WFP' })).email);
    const a = connect(fao, documentId);
    const b = connect(wfp, documentId);
    await Promise.all([a.synced(), b.synced()]);
    a.type('online before the stop');
    await a.durable();
    await b.until((c) => c.plain() === 'online before the stop', 'B sees the first edit');

    await stop();
    await eventually(() => !a.socket.connected && !b.socket.connected, 'both clients offline', 10_000);
    a.type('A offline');
    b.type('B offline');
    const offline = [a.plain(), b.plain()];
    expect(offline).toEqual(['online before the stop\nA offline', 'online before the stop\nB offline']);

    await start();
    await eventually(() => [a, b].every((r) => r.socket.connected && r.provider.status === 'synced'), 'both back', 10_000);
    await eventually(() => a.plain() === b.plain() && a.plain().split('\n').length === 3, 'both see all three paragraphs', 10_000);
    expect(a.plain().split('\n').sort()).toEqual(['A offline', 'B offline', 'online before the stop']);
    await Promise.all([a.durable(), b.durable()]);
    expect(await storedParagraphs(database.url, documentId)).toEqual(a.plain().split('\n'));
  }, 30_000);
  it('an app created again in the same process (after the first one closed) accepts sessions', async () => {
    // Without the test support's passport workaround: createApp as main.ts does, twice in one process.
    await stop();
    const chains = passport as unknown as { _serializers: unknown[]; _deserializers: unknown[] };
    const saved = { serializers: [...chains._serializers], deserializers: [...chains._deserializers] };
    try {
      const first = await createApp(testConfig(), database.url);
      await first.listen(0, '127.0.0.1');
      await first.close();
      const second = await createApp(testConfig(), database.url);
      try {
        await second.listen(0, '127.0.0.1');
        const user = await new Factory(second.get(DataSource)).user({ agency: 'FAO' });
        const api = new ApiClient(`http://127.0.0.1:${(second.getHttpServer().address() as AddressInfo).port}`);
        expect((await api.post('/api/auth/login', { email: user.email, password: Factory.PASSWORD })).status).toBe(200);
        const me = await api.get('/api/auth/me');
        expect({ status: me.status, email: me.body?.user?.email }).toEqual({ status: 200, email: user.email });
      } finally {
        await second.close();
      }
    } finally {
      chains._serializers = saved.serializers;
      chains._deserializers = saved.deserializers;
      await start();
    }
  }, 30_000);
});
