import { io } from 'socket.io-client';
import { COLLAB_NAMESPACE } from '../../src/collaboration/protocol';
import { MailDelivery } from '../../src/mail/mail-delivery';
import { Factory } from '../support/factory';
import { SmtpSink } from '../support/smtp';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

const NEW_PASSWORD = 'a long and quiet river morning';

/**
 * Issue 6 items 1-3 and 8: invitations and password resets through the outbox, user management within one's agency,
 * and the audit trail the secretariat reads.
 */
describe('accounts: invitations, password reset, user management, audit trail', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await new SmtpSink().listen();
    t = await startTestApp({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  /** The secret in the newest mail to this address, as the addressee reads it: delivered over SMTP, never from the outbox. */
  async function linkToken(to: string): Promise<string> {
    await t.app.get(MailDelivery).deliverDue();
    return smtp.linkToken(to);
  }

  async function mailCount(to: string): Promise<number> {
    const [row]: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE to_address = $1`, [to]);
    return row.n;
  }

  describe('invitations', () => {
    it('a focal point invites into its own agency; the colleague sets a password, is signed in, and the link works once', async () => {
      const focal = await t.factory.user({ agency: 'FAO', role: 'focal_point' });
      const client = await t.as(focal.email);
      const invite = await client.post('/api/users/invitations', { email: 'New.Colleague@FAO.test', displayName: 'New Colleague', role: 'staff', agency: 'FAO' });
      expect(invite.status).toBe(202);
      const token = await linkToken('new.colleague@fao.test');
      const stored: { hash: string }[] = await t.dataSource.query(`SELECT token_hash AS hash FROM invitations WHERE email = 'new.colleague@fao.test'`);
      expect(stored[0].hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored[0].hash).not.toContain(token);

      const colleague = t.anonymous();
      const weak = await colleague.post('/api/auth/invitations/accept', { token, password: 'password1234' });
      expect(weak.status).toBe(400);
      expect(weak.body.error.details.fields).toContain('password');
      const accepted = await colleague.post('/api/auth/invitations/accept', { token, password: NEW_PASSWORD });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ user: { email: 'new.colleague@fao.test', role: 'staff' }, agency: { code: 'FAO' } });
      const me = await colleague.get('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.agency.code).toBe('FAO');

      const again = await t.anonymous().post('/api/auth/invitations/accept', { token, password: NEW_PASSWORD });
      expect(again.status).toBe(400);
      expect(again.body.error.code).toBe('invalid_token');
    });

    it('refuses forged and expired invitation links with the same answer', async () => {
      const forged = await t.anonymous().post('/api/auth/invitations/accept', { token: 'inv_forged-token-value', password: NEW_PASSWORD });
      const secretariat = await t.factory.user({ role: 'secretariat' });
      await t.factory.agency('WFP');
      const client = await t.as(secretariat.email);
      expect((await client.post('/api/users/invitations', { email: 'late@wfp.test', displayName: 'Late', role: 'staff', agency: 'WFP' })).status).toBe(202);
      const token = await linkToken('late@wfp.test');
      await t.dataSource.query(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE email = 'late@wfp.test'`);
      const expired = await t.anonymous().post('/api/auth/invitations/accept', { token, password: NEW_PASSWORD });
      expect(forged.status).toBe(400);
      expect(expired.status).toBe(400);
      expect(expired.body).toEqual(forged.body);
    });

    it('answers an invitation to an existing address exactly as to a new one, and mails nobody', async () => {
      const focal = await t.factory.user({ agency: 'WFP', role: 'focal_point' });
      const existing = await t.factory.user({ agency: 'WFP' });
      const client = await t.as(focal.email);
      const before = await mailCount(existing.email);
      const toExisting = await client.post('/api/users/invitations', { email: existing.email, displayName: 'X', role: 'staff', agency: 'WFP' });
      const toNew = await client.post('/api/users/invitations', { email: 'fresh@wfp.test', displayName: 'X', role: 'staff', agency: 'WFP' });
      expect(toExisting.status).toBe(202);
      expect(toNew.status).toBe(202);
      expect(Object.keys(toExisting.body).sort()).toEqual(Object.keys(toNew.body).sort());
      expect(await mailCount(existing.email)).toBe(before);
      expect(await mailCount('fresh@wfp.test')).toBe(1);
    });

    it('refuses a focal point inviting into another agency, or inviting a secretariat user; staff cannot invite', async () => {
      const focal = await t.factory.user({ agency: 'FAO', role: 'focal_point' });
      const staff = await t.factory.user({ agency: 'FAO', role: 'staff' });
      await t.factory.agency('ILO');
      const client = await t.as(focal.email);
      const other = await client.post('/api/users/invitations', { email: 'x1@ilo.test', displayName: 'X', role: 'staff', agency: 'ILO' });
      expect(other.status).toBe(403);
      const upward = await client.post('/api/users/invitations', { email: 'x2@fao.test', displayName: 'X', role: 'secretariat', agency: 'FAO' });
      expect(upward.status).toBe(403);
      const byStaff = await (await t.as(staff.email)).post('/api/users/invitations', { email: 'x3@fao.test', displayName: 'X', role: 'staff', agency: 'FAO' });
      expect(byStaff.status).toBe(403);
      expect(await mailCount('x1@ilo.test')).toBe(0);
      expect(await mailCount('x2@fao.test')).toBe(0);
    });
  });

  describe('password reset', () => {
    it('answers the same for an unknown address, mails a single-use link, and ends every session of the account', async () => {
      const user = await t.factory.user({ agency: 'FAO' });
      const unknown = await t.anonymous().post('/api/auth/password-reset', { email: 'nobody-here@fao.test' });
      const known = await t.anonymous().post('/api/auth/password-reset', { email: user.email });
      expect(unknown.status).toBe(202);
      expect(known.status).toBe(202);
      expect(Object.keys(unknown.body).sort()).toEqual(Object.keys(known.body).sort());
      expect(await mailCount('nobody-here@fao.test')).toBe(0);

      const session = await t.as(user.email);
      const oldCookie = session.sessionCookie;
      const token = await linkToken(user.email);
      const reset = await t.anonymous().post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
      expect(reset.status).toBe(204);
      expect((await t.anonymous().useCookie(oldCookie).get('/api/auth/me')).status).toBe(401);
      expect((await t.anonymous().post('/api/auth/login', { email: user.email, password: Factory.PASSWORD })).status).toBe(401);
      expect((await t.anonymous().post('/api/auth/login', { email: user.email, password: NEW_PASSWORD })).status).toBe(200);
      const reused = await t.anonymous().post('/api/auth/password-reset/confirm', { token, password: 'another long pass phrase' });
      expect(reused.status).toBe(400);
      expect(reused.body.error.code).toBe('invalid_token');
    });

    it('refuses an expired reset link', async () => {
      const user = await t.factory.user({ agency: 'WFP' });
      expect((await t.anonymous().post('/api/auth/password-reset', { email: user.email })).status).toBe(202);
      const token = await linkToken(user.email);
      await t.dataSource.query(`UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [user.id]);
      const expired = await t.anonymous().post('/api/auth/password-reset/confirm', { token, password: NEW_PASSWORD });
      expect(expired.status).toBe(400);
      expect(expired.body.error.code).toBe('invalid_token');
    });
  });

  describe('user management', () => {
    it('a focal point changes a colleague’s role, but cannot raise anyone to secretariat nor touch another agency', async () => {
      const focal = await t.factory.user({ agency: 'ILO', role: 'focal_point' });
      const colleague = await t.factory.user({ agency: 'ILO' });
      const outsider = await t.factory.user({ agency: 'UNDP' });
      const client = await t.as(focal.email);
      const promoted = await client.patch(`/api/users/${colleague.id}`, { version: 1, role: 'focal_point' });
      expect(promoted.status).toBe(200);
      expect(promoted.body).toMatchObject({ id: colleague.id, role: 'focal_point', version: 2 });
      const toSecretariat = await client.patch(`/api/users/${colleague.id}`, { version: 2, role: 'secretariat' });
      expect(toSecretariat.status).toBe(403);
      const otherAgency = await client.patch(`/api/users/${outsider.id}`, { version: 1, active: false });
      expect(otherAgency.status).toBe(403);
      const stale = await client.patch(`/api/users/${colleague.id}`, { version: 1, role: 'staff' });
      expect(stale.status).toBe(409);
      const self = await client.patch(`/api/users/${focal.id}`, { version: 1, active: false });
      expect(self.status).toBe(403);
      const [row]: { role: string; active: boolean }[] = await t.dataSource.query(`SELECT role, active FROM users WHERE id = $1`, [colleague.id]);
      expect(row).toEqual({ role: 'focal_point', active: true });
    });

    it('deactivation ends the user’s sessions and drops their socket within a second; reactivation lets them back in', async () => {
      const focal = await t.factory.user({ agency: 'UNICEF', role: 'focal_point' });
      const leaver = await t.factory.user({ agency: 'UNICEF' });
      const leaverClient = await t.as(leaver.email);
      const oldCookie = leaverClient.sessionCookie;
      const socket = io(`${t.baseUrl}${COLLAB_NAMESPACE}`, { transports: ['websocket'], extraHeaders: { cookie: oldCookie! }, forceNew: true, reconnection: false });
      const disconnects: string[] = [];
      socket.on('disconnect', (reason: string) => disconnects.push(reason));
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      try {
        const manager = await t.as(focal.email);
        const started = Date.now();
        const off = await manager.patch(`/api/users/${leaver.id}`, { version: 1, active: false });
        expect(off.status).toBe(200);
        expect(off.body.active).toBe(false);
        await eventually(() => disconnects.length > 0, 'the socket is dropped', 1_000);
        expect(Date.now() - started).toBeLessThan(1_000);
        expect(disconnects).toEqual(['io server disconnect']);
        expect((await t.anonymous().useCookie(oldCookie).get('/api/auth/me')).status).toBe(401);
        const sessions: { n: number }[] = await t.dataSource.query(`SELECT count(*)::int AS n FROM sessions WHERE sess->'passport'->>'user' = $1`, [leaver.id]);
        expect(sessions[0].n).toBe(0);
        expect((await t.anonymous().post('/api/auth/login', { email: leaver.email, password: Factory.PASSWORD })).status).toBe(401);

        const on = await manager.patch(`/api/users/${leaver.id}`, { version: 2, active: true });
        expect(on.status).toBe(200);
        expect((await t.anonymous().post('/api/auth/login', { email: leaver.email, password: Factory.PASSWORD })).status).toBe(200);
      } finally {
        socket.disconnect();
      }
    });

    it('only the secretariat manages secretariat accounts', async () => {
      const cebFocal = await t.factory.user({ agency: 'CEB', role: 'focal_point' });
      const secretariatUser = await t.factory.user({ agency: 'CEB', role: 'secretariat' });
      const secretariat = await t.factory.user({ agency: 'CEB', role: 'secretariat' });
      const refused = await (await t.as(cebFocal.email)).patch(`/api/users/${secretariatUser.id}`, { version: 1, active: false });
      expect(refused.status).toBe(403);
      const allowed = await (await t.as(secretariat.email)).patch(`/api/users/${secretariatUser.id}`, { version: 1, role: 'staff' });
      expect(allowed.status).toBe(200);
      expect(allowed.body.role).toBe('staff');
    });
  });

  describe('audit trail', () => {
    it('records logins (success and failure), logouts, role changes and deactivations; the secretariat lists them with filters', async () => {
      const focal = await t.factory.user({ agency: 'UNEP', role: 'focal_point' });
      const colleague = await t.factory.user({ agency: 'UNEP' });
      const secretariat = await t.factory.user({ role: 'secretariat' });
      expect((await t.anonymous().post('/api/auth/login', { email: colleague.email, password: 'wrong password here' })).status).toBe(401);
      const manager = await t.as(focal.email);
      expect((await manager.patch(`/api/users/${colleague.id}`, { version: 1, role: 'focal_point' })).status).toBe(200);
      expect((await manager.patch(`/api/users/${colleague.id}`, { version: 2, active: false })).status).toBe(200);
      expect((await manager.post('/api/auth/logout')).status).toBe(204);

      const reader = await t.as(secretariat.email);
      const forColleague = await reader.get(`/api/admin/audit-events?subjectUserId=${colleague.id}`);
      expect(forColleague.status).toBe(200);
      expect(forColleague.body.items.map((e: { action: string }) => e.action)).toEqual(['user.deactivated', 'user.role_changed', 'login.failed']);
      expect(forColleague.body.items[1]).toMatchObject({ actorUserId: focal.id, agencyCode: 'UNEP', details: { from: 'staff', to: 'focal_point' } });
      const logins = await reader.get(`/api/admin/audit-events?action=login.succeeded&actorUserId=${focal.id}`);
      expect(logins.body.total).toBe(1);
      const logouts = await reader.get(`/api/admin/audit-events?action=logout&actorUserId=${focal.id}`);
      expect(logouts.body.total).toBe(1);
      const bad = await reader.get('/api/admin/audit-events?action=nonsense');
      expect(bad.status).toBe(400);

      const byFocal = await (await t.as(focal.email)).get('/api/admin/audit-events');
      expect(byFocal.status).toBe(403);
    });
  });
});
