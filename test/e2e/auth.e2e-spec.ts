import { startTestApp, type TestApp } from '../support/test-app';
import { Factory } from '../support/factory';

describe('login, session and logout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs in with email and password and answers the user and agency', async () => {
    const user = await t.factory.user({ agency: 'FAO', role: 'focal_point' });
    const client = t.anonymous();
    const login = await client.post('/api/auth/login', { email: user.email, password: Factory.PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ user: { id: user.id, email: user.email, role: 'focal_point' }, agency: { code: 'FAO' } });
    const cookie = login.headers.getSetCookie().join('; ');
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(user.email);
  });

  it('answers 401 with the same message for an unknown email and a wrong password', async () => {
    const user = await t.factory.user();
    const unknown = await t.anonymous().post('/api/auth/login', { email: 'nobody@nowhere.test', password: Factory.PASSWORD });
    const wrong = await t.anonymous().post('/api/auth/login', { email: user.email, password: 'not the password' });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('refuses a deactivated user', async () => {
    const user = await t.factory.user({ active: false });
    const response = await t.anonymous().post('/api/auth/login', { email: user.email, password: Factory.PASSWORD });
    expect(response.status).toBe(401);
  });

  it('answers 400 naming the field for a login body of the wrong shape', async () => {
    const response = await t.anonymous().post('/api/auth/login', { email: 'not-an-email', password: 'x' });
    expect(response.status).toBe(400);
    expect(response.body.error.details.fields).toContain('email');
  });

  it('gives a new session id at login, so a planted one is worthless', async () => {
    const user = await t.factory.user();
    const client = t.anonymous();
    await client.post('/api/auth/login', { email: user.email, password: Factory.PASSWORD });
    const first = client.sessionCookie;
    await client.post('/api/auth/login', { email: user.email, password: Factory.PASSWORD });
    expect(client.sessionCookie).toBeDefined();
    expect(client.sessionCookie).not.toBe(first);
    const replay = await t.anonymous().useCookie(first).get('/api/auth/me');
    expect(replay.status).toBe(401);
  });

  it('ends the session at logout: the old cookie no longer works', async () => {
    const user = await t.factory.user();
    const client = await t.as(user.email);
    const cookie = client.sessionCookie;
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await t.anonymous().useCookie(cookie).get('/api/auth/me')).status).toBe(401);
  });

  it('requires a session on every route but login and health', async () => {
    expect((await t.anonymous().get('/api/commitments')).status).toBe(401);
    expect((await t.anonymous().get('/api/health')).status).toBe(200);
  });
});
