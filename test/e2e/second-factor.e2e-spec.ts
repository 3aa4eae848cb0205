import { PrincipalCache } from '../../src/accounts/principal-cache';
import { codeAt, currentStep } from '../../src/accounts/totp';
import type { User } from '../../src/accounts/user.entity';
import type { ApiClient } from '../support/api-client';
import { Factory } from '../support/factory';
import { RawCollabClient } from '../support/raw-collab-client';
import { answerSecondFactor } from '../support/second-factor';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Two-factor sign-in (issue 6, item 5): TOTP (RFC 6238) any user can turn on with an authenticator app and recovery
 * codes, required for the secretariat, and reset by a focal point or the secretariat when the app is lost. Codes are
 * computed from the secret the server hands out, as the user's app would.
 */
describe('two-factor sign-in', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  /** The code the app shows for the next step no code of this user has used yet (each step is accepted once). */
  function freshCode(secret: string, used: { lastStep: number }): string {
    const step = Math.max(currentStep(), used.lastStep + 1);
    used.lastStep = step;
    return codeAt(secret, step);
  }

  async function passwordStep(email: string): Promise<ApiClient> {
    const client = t.anonymous();
    const answer = await client.post('/api/auth/login', { email, password: Factory.PASSWORD });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ secondFactorRequired: true });
    return client;
  }

  async function auditActions(userId: string): Promise<{ action: string; details: Record<string, unknown> | null }[]> {
    return t.dataSource.query(`SELECT action, details FROM audit_events WHERE subject_user_id = $1 ORDER BY id`, [userId]);
  }

  describe('turning it on', () => {
    it('gives a secret and QR code, turns on with the first code, shows recovery codes once and ends the other sessions', async () => {
      const focal = await t.factory.user({ agency: 'FAO', role: 'focal_point' });
      const laptop = await t.as(focal.email);
      const phone = await t.as(focal.email);
      expect((await laptop.get('/api/me/second-factor')).body).toEqual({ state: 'off', required: false, enabledAt: null, recoveryCodesLeft: 0 });

      const setup = await laptop.post('/api/me/second-factor/setup');
      expect(setup.status).toBe(200);
      expect(setup.body.secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(setup.body.uri).toBe(`otpauth://totp/Concert:${encodeURIComponent(focal.email)}?issuer=Concert&secret=${setup.body.secret}&algorithm=SHA1&digits=6&period=30`);
      expect(setup.body.qrCode).toMatch(/^data:image\/png;base64,/);
      const secret: string = setup.body.secret;
      // Until confirmed, nothing changes: the password alone still signs in.
      expect((await t.anonymous().post('/api/auth/login', { email: focal.email, password: Factory.PASSWORD })).body.user.secondFactor).toBe('off');

      const wrong = await laptop.post('/api/me/second-factor/confirm', { code: codeAt(secret, currentStep() + 5) });
      expect(wrong.status).toBe(401);
      expect(wrong.body.error).toMatchObject({ code: 'invalid_code', details: { fields: ['code'] } });
      expect((await laptop.get('/api/me/second-factor')).body.state).toBe('off');

      const used = { lastStep: 0 };
      const confirmed = await laptop.post('/api/me/second-factor/confirm', { code: freshCode(secret, used) });
      expect(confirmed.status).toBe(200);
      const codes: string[] = confirmed.body.recoveryCodes;
      expect(codes).toHaveLength(10);
      expect(new Set(codes).size).toBe(10);
      for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);

      expect((await laptop.get('/api/me/second-factor')).body).toMatchObject({ state: 'on', required: false, recoveryCodesLeft: 10 });
      expect((await laptop.get('/api/auth/me')).body.user.secondFactor).toBe('on');
      expect((await phone.get('/api/auth/me')).status).toBe(401);
      expect((await laptop.post('/api/me/second-factor/setup')).body.error.code).toBe('second_factor_on');
      expect(await auditActions(focal.id)).toContainEqual({ action: 'second_factor.enabled', details: { otherSessionsEnded: 2 } });

      // The secret is stored encrypted: the database does not hold it in any readable form.
      const [row] = await t.dataSource.query(`SELECT secret_ciphertext AS sealed FROM user_second_factors WHERE user_id = $1`, [focal.id]);
      expect(row.sealed).not.toContain(secret);
      expect(Buffer.from(row.sealed.split('.')[3], 'base64url').toString('latin1')).not.toContain(secret);
      const stored: { hash: string }[] = await t.dataSource.query(`SELECT code_hash AS hash FROM recovery_codes WHERE user_id = $1`, [focal.id]);
      expect(stored.map((r) => r.hash)).not.toContain(codes[0]);
    });

    it('is not open to API tokens: whoever holds one must not choose the code its user signs in with', async () => {
      const focal = await t.factory.user({ agency: 'UNEP', role: 'focal_point' });
      const client = await t.as(focal.email);
      const token: string = (await client.post('/api/me/api-tokens', { name: 'reporting system' })).body.token;
      const withToken = (method: string, path: string) =>
        fetch(`${t.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: method === 'POST' ? '{"code":"123456"}' : undefined });
      for (const [method, path] of [
        ['GET', '/api/me/second-factor'],
        ['POST', '/api/me/second-factor/setup'],
        ['POST', '/api/me/second-factor/confirm'],
        ['POST', '/api/me/second-factor/disable'],
      ]) {
        const answer = await withToken(method, path);
        expect([path, answer.status]).toEqual([path, 403]);
      }
      expect((await withToken('GET', '/api/frameworks')).status).toBe(200);
      const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM user_second_factors WHERE user_id = $1`, [focal.id]);
      expect(row.n).toBe(0);
    });

    it('refuses a malformed code with a 400 naming the field, and a confirmation without a setup', async () => {
      const staff = await t.factory.user({ agency: 'FAO' });
      const client = await t.as(staff.email);
      const noSetup = await client.post('/api/me/second-factor/confirm', { code: '123456' });
      expect(noSetup.status).toBe(409);
      expect(noSetup.body.error.code).toBe('no_setup_pending');
      for (const code of ['12345', 'abcdef', '1234567', 123456]) {
        const answer = await client.post('/api/me/second-factor/confirm', { code });
        expect(answer.status).toBe(400);
        expect(answer.body.error.details.fields).toEqual(['code']);
      }
    });
  });

  describe('signing in', () => {
    let user: User;
    beforeAll(async () => {
      user = await t.factory.user({ agency: 'WFP', secondFactor: true });
    });

    it('asks for the code after the password, and the password alone opens nothing', async () => {
      const client = await passwordStep(user.email);
      expect((await client.get('/api/auth/me')).status).toBe(401);
      expect((await client.get('/api/frameworks')).status).toBe(401);
      const beforeCode = client.sessionCookie;

      const signedIn = await answerSecondFactor(client, user.email);
      expect(signedIn.status).toBe(200);
      expect(signedIn.body.user).toMatchObject({ id: user.id, secondFactor: 'on' });
      // A fresh session id at each step: an id planted or seen before the code is worthless after it.
      expect(client.sessionCookie).not.toBe(beforeCode);
      expect((await t.anonymous().useCookie(beforeCode).get('/api/auth/me')).status).toBe(401);
      expect((await client.get('/api/frameworks')).status).toBe(200);
    });

    it('accepts each code once: the same code replayed in another sign-in is refused', async () => {
      const enrolled = Factory.secondFactorOf(user.email)!;
      const code = freshCode(enrolled.secret, enrolled);
      const first = await passwordStep(user.email);
      expect((await first.post('/api/auth/login/second-factor', { code })).status).toBe(200);
      const second = await passwordStep(user.email);
      const replayed = await second.post('/api/auth/login/second-factor', { code });
      expect(replayed.status).toBe(401);
      expect(replayed.body.error.code).toBe('invalid_code');
      expect((await second.get('/api/auth/me')).status).toBe(401);
    });

    it('accepts a recovery code once, and says how many are left in the audit trail', async () => {
      const enrolled = Factory.secondFactorOf(user.email)!;
      const recoveryCode = enrolled.recoveryCodes.pop()!;
      const client = await passwordStep(user.email);
      const answer = await client.post('/api/auth/login/second-factor', { recoveryCode: ` ${recoveryCode.toUpperCase().replace('-', ' ')} ` });
      expect(answer.status).toBe(200);
      const again = await passwordStep(user.email);
      const reused = await again.post('/api/auth/login/second-factor', { recoveryCode });
      expect(reused.status).toBe(401);
      expect(reused.body.error).toMatchObject({ code: 'invalid_code', details: { fields: ['recoveryCode'] } });
      const audit = await auditActions(user.id);
      expect(audit.filter((e) => e.action === 'login.succeeded').at(-1)?.details).toEqual({ method: 'password_second_factor', secondFactor: 'recovery_code', recoveryCodesLeft: 9 });
      expect(audit.at(-1)).toEqual({ action: 'login.failed', details: { step: 'second_factor' } });
    });

    it('refuses the code step without a password step, an expired one, and an answer that is neither or both', async () => {
      const enrolled = Factory.secondFactorOf(user.email)!;
      const skipped = await t.anonymous().post('/api/auth/login/second-factor', { code: codeAt(enrolled.secret, currentStep()) });
      expect(skipped.status).toBe(401);
      expect(skipped.body.error.code).toBe('unauthenticated');

      const client = await passwordStep(user.email);
      expect((await client.post('/api/auth/login/second-factor', {})).body.error.details.fields).toEqual(['code']);
      expect((await client.post('/api/auth/login/second-factor', { code: '123456', recoveryCode: 'abcde-fghij' })).status).toBe(400);
      expect((await client.post('/api/auth/login/second-factor', { code: '12345x' })).status).toBe(400);

      const late = await passwordStep(user.email);
      const sid = decodeURIComponent(late.sessionCookie!.split('=')[1]).slice(2).split('.')[0];
      await t.dataSource.query(`UPDATE sessions SET sess = jsonb_set(sess::jsonb, '{pendingSignIn,expiresAt}', to_jsonb(0))::json WHERE sid = $1`, [sid]);
      // The server reads a session through a cache of a few seconds: wait it out, as a slow user would.
      await new Promise((resolve) => setTimeout(resolve, 5_200));
      const expired = await late.post('/api/auth/login/second-factor', { code: codeAt(enrolled.secret, currentStep() + 1) });
      expect(expired.status).toBe(401);
      expect(expired.body.error.message).toMatch(/within 5 minutes/);
    });

    it('slows and then blocks guessing codes (429 with Retry-After), the right code included', async () => {
      const guessed = await t.factory.user({ agency: 'WFP', secondFactor: true });
      const client = await passwordStep(guessed.email);
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 11; attempt += 1) {
        statuses.push((await client.post('/api/auth/login/second-factor', { code: String(100000 + attempt) })).status);
      }
      expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
      expect(statuses[10]).toBe(429);
      const right = await client.post('/api/auth/login/second-factor', { code: codeAt(Factory.secondFactorOf(guessed.email)!.secret, currentStep()) });
      expect(right.status).toBe(429);
      expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    });
  });

  describe('required for the secretariat', () => {
    it('confines a secretariat user without it to turning it on: no API, no live documents, no tokens', async () => {
      const secretariat = await t.factory.user({ role: 'secretariat', secondFactor: false });
      const client = t.anonymous();
      const login = await client.post('/api/auth/login', { email: secretariat.email, password: Factory.PASSWORD });
      expect(login.status).toBe(200);
      expect(login.body.user.secondFactor).toBe('enrolment_required');

      for (const [method, path] of [
        ['GET', '/api/frameworks'],
        ['GET', '/api/admin/audit-events'],
        ['POST', '/api/me/api-tokens'],
      ] as const) {
        const refused = await client.request(method, path, method === 'POST' ? { name: 'sync' } : undefined);
        expect(refused.status).toBe(403);
        expect(refused.body.error.code).toBe('second_factor_required');
      }
      expect(await RawCollabClient.refusal(t.baseUrl, { cookie: client.sessionCookie })).toBe('second_factor_required');

      expect((await client.get('/api/auth/me')).status).toBe(200);
      expect((await client.get('/api/me/second-factor')).body).toMatchObject({ state: 'enrolment_required', required: true });
      const setup = await client.post('/api/me/second-factor/setup');
      const confirmed = await client.post('/api/me/second-factor/confirm', { code: codeAt(setup.body.secret, currentStep()) });
      expect(confirmed.status).toBe(200);
      expect((await client.get('/api/frameworks')).status).toBe(200);
      expect((await client.get('/api/me/second-factor')).body).toMatchObject({ state: 'on', required: true });

      const off = await client.post('/api/me/second-factor/disable', { code: codeAt(setup.body.secret, currentStep() + 1) });
      expect(off.status).toBe(403);
      expect((await client.get('/api/me/second-factor')).body.state).toBe('on');
    });

    it('confines a user raised to the secretariat at once, in the sessions they already have', async () => {
      const promoted = await t.factory.user({ agency: 'CEB', role: 'focal_point' });
      const client = await t.as(promoted.email);
      const secretariat = await t.factory.user({ role: 'secretariat' });
      const manager = await t.as(secretariat.email);
      expect((await manager.patch(`/api/users/${promoted.id}`, { version: 1, role: 'secretariat' })).status).toBe(200);
      expect((await client.get('/api/frameworks')).body.error.code).toBe('second_factor_required');
    });

    it('answers a request that arrives while the news of a change to its user is still on its way', async () => {
      // The change's NOTIFY can reach this process after the next request has started looking the user up: that
      // lookup is dropped and made again, not answered with a 500 (seen in CI on the test above).
      const user = await t.factory.user({ agency: 'CEB', role: 'focal_point' });
      const principals = t.app.get(PrincipalCache);
      const lookup = principals.get(user.id);
      principals.forget(user.id);
      await expect(lookup).resolves.toMatchObject({ userId: user.id, role: 'focal_point' });
    });
  });

  describe('turning it off, new recovery codes', () => {
    it('turns off with a current code where the role allows, and new recovery codes replace the old', async () => {
      const staff = await t.factory.user({ agency: 'UNEP', secondFactor: true });
      const enrolled = Factory.secondFactorOf(staff.email)!;
      const client = await passwordStep(staff.email);
      expect((await client.post('/api/auth/login/second-factor', { recoveryCode: enrolled.recoveryCodes.pop() })).status).toBe(200);
      const oldCode = enrolled.recoveryCodes[0];
      const fresh = await client.post('/api/me/second-factor/recovery-codes', { code: freshCode(enrolled.secret, enrolled) });
      expect(fresh.status).toBe(200);
      expect(fresh.body.recoveryCodes).toHaveLength(10);
      expect((await (await passwordStep(staff.email)).post('/api/auth/login/second-factor', { recoveryCode: oldCode })).status).toBe(401);
      expect((await (await passwordStep(staff.email)).post('/api/auth/login/second-factor', { recoveryCode: fresh.body.recoveryCodes[0] })).status).toBe(200);

      expect((await client.post('/api/me/second-factor/disable', { code: '000000' })).status).toBe(401);
      expect((await client.post('/api/me/second-factor/disable', { code: freshCode(enrolled.secret, enrolled) })).status).toBe(204);
      const login = await t.anonymous().post('/api/auth/login', { email: staff.email, password: Factory.PASSWORD });
      expect(login.body.user.secondFactor).toBe('off');
      expect((await auditActions(staff.id)).map((e) => e.action)).toEqual(expect.arrayContaining(['recovery_codes.regenerated', 'second_factor.disabled']));
    });
  });

  describe('reset of a lost second factor', () => {
    it('lets a focal point reset their agency’s users (sessions end, audited), and nobody else’s or their own', async () => {
      const focal = await t.factory.user({ agency: 'IFAD', role: 'focal_point', secondFactor: true });
      const colleague = await t.factory.user({ agency: 'IFAD', secondFactor: true });
      const outsider = await t.factory.user({ agency: 'ILO', role: 'focal_point' });
      const colleagueSession = await t.as(colleague.email);
      const manager = await t.as(focal.email);

      const listed = await manager.get('/api/users?agency=IFAD');
      expect(listed.body.items.find((u: { id: string }) => u.id === colleague.id).secondFactor).toBe('on');
      expect((await (await t.as(outsider.email)).post(`/api/users/${colleague.id}/second-factor/reset`)).status).toBe(403);
      expect((await manager.post(`/api/users/${focal.id}/second-factor/reset`)).status).toBe(403);

      expect((await manager.post(`/api/users/${colleague.id}/second-factor/reset`)).status).toBe(204);
      expect((await colleagueSession.get('/api/auth/me')).status).toBe(401);
      const login = await t.anonymous().post('/api/auth/login', { email: colleague.email, password: Factory.PASSWORD });
      expect(login.body.user.secondFactor).toBe('off');
      const [event] = await t.dataSource.query(
        `SELECT actor_user_id AS actor, details FROM audit_events WHERE action = 'second_factor.reset' AND subject_user_id = $1`,
        [colleague.id],
      );
      expect(event).toEqual({ actor: focal.id, details: { sessionsEnded: 1 } });
      const again = await manager.post(`/api/users/${colleague.id}/second-factor/reset`);
      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('second_factor_off');
    });

    it('leaves secretariat accounts to the secretariat, whose reset user must enrol again before anything else', async () => {
      const lost = await t.factory.user({ role: 'secretariat' });
      const focal = await t.factory.user({ agency: 'CEB', role: 'focal_point' });
      expect((await (await t.as(focal.email)).post(`/api/users/${lost.id}/second-factor/reset`)).status).toBe(403);
      const colleague = await t.factory.user({ role: 'secretariat' });
      expect((await (await t.as(colleague.email)).post(`/api/users/${lost.id}/second-factor/reset`)).status).toBe(204);
      const client = t.anonymous();
      expect((await client.post('/api/auth/login', { email: lost.email, password: Factory.PASSWORD })).body.user.secondFactor).toBe('enrolment_required');
      expect((await client.get('/api/frameworks')).body.error.code).toBe('second_factor_required');
    });
  });
});
