import { get as httpGet } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { io } from 'socket.io-client';
import { ACCOUNT_FAILURES } from '../../src/accounts/login-throttle';
import { COLLAB_NAMESPACE } from '../../src/collaboration/protocol';
import { AppConfig } from '../../src/config/app-config';
import { printedDuring } from '../support/console';
import { Factory } from '../support/factory';
import { startTestApp, type TestApp } from '../support/test-app';

/** Issue 6 items 4, 6, 7 and 9: API tokens, brute-force throttling, CSRF and headers, password storage. */
describe('security: throttling, CSRF, headers, API tokens', () => {
  let t: TestApp;
  let publicOrigin: string;
  beforeAll(async () => {
    // The tests stand for clients at many addresses behind a local proxy.
    t = await startTestApp({ TRUST_PROXY: 'loopback' });
    publicOrigin = new URL(t.app.get(AppConfig).publicUrl).origin;
  });
  afterAll(async () => {
    await t.close();
  });

  function login(email: string, password: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${t.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ email, password }),
    });
  }

  describe('brute force', () => {
    it('refuses an account with 429 and Retry-After after repeated failures, even with the right password', async () => {
      const user = await t.factory.user();
      for (let i = 0; i < ACCOUNT_FAILURES.points; i++) {
        expect((await login(user.email, `wrong guess ${i}`, { 'x-forwarded-for': `10.0.0.${i}` })).status).toBe(401);
      }
      const blocked = await login(user.email, Factory.PASSWORD, { 'x-forwarded-for': '10.0.1.1' });
      expect(blocked.status).toBe(429);
      const retryAfter = Number(blocked.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(ACCOUNT_FAILURES.duration);
      expect(((await blocked.json()) as { error: { code: string } }).error.code).toBe('too_many_attempts');
      // The count lives in Postgres, not in this process's memory.
      const [row]: { points: number }[] = await t.dataSource.query(`SELECT points FROM login_throttle WHERE key = $1`, [`account:${user.email}`]);
      // The ten failures, and the refused attempt (spent before it was refused; it verified nothing).
      expect(row.points).toBe(ACCOUNT_FAILURES.points + 1);
      // Another account from another address is not affected.
      const other = await t.factory.user();
      expect((await login(other.email, Factory.PASSWORD, { 'x-forwarded-for': '10.0.1.2' })).status).toBe(200);
    });

    it('a success clears the account’s count of failures', async () => {
      const user = await t.factory.user();
      for (let i = 0; i < ACCOUNT_FAILURES.points - 1; i++) expect((await login(user.email, 'wrong', { 'x-forwarded-for': '10.0.2.1' })).status).toBe(401);
      expect((await login(user.email, Factory.PASSWORD, { 'x-forwarded-for': '10.0.2.1' })).status).toBe(200);
      expect((await login(user.email, 'wrong', { 'x-forwarded-for': '10.0.2.1' })).status).toBe(401);
      expect((await login(user.email, Factory.PASSWORD, { 'x-forwarded-for': '10.0.2.1' })).status).toBe(200);
    });

    it('refuses an address that guesses across many accounts', async () => {
      await t.dataSource.query(`INSERT INTO login_throttle (key, points, expire) VALUES ('address:10.9.9.9', 100, $1)`, [Date.now() + 60_000]);
      const user = await t.factory.user();
      const blocked = await login(user.email, Factory.PASSWORD, { 'x-forwarded-for': '10.9.9.9' });
      expect(blocked.status).toBe(429);
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await login(user.email, Factory.PASSWORD, { 'x-forwarded-for': '10.9.9.10' })).status).toBe(200);
    });
  });

  describe('CSRF and headers', () => {
    it('compresses a JSON answer for a client that accepts gzip, and only then', async () => {
      const client = await t.as((await t.factory.user({ agency: 'FAO' })).email);
      for (let i = 0; i < 20; i += 1) await t.factory.agency();
      const get = (acceptEncoding: string) =>
        new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
          const request = httpGet(`${t.baseUrl}/api/agencies?limit=100`, { headers: { cookie: client.sessionCookie!, 'accept-encoding': acceptEncoding } }, (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () => resolve({ encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
          });
          request.on('error', reject);
        });
      const compressed = await get('gzip');
      const plain = await get('identity');
      expect(compressed.encoding).toBe('gzip');
      expect(plain.encoding).toBeUndefined();
      expect(JSON.parse(gunzipSync(compressed.body).toString('utf8'))).toEqual(JSON.parse(plain.body.toString('utf8')));
      expect(compressed.body.length).toBeLessThan(plain.body.length / 2);
    });

    it('refuses a cookie-authenticated POST from another origin or marked cross-site, and allows same-origin and non-browser ones', async () => {
      const secretariat = await t.factory.user({ role: 'secretariat' });
      const client = await t.as(secretariat.email);
      const post = (headers: Record<string, string>, code: string) =>
        fetch(`${t.baseUrl}/api/agencies`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: client.sessionCookie!, ...headers },
          body: JSON.stringify({ code, name: `${code} agency`, kind: 'specialized_agency' }),
        });
      const evil = await post({ origin: 'https://evil.example' }, 'EVILA');
      expect(evil.status).toBe(403);
      expect(((await evil.json()) as { error: { code: string } }).error.code).toBe('cross_site_request');
      expect((await post({ 'sec-fetch-site': 'cross-site' }, 'EVILB')).status).toBe(403);
      expect((await post({ origin: 'null' }, 'EVILC')).status).toBe(403);
      expect((await post({ origin: publicOrigin, 'sec-fetch-site': 'same-origin' }, 'GOODA')).status).toBe(201);
      expect((await post({}, 'GOODB')).status).toBe(201);
      const codes: { code: string }[] = await t.dataSource.query(`SELECT code FROM agencies WHERE code LIKE 'EVIL%' OR code LIKE 'GOOD%' ORDER BY code`);
      expect(codes.map((c) => c.code)).toEqual(['GOODA', 'GOODB']);
    });

    it('refuses a cross-site login (login CSRF)', async () => {
      const user = await t.factory.user();
      expect((await login(user.email, Factory.PASSWORD, { origin: 'https://evil.example' })).status).toBe(403);
    });

    it('sends helmet’s headers with a CSP the browser client can live with', async () => {
      const response = await fetch(`${t.baseUrl}/api/health`);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain(`connect-src 'self' ws://${new URL(publicOrigin).host}`);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-powered-by')).toBeNull();
    });
  });

  describe('API tokens', () => {
    it('shows the token once, stores its hash, authenticates as the user with their permissions, and stops at revocation', async () => {
      const focal = await t.factory.user({ agency: 'FAO', role: 'focal_point' });
      const client = await t.as(focal.email);
      const created = await client.post('/api/me/api-tokens', { name: 'FAO reporting system' });
      expect(created.status).toBe(201);
      const token: string = created.body.token;
      expect(token).toMatch(/^cnc_[\w-]{40,}$/);
      const listed = await client.get('/api/me/api-tokens');
      expect(listed.body.items).toHaveLength(1);
      expect(JSON.stringify(listed.body)).not.toContain(token);
      const stored: { hash: string }[] = await t.dataSource.query(`SELECT token_hash AS hash FROM api_tokens WHERE id = $1`, [created.body.id]);
      expect(stored[0].hash).toMatch(/^[0-9a-f]{64}$/);

      const bearer = (path: string, init: RequestInit = {}, secret = token) =>
        fetch(`${t.baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', ...init.headers } });
      const me = await bearer('/api/auth/me');
      expect(me.status).toBe(200);
      expect(((await me.json()) as { user: { id: string } }).user.id).toBe(focal.id);
      // Exactly the user's permissions: a focal point cannot create an agency, token or not; it reads FAO's users.
      expect((await bearer('/api/agencies', { method: 'POST', body: JSON.stringify({ code: 'TOKA', name: 'Token agency', kind: 'specialized_agency' }) })).status).toBe(403);
      expect((await bearer('/api/users?agency=FAO')).status).toBe(200);
      expect((await bearer('/api/auth/me', {}, 'cnc_forged')).status).toBe(401);

      expect((await client.request('DELETE', `/api/me/api-tokens/${created.body.id}`)).status).toBe(204);
      expect((await bearer('/api/auth/me')).status).toBe(401);
      const used: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'api_token.used' AND actor_user_id = $1`, [focal.id]);
      expect(used[0].n).toBe(1);
    });

    it('refuses an expired token and the token of a deactivated user', async () => {
      const user = await t.factory.user({ agency: 'WFP' });
      const client = await t.as(user.email);
      const soon = await client.post('/api/me/api-tokens', { name: 'short', expiresAt: new Date(Date.now() + 60_000).toISOString() });
      const lasting = await client.post('/api/me/api-tokens', { name: 'lasting' });
      expect(soon.status).toBe(201);
      await t.dataSource.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [soon.body.id]);
      const get = (secret: string) => fetch(`${t.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${secret}` } });
      expect((await get(soon.body.token)).status).toBe(401);
      expect((await get(lasting.body.token)).status).toBe(200);
      await t.factory.deactivate(user);
      expect((await get(lasting.body.token)).status).toBe(401);
    });

    it('never opens the live-document socket', async () => {
      const user = await t.factory.user();
      const created = await (await t.as(user.email)).post('/api/me/api-tokens', { name: 'socket attempt' });
      const socket = io(`${t.baseUrl}${COLLAB_NAMESPACE}`, {
        transports: ['websocket'],
        extraHeaders: { authorization: `Bearer ${created.body.token}` },
        forceNew: true,
        reconnection: false,
      });
      try {
        const outcome = await new Promise<string>((resolve) => {
          socket.once('connect', () => resolve('connected'));
          socket.once('connect_error', () => resolve('refused'));
          socket.once('disconnect', () => resolve('refused'));
        });
        expect(outcome).toBe('refused');
      } finally {
        socket.disconnect();
      }
    });
  });

  it('stores passwords as argon2id with at least OWASP’s parameters (m=19 MiB, t=2, p=1)', async () => {
    const focal = await t.factory.user({ agency: 'FAO', role: 'focal_point' });
    const client = await t.as(focal.email);
    const { result: invited, printed } = await printedDuring(() =>
      client.post('/api/users/invitations', { email: 'hash.check@fao.test', displayName: 'Hash', role: 'staff', agency: 'FAO' }),
    );
    expect(invited.status).toBe(202);
    // Without SMTP in development, the link is on the server's console (see secret-links.e2e-spec.ts).
    const token = decodeURIComponent(/hash\.check@fao\.test is \S+token=([\w%-]+)/.exec(printed)![1]);
    expect((await t.anonymous().post('/api/auth/invitations/accept', { token, password: 'a long and quiet river morning' })).status).toBe(200);
    const [row]: { hash: string }[] = await t.dataSource.query(`SELECT password_hash AS hash FROM users WHERE email = 'hash.check@fao.test'`);
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(row.hash);
    expect(match).not.toBeNull();
    expect(Number(match![1])).toBeGreaterThanOrEqual(19_456);
    expect(Number(match![2])).toBeGreaterThanOrEqual(2);
    expect(Number(match![3])).toBeGreaterThanOrEqual(1);
  });
});
