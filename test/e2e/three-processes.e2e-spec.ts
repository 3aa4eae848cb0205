import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { DocumentRegistry } from '../../src/collaboration/document-registry';
import { ApiClient } from '../support/api-client';
import { CollabClient } from '../support/collab-client';
import { signIn } from '../support/second-factor';
import { createTestDatabase, startTestServer, type TestApp } from '../support/test-app';
import { eventually, sleep } from '../support/wait';
import { storedParagraphs } from '../support/stored-document';
import { assertRedis, describeWithRedis, REDIS_URL } from '../support/redis';

/**
 * Issue item 10 (docs/deploying.md): three server processes on one database and one Redis, behind a reverse proxy
 * that sends each HTTP request and each WebSocket upgrade to the next process in turn, with no sticky sessions.
 * Editors of three agencies sign in and co-edit one report through it, each on another process.
 */

/**
 * The smallest reverse proxy that does what a real one must for Concert: round robin over the backends for every HTTP
 * request and every upgrade, the upgrade's request line and headers (Upgrade, Connection) passed on as they came,
 * then the two sockets piped together.
 */
class RoundRobinProxy {
  private turn = 0;
  private readonly server: Server;
  private readonly sockets = new Set<Duplex>();
  /** The backend index each WebSocket upgrade went to, in order. */
  readonly upgrades: number[] = [];

  constructor(private readonly backends: { host: string; port: number }[]) {
    this.server = createServer((request, response) => {
      const backend = this.backends[this.next()];
      const upstream = httpRequest({ ...backend, method: request.method, path: request.url, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(response);
      });
      upstream.on('error', () => response.writeHead(502).end());
      request.pipe(upstream);
    });
    this.server.on('upgrade', (request: IncomingMessage, client: Duplex, head: Buffer) => this.upgrade(request, client, head));
    this.server.on('connection', (socket: Socket) => this.track(socket));
  }

  private next(): number {
    return this.turn++ % this.backends.length;
  }

  private track(socket: Duplex): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }

  private upgrade(request: IncomingMessage, client: Duplex, head: Buffer): void {
    const index = this.next();
    this.upgrades.push(index);
    const upstream = connect(this.backends[index].port, this.backends[index].host);
    this.track(upstream);
    const fail = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', fail);
    upstream.on('error', fail);
    upstream.once('connect', () => {
      const headers: string[] = [];
      for (let i = 0; i < request.rawHeaders.length; i += 2) headers.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}\r\n`);
      upstream.write(`${request.method} ${request.url} HTTP/${request.httpVersion}\r\n${headers.join('')}\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}


describeWithRedis('three server processes behind a round-robin reverse proxy', () => {
  let database: { url: string; drop(): Promise<void> };
  const servers: TestApp[] = [];
  let proxy: RoundRobinProxy;
  let proxyUrl: string;
  const editors: CollabClient[] = [];

  beforeAll(async () => {
    assertRedis();
    database = await createTestDatabase();
    for (let i = 0; i < 3; i++) servers.push(await startTestServer(database.url, { overrides: { REDIS_URL } }));
    proxy = new RoundRobinProxy(servers.map((server) => ({ host: '127.0.0.1', port: Number(new URL(server.baseUrl).port) })));
    proxyUrl = await proxy.listen();
  });
  afterAll(async () => {
    for (const editor of editors.splice(0)) editor.close();
    await proxy?.close();
    for (const server of servers.splice(0).reverse()) await server.close();
    await database?.drop();
  });

  it('editors of three agencies, signed in through the proxy and each on another process, co-edit one report', async () => {
    const factory = servers[0].factory;
    const commitment = await factory.commitment({ lead: ['FAO', 'ILO'], contributing: ['WFP'] });
    const documentId = commitment.reportDocumentId;
    const names = ['FAO', 'ILO', 'WFP'];
    // Sign-in through the proxy: the login, its session row and every later request may each reach another process.
    const sessions: ApiClient[] = [];
    for (const agency of names) {
      const user = await factory.user({ agency });
      const api = new ApiClient(proxyUrl);
      expect((await signIn(api, user.email)).status).toBe(200);
      expect((await api.get('/api/auth/me')).status).toBe(200);
      sessions.push(api);
    }

    // One after another, so that the three upgrades take three turns in a row of the round robin.
    for (const api of sessions) {
      const editor = CollabClient.connect(proxyUrl, api, documentId);
      editors.push(editor);
      await editor.synced();
    }
    expect(new Set(proxy.upgrades).size).toBe(3);
    // Each process holds the document open for its editor.
    expect(servers.map((server) => server.app.get(DocumentRegistry).get(documentId)?.loaded ?? false)).toEqual([true, true, true]);

    // Each types in turn; each sees the others' edits.
    const expected: string[] = [];
    for (const [i, editor] of editors.entries()) {
      editor.type(`${names[i]} writes first.`);
      expected.push(`${names[i]} writes first.`);
      for (const peer of editors) await peer.until((c) => c.plain() === expected.join('\n'), `${names[i]}'s edit reaches every editor`);
    }
    // All type at once.
    for (let round = 0; round < 5; round++) {
      for (const [i, editor] of editors.entries()) editor.type(`${names[i]} ${round}`);
      await sleep(5);
    }
    const everyParagraph = [...expected, ...names.flatMap((name) => [0, 1, 2, 3, 4].map((round) => `${name} ${round}`))].sort();
    await eventually(
      () => editors.every((editor) => [...editor.plain().split('\n')].sort().join('\n') === everyParagraph.join('\n')),
      () => `every editor has all ${everyParagraph.length} paragraphs (${editors.map((editor) => editor.plain().split('\n').length).join(', ')})`,
    );
    const content = editors[0].text.toJSON();
    expect(editors.map((editor) => editor.text.toJSON())).toEqual([content, content, content]);
    await Promise.all(editors.map((editor) => editor.durable()));
    expect(editors.map((editor) => editor.provider.lastError)).toEqual([null, null, null]);

    // What the database holds is what everyone sees.
    expect(await storedParagraphs(database.url, documentId)).toEqual(editors[0].plain().split('\n'));
    expect((await storedParagraphs(database.url, documentId)).sort()).toEqual(everyParagraph);
  });
});
