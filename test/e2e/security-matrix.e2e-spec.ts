import type { Express } from 'express';
import { Factory } from '../support/factory';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Every route the running app serves, read from Express's router (so a new route is in the matrix the moment it
 * exists), × the callers that must never get in: anonymous, a deactivated user's old session, a revoked API token —
 * plus an active session and a live token, which must always get past authentication (their role-level answers are
 * the policy table's business: src/common/policy.spec.ts and permissions.e2e-spec.ts).
 *
 * PUBLIC lists the routes that answer without a session, on purpose. A route not listed must refuse the anonymous.
 */
const PUBLIC = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/login/second-factor',
  'POST /api/auth/logout',
  'POST /api/auth/invitations/accept',
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/confirm',
  'GET /api/digests/unsubscribe',
  'POST /api/digests/unsubscribe',
]);

/** Documentation, not API: Swagger UI and its files. */
const IGNORED = /^\/api\/docs/;

interface Route {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

function routesOf(app: Express): Route[] {
  const stack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
  const routes: Route[] = [];
  for (const layer of stack) {
    if (!layer.route || typeof layer.route.path !== 'string') continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') routes.push({ method: method.toUpperCase(), path: layer.route.path });
    }
  }
  return routes.filter((r) => r.path.startsWith('/api/') && !IGNORED.test(r.path));
}

/** Concrete path: every `:param` a well-formed id that names nothing (authentication is decided before lookup). */
function concrete(path: string): string {
  return path.replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
}

describe('security matrix: every route × callers that must be refused', () => {
  let t: TestApp;
  let routes: Route[];
  let deactivatedCookie: string;
  let liveCookie: string;
  let revokedToken: string;
  let liveToken: string;

  beforeAll(async () => {
    t = await startTestApp();
    routes = routesOf(t.app.getHttpAdapter().getInstance());

    const leaver = await t.factory.user({ agency: 'FAO' });
    const leaverClient = t.anonymous();
    expect((await leaverClient.post('/api/auth/login', { email: leaver.email, password: Factory.PASSWORD })).status).toBe(200);
    deactivatedCookie = leaverClient.sessionCookie!;
    const focal = await t.factory.user({ agency: 'FAO', role: 'focal_point' });
    const manager = t.anonymous();
    expect((await manager.post('/api/auth/login', { email: focal.email, password: Factory.PASSWORD })).status).toBe(200);
    expect((await manager.patch(`/api/users/${leaver.id}`, { version: 1, active: false })).status).toBe(200);

    const user = await t.factory.user({ agency: 'WFP' });
    const client = t.anonymous();
    expect((await client.post('/api/auth/login', { email: user.email, password: Factory.PASSWORD })).status).toBe(200);
    const revoked = await client.post('/api/me/api-tokens', { name: 'revoked' });
    const live = await client.post('/api/me/api-tokens', { name: 'live' });
    expect((await client.request('DELETE', `/api/me/api-tokens/${revoked.body.id}`)).status).toBe(204);
    revokedToken = revoked.body.token;
    liveToken = live.body.token;
    // Logging in again after the token calls: the matrix's "live session" must be one nothing else ends.
    const other = await t.factory.user({ agency: 'ILO' });
    const otherClient = t.anonymous();
    expect((await otherClient.post('/api/auth/login', { email: other.email, password: Factory.PASSWORD })).status).toBe(200);
    liveCookie = otherClient.sessionCookie!;
  });
  afterAll(async () => {
    await t.close();
  });

  function call(route: Route, headers: Record<string, string>): Promise<Response> {
    const hasBody = route.method !== 'GET' && route.method !== 'HEAD' && route.method !== 'DELETE';
    return fetch(`${t.baseUrl}${concrete(route.path)}`, {
      method: route.method,
      headers: { ...(hasBody && { 'content-type': 'application/json' }), ...headers },
      body: hasBody ? '{}' : undefined,
    });
  }

  it('discovers the app’s routes, the ones of this issue included, and every public one is still served', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    expect(keys.length).toBeGreaterThan(30);
    expect(keys).toEqual(expect.arrayContaining(['PATCH /api/users/:id', 'GET /api/admin/audit-events', 'DELETE /api/me/api-tokens/:id']));
    for (const key of PUBLIC) expect(keys).toContain(key);
  });

  it('refuses the anonymous on every non-public route (401)', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (PUBLIC.has(key)) continue;
      const response = await call(route, {});
      if (response.status !== 401) wrong.push(`${key} → ${response.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a deactivated user’s old session on every non-public route (401)', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (PUBLIC.has(key) || key === 'POST /api/auth/logout') continue;
      const response = await call(route, { cookie: deactivatedCookie });
      if (response.status !== 401) wrong.push(`${key} → ${response.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a revoked API token on every route, public ones included (401)', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const response = await call(route, { authorization: `Bearer ${revokedToken}` });
      if (response.status !== 401) wrong.push(`${route.method} ${route.path} → ${response.status}`);
    }
    expect(wrong).toEqual([]);
  });

  it('lets an active session and a live token past authentication on every route (never 401)', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const key = `${route.method} ${route.path}`;
      if (key === 'POST /api/auth/logout' || key.startsWith('POST /api/auth/login')) continue;
      for (const [who, headers] of [
        ['session', { cookie: liveCookie }],
        ['token', { authorization: `Bearer ${liveToken}` }],
      ] as const) {
        const response = await call(route, headers);
        if (response.status === 401) wrong.push(`${key} as ${who} → 401`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
