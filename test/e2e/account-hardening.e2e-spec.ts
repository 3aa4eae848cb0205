import { ACCOUNT_FAILURES, RESET_REQUESTS_PER_ADDRESS, RESET_REQUESTS_PER_EMAIL } from '../../src/accounts/login-throttle';
import { codeAt, currentStep } from '../../src/accounts/totp';
import { MailDelivery } from '../../src/mail/mail-delivery';
import { ApiClient } from '../support/api-client';
import { printedDuring } from '../support/console';
import { Factory } from '../support/factory';
import { nextCode } from '../support/second-factor';
import { SmtpSink } from '../support/smtp';
import { startTestApp, type TestApp } from '../support/test-app';

const NEW_PASSWORD = 'a long and quiet river morning';

/** Every row of every table of the database, as text: what a dump of it would hold. */
async function databaseDump(t: TestApp): Promise<string> {
  const tables: { name: string }[] = await t.dataSource.query(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows: { row: string }[] = await t.dataSource.query(`SELECT row_to_json(t)::text AS row FROM "${name}" t`);
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join('\n');
}

function bearer(baseUrl: string, token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function auditCount(t: TestApp, action: string, where: { email?: string; subjectUserId?: string }): Promise<number> {
  const [row]: { n: number }[] = await t.dataSource.query(
    `SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND ($2::text IS NULL OR email = $2) AND ($3::uuid IS NULL OR subject_user_id = $3)`,
    [action, where.email ?? null, where.subjectUserId ?? null],
  );
  return row.n;
}

/** Issue 10 items 1-5: secret links only the addressee reads, tokens that die with a recovery, throttles that cannot be raced. */
describe('account hardening (with SMTP)', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await new SmtpSink().listen();
    // The tests stand for clients at several addresses behind a local proxy.
    t = await startTestApp({ SMTP_URL: smtp.url, TRUST_PROXY: 'loopback' });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const deliver = () => t.app.get(MailDelivery).deliverDue();

  describe('secret links', () => {
    it('the secretariat cannot obtain a working reset link from any route, nor from a dump; only the addressee can use it', async () => {
      const focal = await t.factory.user({ agency: 'WFP', role: 'focal_point' });
      const secretariat = await t.as((await t.factory.user({ role: 'secretariat' })).email);
      expect((await secretariat.post('/api/auth/password-reset', { email: focal.email })).status).toBe(202);

      // Before delivery: the outbox as the secretariat reads it, and the database as a thief would.
      const list = await secretariat.get('/api/admin/mail?kind=password_reset');
      const listed = list.body.items.find((m: { to: string }) => m.to === focal.email);
      expect(listed).toBeDefined();
      const shown = await secretariat.get(`/api/admin/mail/${listed.id}`);
      expect(shown.status).toBe(200);
      expect(shown.body.text).toContain('[link sent to the addressee only]');
      expect(shown.body.text).not.toMatch(/token=/);
      expect(shown.body.html).not.toMatch(/token=/);
      const dumpBefore = await databaseDump(t);

      expect(await deliver()).toBeGreaterThan(0);
      const token = smtp.linkToken(focal.email);
      expect(token).toMatch(/^rst_/);
      expect(smtp.to(focal.email).at(-1)!.parsed.html).toContain(`token=${encodeURIComponent(token)}`);
      expect(dumpBefore).not.toContain(token);
      expect(dumpBefore).not.toContain(encodeURIComponent(token));
      // Once sent, not even the sealed copy is kept.
      const [row]: { sealed: string | null; status: string }[] = await t.dataSource.query(`SELECT sealed_secret AS sealed, status FROM mail_outbox WHERE id = $1`, [listed.id]);
      expect(row).toEqual({ sealed: null, status: 'sent' });
      expect(await databaseDump(t)).not.toContain(token);
      expect((await secretariat.get(`/api/admin/mail/${listed.id}`)).body.text).not.toContain(token);

      // Reading a body is audited, with who read it.
      const reads = await secretariat.get(`/api/admin/audit-events?action=mail.read`);
      expect(reads.body.items.some((e: { details: { mailId: string } }) => e.details.mailId === listed.id)).toBe(true);

      expect((await t.anonymous().post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD })).status).toBe(204);
      expect((await t.anonymous().post('/api/auth/login', { email: focal.email, password: NEW_PASSWORD })).status).toBe(200);
    });

    it('an invitation link is likewise the invitee’s alone, and an outage after the link was sealed leaves the mail retryable', async () => {
      const focal = await t.factory.user({ agency: 'FAO', role: 'focal_point' });
      const manager = await t.as(focal.email);
      const secretariat = await t.as((await t.factory.user({ role: 'secretariat' })).email);
      const email = `invitee.${Date.now()}@fao.test`;
      let dumpAfterOutage = '';
      await smtp.close();
      try {
        expect((await manager.post('/api/users/invitations', { email, displayName: 'Invitee', role: 'staff', agency: 'FAO' })).status).toBe(202);
        await deliver();
        const [failed]: { id: string; status: string; attempts: number; sealed: string | null; text: string; html: string; error: string | null }[] =
          await t.dataSource.query(
            `SELECT id, status, attempts, sealed_secret AS sealed, text_body AS text, html_body AS html, last_error AS error FROM mail_outbox WHERE to_address = $1`,
            [email],
          );
        expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
        expect(failed.sealed).toMatch(/^v1\./);
        // The link was rendered for the attempt; what stayed behind (bodies, the error, the mailbox view) holds none of it.
        for (const kept of [failed.text, failed.html, failed.error ?? '']) expect(kept).not.toMatch(/token=|inv_/);
        const shown = await secretariat.get(`/api/admin/mail/${failed.id}`);
        expect(shown.status).toBe(200);
        expect(JSON.stringify(shown.body)).not.toMatch(/token=|inv_/);
        dumpAfterOutage = await databaseDump(t);
      } finally {
        await smtp.listen(smtp.port);
      }
      // Due a second ago, not now(): PostgreSQL's now() has microseconds, the pass's start (a JavaScript Date) only
      // milliseconds, so a pass begun in the same millisecond as this UPDATE saw the mail as not yet due.
      await t.dataSource.query(`UPDATE mail_outbox SET next_attempt_at = now() - interval '1 second' WHERE to_address = $1`, [email]);
      expect(await deliver()).toBe(1);
      const token = smtp.linkToken(email);
      expect(token).toMatch(/^inv_/);
      expect(dumpAfterOutage).not.toContain(token);
      expect((await t.anonymous().post('/api/auth/invitations/accept', { token, password: NEW_PASSWORD })).status).toBe(200);
    });
  });

  describe('API tokens', () => {
    it('a token made before a password reset answers 401 after it, and a token cannot mint another token', async () => {
      const user = await t.factory.user({ agency: 'ILO' });
      const client = await t.as(user.email);
      const created = await client.post('/api/me/api-tokens', { name: 'reporting system' });
      expect(created.status).toBe(201);
      const token: string = created.body.token;
      expect((await bearer(t.baseUrl, token, 'GET', '/api/frameworks')).status).toBe(200);
      // Only a signed-in session makes, lists and revokes tokens.
      expect((await bearer(t.baseUrl, token, 'POST', '/api/me/api-tokens', { name: 'another' })).status).toBe(403);
      expect((await bearer(t.baseUrl, token, 'GET', '/api/me/api-tokens')).status).toBe(403);
      const [own] = (await client.get('/api/me/api-tokens')).body.items as { id: string }[];
      expect((await bearer(t.baseUrl, token, 'DELETE', `/api/me/api-tokens/${own.id}`)).status).toBe(403);
      expect((await bearer(t.baseUrl, token, 'GET', `/api/users/${user.id}/api-tokens`)).status).toBe(403);
      expect((await bearer(t.baseUrl, token, 'DELETE', `/api/users/${user.id}/api-tokens/${own.id}`)).status).toBe(403);
      expect((await client.get('/api/me/api-tokens')).body.total).toBe(1);

      expect((await t.anonymous().post('/api/auth/password-reset', { email: user.email })).status).toBe(202);
      await deliver();
      expect((await t.anonymous().post('/api/auth/password-reset/confirm', { token: smtp.linkToken(user.email), password: NEW_PASSWORD })).status).toBe(204);
      expect((await bearer(t.baseUrl, token, 'GET', '/api/frameworks')).status).toBe(401);
      expect(await auditCount(t, 'api_token.revoked', { subjectUserId: user.id })).toBe(1);
    });

    it('turning a second factor on, a manager’s reset of it, and deactivation each revoke every token; reactivation revives none', async () => {
      const focal = await t.factory.user({ agency: 'UNEP', role: 'focal_point' });
      const user = await t.factory.user({ agency: 'UNEP', secondFactor: false });
      const manager = await t.as(focal.email);
      const client = await t.as(user.email);
      const makeToken = async () => (await client.post('/api/me/api-tokens', { name: `t${Date.now()}` })).body.token as string;

      const beforeEnrolment = await makeToken();
      const begun = await client.post('/api/me/second-factor/setup');
      expect(begun.status).toBe(200);
      const confirmed = await client.post('/api/me/second-factor/confirm', { code: codeAt(begun.body.secret, currentStep()) });
      expect(confirmed.status).toBe(200);
      expect((await bearer(t.baseUrl, beforeEnrolment, 'GET', '/api/frameworks')).status).toBe(401);

      const beforeReset = await makeToken();
      expect((await manager.post(`/api/users/${user.id}/second-factor/reset`)).status).toBe(204);
      expect((await bearer(t.baseUrl, beforeReset, 'GET', '/api/frameworks')).status).toBe(401);

      const again = await t.as(user.email);
      const beforeDeactivation = (await again.post('/api/me/api-tokens', { name: 'last' })).body.token as string;
      const version = (await manager.get(`/api/users?agency=UNEP`)).body.items.find((u: { id: string }) => u.id === user.id).version as number;
      expect((await manager.patch(`/api/users/${user.id}`, { version, active: false })).status).toBe(200);
      expect((await manager.patch(`/api/users/${user.id}`, { version: version + 1, active: true })).status).toBe(200);
      expect((await bearer(t.baseUrl, beforeDeactivation, 'GET', '/api/frameworks')).status).toBe(401);
      expect(await auditCount(t, 'api_token.revoked', { subjectUserId: user.id })).toBe(3);
    });

    it('turning a second factor off revokes every token too', async () => {
      const user = await t.factory.user({ agency: 'UNEP', secondFactor: true });
      const client = await t.as(user.email);
      const token = (await client.post('/api/me/api-tokens', { name: 'before turning it off' })).body.token as string;
      expect((await bearer(t.baseUrl, token, 'GET', '/api/frameworks')).status).toBe(200);
      expect((await client.post('/api/me/second-factor/disable', { code: await nextCode(user.email) })).status).toBe(204);
      expect((await bearer(t.baseUrl, token, 'GET', '/api/frameworks')).status).toBe(401);
      expect(await auditCount(t, 'api_token.revoked', { subjectUserId: user.id })).toBe(1);
    });

    it('a focal point lists and revokes the tokens of their own agency’s users only; the secretariat anyone’s', async () => {
      const focal = await t.factory.user({ agency: 'UNIDO', role: 'focal_point' });
      const outsider = await t.factory.user({ agency: 'UNHCR', role: 'focal_point' });
      const staff = await t.factory.user({ agency: 'UNIDO' });
      const secretariat = await t.as((await t.factory.user({ role: 'secretariat' })).email);
      const created = await (await t.as(staff.email)).post('/api/me/api-tokens', { name: 'unido sync' });
      const manager = await t.as(focal.email);

      const listed = await manager.get(`/api/users/${staff.id}/api-tokens`);
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((i: { id: string }) => i.id)).toEqual([created.body.id]);
      expect(listed.body.items[0].token).toBeUndefined();
      expect((await (await t.as(outsider.email)).get(`/api/users/${staff.id}/api-tokens`)).status).toBe(403);
      expect((await (await t.as(outsider.email)).request('DELETE', `/api/users/${staff.id}/api-tokens/${created.body.id}`)).status).toBe(403);
      expect((await bearer(t.baseUrl, created.body.token, 'GET', '/api/frameworks')).status).toBe(200);

      expect((await manager.request('DELETE', `/api/users/${staff.id}/api-tokens/${created.body.id}`)).status).toBe(204);
      expect((await bearer(t.baseUrl, created.body.token, 'GET', '/api/frameworks')).status).toBe(401);
      expect((await secretariat.get(`/api/users/${staff.id}/api-tokens`)).body.items[0].revokedAt).not.toBeNull();
      const unknown = await secretariat.request('DELETE', `/api/users/${staff.id}/api-tokens/00000000-0000-4000-8000-000000000000`);
      expect(unknown.status).toBe(404);
    });
  });

  describe('throttles', () => {
    it('50 parallel wrong passwords for one account verify at most 10; the rest answer 429 with Retry-After', async () => {
      const user = await t.factory.user({ agency: 'ITU' });
      const answers = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          fetch(`${t.baseUrl}/api/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.20.0.${i}` },
            body: JSON.stringify({ email: user.email, password: `wrong guess ${i}` }),
          }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 401)).toHaveLength(ACCOUNT_FAILURES.points);
      expect(statuses.filter((s) => s === 429)).toHaveLength(50 - ACCOUNT_FAILURES.points);
      expect(answers.filter((a) => a.status === 429).every((a) => Number(a.headers.get('retry-after')) > 0)).toBe(true);
      // Each verification that ran is one login.failed in the audit trail.
      expect(await auditCount(t, 'login.failed', { email: user.email })).toBe(ACCOUNT_FAILURES.points);
      expect(await auditCount(t, 'login.throttled', { email: user.email })).toBe(50 - ACCOUNT_FAILURES.points);
    });

    it('parallel wrong second-factor codes are throttled the same way, and knowing the password buys no more guesses', async () => {
      const user = await t.factory.user({ agency: 'WHO', role: 'focal_point', secondFactor: true });
      const signInStep = async () => {
        const client = new ApiClient(t.baseUrl);
        const first = await client.post('/api/auth/login', { email: user.email, password: Factory.PASSWORD });
        return { client, first };
      };
      const { client, first } = await signInStep();
      expect(first.body.secondFactorRequired).toBe(true);
      const answers = await Promise.all(Array.from({ length: 30 }, () => client.post('/api/auth/login/second-factor', { code: '000000' })));
      // The right password was given back its attempt: ten wrong codes are verified, the rest refused unverified.
      expect(answers.filter((a) => a.status === 401)).toHaveLength(ACCOUNT_FAILURES.points);
      expect(answers.filter((a) => a.status === 429)).toHaveLength(30 - ACCOUNT_FAILURES.points);
      expect(await auditCount(t, 'login.failed', { email: user.email })).toBe(ACCOUNT_FAILURES.points);
      // Now even the right code, and the right password, are refused until the window ends.
      expect((await client.post('/api/auth/login/second-factor', { code: await nextCode(user.email) })).status).toBe(429);
      const { first: passwordAgain } = await signInStep();
      expect(passwordAgain.status).toBe(429);
    });

    it('password-reset requests: at most 5 an hour for one address and 20 from one client, answered alike for unknown addresses', async () => {
      const user = await t.factory.user({ agency: 'UPU' });
      const ask = (email: string, from: string) =>
        fetch(`${t.baseUrl}/api/auth/password-reset`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
          body: JSON.stringify({ email }),
        });
      for (let i = 0; i < RESET_REQUESTS_PER_EMAIL.points; i++) {
        expect((await ask(user.email, `10.30.0.${i}`)).status).toBe(202);
        expect((await ask('nobody.here@upu.test', `10.30.1.${i}`)).status).toBe(202);
      }
      const known = await ask(user.email, '10.30.0.99');
      const unknown = await ask('nobody.here@upu.test', '10.30.1.99');
      expect(known.status).toBe(429);
      expect(unknown.status).toBe(429);
      expect(Number(known.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await unknown.json()).toEqual(await known.json());
      const [mails]: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE to_address = $1`, [user.email]);
      expect(mails.n).toBe(RESET_REQUESTS_PER_EMAIL.points);

      const statuses: number[] = [];
      for (let i = 0; i <= RESET_REQUESTS_PER_ADDRESS.points; i++) statuses.push((await ask(`someone.${i}@upu.test`, '10.31.0.1')).status);
      expect(statuses.slice(0, RESET_REQUESTS_PER_ADDRESS.points).every((s) => s === 202)).toBe(true);
      expect(statuses[RESET_REQUESTS_PER_ADDRESS.points]).toBe(429);
    });
  });

  describe('invitations', () => {
    it('pending invitations are listed and revocable by their agency’s managers; a revoked link is refused; twice is a 404', async () => {
      const focal = await t.factory.user({ agency: 'UNFPA', role: 'focal_point' });
      const outsider = await t.factory.user({ agency: 'UNODC', role: 'focal_point' });
      const manager = await t.as(focal.email);
      const email = `pending.${Date.now()}@unfpa.test`;
      expect((await manager.post('/api/users/invitations', { email, displayName: 'Pending Person', role: 'staff', agency: 'UNFPA' })).status).toBe(202);
      await deliver();
      const token = smtp.linkToken(email);

      const listed = await manager.get('/api/users/invitations?agency=UNFPA');
      expect(listed.status).toBe(200);
      const invitation = listed.body.items.find((i: { email: string }) => i.email === email);
      expect(invitation).toMatchObject({ displayName: 'Pending Person', role: 'staff', invitedBy: { id: focal.id } });
      expect(JSON.stringify(listed.body)).not.toContain(token);
      expect((await (await t.as(outsider.email)).get('/api/users/invitations?agency=UNFPA')).status).toBe(403);
      expect((await (await t.as(outsider.email)).request('DELETE', `/api/users/invitations/${invitation.id}`)).status).toBe(403);
      expect((await manager.get('/api/users/invitations')).status).toBe(400);

      expect((await manager.request('DELETE', `/api/users/invitations/${invitation.id}`)).status).toBe(204);
      expect((await manager.request('DELETE', `/api/users/invitations/${invitation.id}`)).status).toBe(404);
      expect((await manager.get('/api/users/invitations?agency=UNFPA')).body.items.some((i: { id: string }) => i.id === invitation.id)).toBe(false);
      const refused = await t.anonymous().post('/api/auth/invitations/accept', { token, password: NEW_PASSWORD });
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('invalid_token');
      expect(await auditCount(t, 'invitation.revoked', { email })).toBe(1);
    });

    it('an invitation revoked, or whose inviter is deactivated, before its mail went out is never mailed', async () => {
      const focal = await t.factory.user({ agency: 'UNFPA', role: 'focal_point' });
      const leaving = await t.factory.user({ agency: 'UNFPA', role: 'focal_point' });
      const manager = await t.as(focal.email);
      const revoked = `revoked.${Date.now()}@unfpa.test`;
      const orphaned = `orphaned.${Date.now()}@unfpa.test`;
      const kept = `kept.${Date.now()}@unfpa.test`;
      for (const [client, email] of [[manager, revoked], [await t.as(leaving.email), orphaned], [manager, kept]] as const) {
        expect((await client.post('/api/users/invitations', { email, displayName: 'Invitee', role: 'staff', agency: 'UNFPA' })).status).toBe(202);
      }
      const pending = (await manager.get('/api/users/invitations?agency=UNFPA')).body.items as { id: string; email: string }[];
      expect((await manager.request('DELETE', `/api/users/invitations/${pending.find((i) => i.email === revoked)!.id}`)).status).toBe(204);
      const secretariat = await t.as((await t.factory.user({ role: 'secretariat' })).email);
      expect((await secretariat.patch(`/api/users/${leaving.id}`, { version: 1, active: false })).status).toBe(200);

      await deliver();
      expect(smtp.to(kept)).toHaveLength(1);
      expect(smtp.to(revoked)).toEqual([]);
      expect(smtp.to(orphaned)).toEqual([]);
      const withdrawn = (await secretariat.get('/api/admin/mail?kind=invitation&status=failed')).body.items as { to: string; lastError: string }[];
      expect(withdrawn.filter((m) => m.to === revoked || m.to === orphaned).map((m) => m.lastError).sort()).toEqual([
        'Withdrawn: the invitation was revoked before its mail went out.',
        'Withdrawn: the inviter was deactivated before the invitation went out.',
      ]);
    });

    it('deactivating an inviter cancels their pending invitations; an inviter who lost the right cannot be accepted', async () => {
      const inviter = await t.factory.user({ agency: 'UNRWA', role: 'focal_point' });
      const demoted = await t.factory.user({ agency: 'UNRWA', role: 'focal_point' });
      const secretariat = await t.as((await t.factory.user({ role: 'secretariat' })).email);
      const first = `first.${Date.now()}@unrwa.test`;
      const second = `second.${Date.now()}@unrwa.test`;
      expect((await (await t.as(inviter.email)).post('/api/users/invitations', { email: first, displayName: 'First', role: 'staff', agency: 'UNRWA' })).status).toBe(202);
      expect((await (await t.as(demoted.email)).post('/api/users/invitations', { email: second, displayName: 'Second', role: 'staff', agency: 'UNRWA' })).status).toBe(202);
      await deliver();
      const firstToken = smtp.linkToken(first);
      const secondToken = smtp.linkToken(second);

      expect((await secretariat.patch(`/api/users/${inviter.id}`, { version: 1, active: false })).status).toBe(200);
      expect((await secretariat.get('/api/users/invitations?agency=UNRWA')).body.items.some((i: { email: string }) => i.email === first)).toBe(false);
      expect((await t.anonymous().post('/api/auth/invitations/accept', { token: firstToken, password: NEW_PASSWORD })).status).toBe(400);

      // Demoted to staff after inviting: the invitation is still listed (it is not cancelled), but no longer honoured.
      expect((await secretariat.patch(`/api/users/${demoted.id}`, { version: 1, role: 'staff' })).status).toBe(200);
      const stale = await t.anonymous().post('/api/auth/invitations/accept', { token: secondToken, password: NEW_PASSWORD });
      expect(stale.status).toBe(400);
      expect(stale.body.error.code).toBe('invalid_token');
      const [created]: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE email IN ($1, $2)`, [first, second]);
      expect(created.n).toBe(0);
    });
  });
});

describe('account hardening (without SMTP)', () => {
  it('in development the link is printed once on the server console, with its addressee, and never shown by the API', async () => {
    const t = await startTestApp();
    try {
      const user = await t.factory.user({ agency: 'FAO' });
      const secretariat = await t.as((await t.factory.user({ role: 'secretariat' })).email);
      const { result, printed } = await printedDuring(() => t.anonymous().post('/api/auth/password-reset', { email: user.email }));
      expect(result.status).toBe(202);
      const lines = printed.split('\n').filter((line) => line.includes('token='));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(user.email);
      const token = decodeURIComponent(/token=([\w%-]+)/.exec(lines[0])![1]);

      const list = await secretariat.get('/api/admin/mail?kind=password_reset');
      const mail = await secretariat.get(`/api/admin/mail/${list.body.items[0].id}`);
      expect(mail.body.status).toBe('held');
      expect(JSON.stringify(mail.body)).not.toContain(token);
      expect(await databaseDump(t)).not.toContain(token);
      expect((await t.anonymous().post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD })).status).toBe(204);
    } finally {
      await t.close();
    }
  });

  it('in production, invitations and resets answer 503 mail_not_configured and write nothing', async () => {
    const t = await startTestApp({ NODE_ENV: 'production', SESSION_SECRET: 'a production secret of at least thirty-two characters' });
    try {
      const user = await t.factory.user({ agency: 'FAO' });
      const focal = await t.as((await t.factory.user({ agency: 'FAO', role: 'focal_point' })).email);
      const reset = await t.anonymous().post('/api/auth/password-reset', { email: user.email });
      const resetUnknown = await t.anonymous().post('/api/auth/password-reset', { email: 'nobody.at.all@fao.test' });
      const invite = await focal.post('/api/users/invitations', { email: 'new.person@fao.test', displayName: 'New', role: 'staff', agency: 'FAO' });
      for (const answer of [reset, resetUnknown, invite]) {
        expect(answer.status).toBe(503);
        expect(answer.body.error.code).toBe('mail_not_configured');
      }
      const [counts]: { mails: number; resets: number; invitations: number }[] = await t.dataSource.query(
        `SELECT (SELECT count(*)::int FROM mail_outbox) AS mails, (SELECT count(*)::int FROM password_resets) AS resets,
                (SELECT count(*)::int FROM invitations) AS invitations`,
      );
      expect(counts).toEqual({ mails: 0, resets: 0, invitations: 0 });
    } finally {
      await t.close();
    }
  });

  it('TRUST_PROXY: unset, X-Forwarded-For is ignored and the socket’s address is the client’s; set, the proxy’s word is taken', async () => {
    for (const [trustProxy, expected] of [[undefined, '127.0.0.1'], ['loopback', '10.40.0.7']] as const) {
      const t = await startTestApp(trustProxy ? { TRUST_PROXY: trustProxy } : {});
      try {
        const user = await t.factory.user({ agency: 'FAO' });
        await fetch(`${t.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.40.0.7' },
          body: JSON.stringify({ email: user.email, password: 'not the password' }),
        });
        const [row]: { ip: string }[] = await t.dataSource.query(`SELECT ip FROM audit_events WHERE action = 'login.failed' AND email = $1`, [user.email]);
        expect(row.ip.replace(/^::ffff:/, '')).toBe(expected);
      } finally {
        await t.close();
      }
    }
  });
});
