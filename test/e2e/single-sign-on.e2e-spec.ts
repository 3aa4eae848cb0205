import { randomBytes } from 'node:crypto';
import type { User } from '../../src/accounts/user.entity';
import type { ApiClient } from '../support/api-client';
import { Factory } from '../support/factory';
import { loginAtProvider, startIdentityProvider, type TestIdentityProvider } from '../support/identity-provider';
import { RawCollabClient } from '../support/raw-collab-client';
import { answerSecondFactor } from '../support/second-factor';
import { SmtpSink } from '../support/smtp';
import { MailDelivery } from '../../src/mail/mail-delivery';
import { createTestDatabase, freePort, startTestServer, type TestApp } from '../support/test-app';

/**
 * Single sign-on per agency (issue 15) against a real OpenID Connect provider (panva's oidc-provider on a loopback
 * port): the secretariat's settings, the flow through real HTTP (Concert → provider's login form → Concert's callback),
 * provisioning, refusals, password sign-in turned off, and the secretariat's second factor met by the provider's `amr`.
 */
describe('single sign-on', () => {
  let t: TestApp;
  let idp: TestIdentityProvider;
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let secretariat: ApiClient;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await new SmtpSink().listen();
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    database = await createTestDatabase();
    idp = await startIdentityProvider({ redirectUri: `${publicUrl}/api/auth/sso/callback` });
    t = await startTestServer(database.url, { port, overrides: { PUBLIC_URL: publicUrl, SMTP_URL: smtp.url } });
    secretariat = await t.as((await t.factory.user({ role: 'secretariat' })).email);
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
    await smtp.close();
    await database.drop();
  });

  const unique = () => randomBytes(3).toString('hex');

  /** A new agency whose domain (`<code>.test`, as the factory's users have) signs in at the test provider. */
  async function agencyWithSso(options: { passwordLogin?: 'allowed' | 'disabled'; emailDomains?: string[] } = {}) {
    const agency = await t.factory.agency(`AG${unique().toUpperCase()}`);
    const domain = `${agency.code.toLowerCase()}.test`;
    const saved = await secretariat.put(`/api/agencies/${agency.id}/sso`, {
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      emailDomains: options.emailDomains ?? [domain],
      passwordLogin: options.passwordLogin ?? 'allowed',
      defaultRole: 'staff',
    });
    expect(saved.status).toBe(200);
    return { agency, domain };
  }

  /** The whole sign-in as a browser does it; answers the client, where Concert sent it at the end, and its cookies. */
  async function signInWithProvider(startPath: string, login: string, client: ApiClient = t.anonymous()) {
    const callback = await loginAtProvider(client, startPath, login);
    const before = client.sessionCookie;
    const landed = await client.request('GET', new URL(callback).pathname + new URL(callback).search, undefined, { redirect: 'manual' });
    expect(landed.status).toBe(302);
    return { client, location: landed.headers.get('location'), before, after: client.sessionCookie, callback };
  }

  async function usersWithEmail(email: string): Promise<{ id: string; role: string; agency_id: string }[]> {
    return t.dataSource.query(`SELECT id, role, agency_id FROM users WHERE email = $1`, [email]);
  }

  async function lastAudit(action: string): Promise<{ email: string | null; details: Record<string, unknown>; agency_id: string | null }> {
    const [row] = await t.dataSource.query(`SELECT email, details, agency_id FROM audit_events WHERE action = $1 ORDER BY id DESC LIMIT 1`, [action]);
    return row;
  }

  describe('settings (secretariat writes, focal points read)', () => {
    it('stores the provider once its discovery document checks out, answers it without the secret, and audits it', async () => {
      const agency = await t.factory.agency(`AG${unique().toUpperCase()}`);
      const body = {
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecret: idp.clientSecret,
        emailDomains: ['wfp-example.org', 'wfp-example.org', 'field.wfp-example.org'],
        passwordLogin: 'allowed',
        defaultRole: 'staff',
      };
      const saved = await secretariat.put(`/api/agencies/${agency.id}/sso`, body);
      expect(saved.status).toBe(200);
      expect(saved.body).toEqual({
        agencyId: agency.id,
        issuer: idp.issuer,
        clientId: idp.clientId,
        clientSecretSet: true,
        emailDomains: ['field.wfp-example.org', 'wfp-example.org'],
        passwordLogin: 'allowed',
        defaultRole: 'staff',
        redirectUri: `${t.baseUrl}/api/auth/sso/callback`,
        version: 1,
        updatedAt: expect.any(String),
      });
      expect(JSON.stringify(saved.body)).not.toContain(idp.clientSecret);

      const focal = await t.as((await t.factory.user({ agency: agency.code, role: 'focal_point' })).email);
      const read = await focal.get(`/api/agencies/${agency.id}/sso`);
      expect(read.status).toBe(200);
      expect(read.body).toEqual(saved.body);
      expect(JSON.stringify(read.body)).not.toContain(idp.clientSecret);
      const staff = await t.as((await t.factory.user({ agency: agency.code })).email);
      expect((await staff.get(`/api/agencies/${agency.id}/sso`)).status).toBe(403);
      const otherFocal = await t.as((await t.factory.user({ agency: 'ILO', role: 'focal_point' })).email);
      expect((await otherFocal.get(`/api/agencies/${agency.id}/sso`)).status).toBe(403);
      expect((await focal.put(`/api/agencies/${agency.id}/sso`, body)).status).toBe(403);

      const [stored] = await t.dataSource.query(`SELECT client_secret_ciphertext FROM agency_sso WHERE agency_id = $1`, [agency.id]);
      expect(stored.client_secret_ciphertext).toMatch(/^v1\./);
      expect(stored.client_secret_ciphertext).not.toContain(idp.clientSecret);
      const audited = await lastAudit('sso.configured');
      expect(audited.agency_id).toBe(agency.id);
      expect(audited.details).toMatchObject({ issuer: idp.issuer, clientId: idp.clientId, passwordLogin: 'allowed', clientSecretChanged: true });
      expect(JSON.stringify(audited.details)).not.toContain(idp.clientSecret);

      // Test the connection: the stored provider answers now.
      const check = await secretariat.post(`/api/agencies/${agency.id}/sso/check`);
      expect(check.status).toBe(200);
      expect(check.body).toMatchObject({ ok: true, issuer: idp.issuer, authorizationEndpoint: expect.stringContaining(idp.issuer) });
    });

    it('refuses an issuer that is not an OpenID Connect provider with a 400 naming issuer, and stores nothing', async () => {
      const agency = await t.factory.agency(`AG${unique().toUpperCase()}`);
      const port = await freePort();
      for (const issuer of [`http://127.0.0.1:${port}`, `${idp.issuer}/not-the-issuer`]) {
        const refused = await secretariat.put(`/api/agencies/${agency.id}/sso`, {
          issuer,
          clientId: 'concert',
          clientSecret: 'secret',
          emailDomains: ['example.org'],
          passwordLogin: 'allowed',
          defaultRole: 'staff',
        });
        expect(refused.status).toBe(400);
        expect(refused.body.error.details.fields).toEqual(['issuer']);
        expect(refused.body.error.message).toContain(issuer);
      }
      expect((await secretariat.get(`/api/agencies/${agency.id}/sso`)).status).toBe(404);
    });

    it('names the field of a bad body, and never provisions anything but staff', async () => {
      const agency = await t.factory.agency(`AG${unique().toUpperCase()}`);
      const good = { issuer: idp.issuer, clientId: idp.clientId, emailDomains: ['example.org'], passwordLogin: 'allowed', defaultRole: 'staff' };
      for (const [field, bad] of [
        ['emailDomains', { emailDomains: ['Not A Domain'] }],
        ['emailDomains', { emailDomains: [] }],
        ['defaultRole', { defaultRole: 'focal_point' }],
        ['defaultRole', { defaultRole: 'secretariat' }],
        ['passwordLogin', { passwordLogin: 'sometimes' }],
        ['issuer', { issuer: 'not a url' }],
      ] as const) {
        const refused = await secretariat.put(`/api/agencies/${agency.id}/sso`, { ...good, ...bad });
        expect(refused.status).toBe(400);
        expect(refused.body.error.details.fields).toEqual([field]);
      }
      expect((await secretariat.get(`/api/agencies/${agency.id}/sso`)).status).toBe(404);
    });

    it('keeps the stored secret when a change leaves it out, refuses a stale version, and removes the settings (audited)', async () => {
      const { agency, domain } = await agencyWithSso();
      const changed = await secretariat.put(`/api/agencies/${agency.id}/sso`, {
        issuer: idp.issuer,
        clientId: idp.clientId,
        emailDomains: [domain],
        passwordLogin: 'allowed',
        defaultRole: 'staff',
        version: 1,
      });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ clientSecretSet: true, version: 2 });
      // The secret kept is the one the provider takes: a sign-in still works.
      idp.add({ sub: `kept-${unique()}`, email: `kept.${unique()}@${domain}` });
      const login = [...idp.accounts.values()].at(-1)!;
      expect((await signInWithProvider(`/api/auth/sso/start?email=${login.email}`, login.sub)).location).toBe('/');

      const stale = await secretariat.put(`/api/agencies/${agency.id}/sso`, { ...changed.body, version: 1, agencyId: undefined, clientSecretSet: undefined, redirectUri: undefined, updatedAt: undefined });
      expect(stale.status).toBe(409);

      const focal = await t.as((await t.factory.user({ agency: agency.code, role: 'focal_point' })).email);
      expect((await focal.delete(`/api/agencies/${agency.id}/sso`)).status).toBe(403);
      expect((await secretariat.delete(`/api/agencies/${agency.id}/sso`)).status).toBe(204);
      expect((await secretariat.get(`/api/agencies/${agency.id}/sso`)).status).toBe(404);
      expect((await secretariat.delete(`/api/agencies/${agency.id}/sso`)).status).toBe(404);
      expect((await lastAudit('sso.removed')).agency_id).toBe(agency.id);
      expect((await t.anonymous().get(`/api/auth/sso/options?email=someone@${domain}`)).body).toEqual({ method: 'password' });
    });
  });

  describe('signing in through the provider', () => {
    it('creates a staff member of the right agency on the first sign-in, on a fresh session, and finds the same one the second time', async () => {
      const { agency, domain } = await agencyWithSso();
      const person = idp.add({ sub: `officer-${unique()}`, email: `officer.${unique()}@${domain}`, name: 'A. Programme Officer' });
      expect((await t.anonymous().get(`/api/auth/sso/options?email=${person.email}`)).body).toEqual({
        method: 'provider',
        agencies: [{ code: agency.code, name: agency.name }],
        passwordAllowed: true,
      });

      const first = await signInWithProvider(`/api/auth/sso/start?email=${encodeURIComponent(person.email)}`, person.sub);
      expect(first.location).toBe('/');
      expect(first.after).toBeDefined();
      expect(first.after).not.toBe(first.before);
      const me = await first.client.get('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({
        user: { email: person.email, displayName: 'A. Programme Officer', role: 'staff' },
        agency: { code: agency.code },
        signedInWith: 'provider',
      });
      const created = await usersWithEmail(person.email);
      expect(created).toEqual([{ id: me.body.user.id, role: 'staff', agency_id: agency.id }]);
      expect(await lastAudit('sso.user_provisioned')).toMatchObject({ email: person.email, agency_id: agency.id });
      // The session planted before the sign-in is worth nothing now.
      expect((await t.anonymous().useCookie(first.before).get('/api/auth/me')).status).toBe(401);

      // From a shared link: back to that page.
      const second = await signInWithProvider(`/api/auth/sso/start?agency=${agency.code}&returnTo=${encodeURIComponent('/commitments/abc?tab=report')}`, person.sub);
      expect(second.location).toBe('/commitments/abc?tab=report');
      expect((await second.client.get('/api/auth/me')).body.user.id).toBe(me.body.user.id);
      expect(await usersWithEmail(person.email)).toHaveLength(1);
    });

    it('refuses a wrong state, a replayed code, a wrong audience, an expired or forged ID token: nobody signed in, nobody created', async () => {
      const { domain } = await agencyWithSso();
      const person = idp.add({ sub: `careful-${unique()}`, email: `careful.${unique()}@${domain}` });
      const start = `/api/auth/sso/start?email=${encodeURIComponent(person.email)}`;

      const refusedWith = async (client: ApiClient, callback: string, reason: string) => {
        const url = new URL(callback);
        const answer = await client.request('GET', url.pathname + url.search, undefined, { redirect: 'manual' });
        expect(answer.status).toBe(302);
        expect(answer.headers.get('location')).toBe(`/login?sso_error=${reason}`);
        expect((await client.get('/api/auth/me')).status).toBe(401);
      };

      // A state that is not this browser's.
      const wrongState = t.anonymous();
      const callback = new URL(await loginAtProvider(wrongState, start, person.sub));
      callback.searchParams.set('state', 'not-the-state-of-this-browser');
      await refusedWith(wrongState, callback.toString(), 'invalid_response');
      expect((await lastAudit('sso.refused')).details).toMatchObject({ reason: 'invalid_response', error: expect.stringMatching(/"state"/) });

      // A wrong audience, and an expired token, both signed with the provider's own key.
      const otherAudience = t.anonymous();
      const forOther = await loginAtProvider(otherAudience, start, person.sub);
      idp.tamperNextIdToken((claims) => ({ ...claims, aud: 'another-application' }));
      await refusedWith(otherAudience, forOther, 'invalid_response');
      expect((await lastAudit('sso.refused')).details.error).toMatch(/"aud"/);
      const late = t.anonymous();
      const lateCallback = await loginAtProvider(late, start, person.sub);
      const now = Math.floor(Date.now() / 1000);
      idp.tamperNextIdToken((claims) => ({ ...claims, iat: now - 7200, exp: now - 3600 }));
      await refusedWith(late, lateCallback, 'invalid_response');
      expect((await lastAudit('sso.refused')).details.error).toMatch(/"exp"/);
      // A token signed with a key that is not in the provider's JWKS, otherwise right.
      const forged = t.anonymous();
      const forgedCallback = await loginAtProvider(forged, start, person.sub);
      idp.tamperNextIdToken((claims) => claims, { signWith: 'a foreign key' });
      await refusedWith(forged, forgedCallback, 'invalid_response');
      expect((await lastAudit('sso.refused')).details.error).toMatch(/signature/i);
      expect(await usersWithEmail(person.email)).toEqual([]);

      // The same callback twice: the second finds no sign-in under way, with the new session or with the old cookie.
      const browser = t.anonymous();
      const once = await loginAtProvider(browser, start, person.sub);
      const planted = browser.sessionCookie;
      const url = new URL(once);
      expect((await browser.request('GET', url.pathname + url.search, undefined, { redirect: 'manual' })).headers.get('location')).toBe('/');
      const signedInCookie = browser.sessionCookie;
      await refusedWith(t.anonymous().useCookie(planted), once, 'no_sign_in_under_way');
      const replayed = await t.anonymous().useCookie(signedInCookie).request('GET', url.pathname + url.search, undefined, { redirect: 'manual' });
      expect(replayed.headers.get('location')).toBe('/login?sso_error=no_sign_in_under_way');
      expect(await usersWithEmail(person.email)).toHaveLength(1);
    });

    it('refuses an unverified email, an address outside the agency, and a deactivated user, with the reason and an audit entry', async () => {
      const { agency, domain } = await agencyWithSso();
      const start = `/api/auth/sso/start?agency=${agency.code}`;

      const unverified = idp.add({ sub: `unverified-${unique()}`, email: `unverified.${unique()}@${domain}`, emailVerified: false });
      expect((await signInWithProvider(start, unverified.sub)).location).toBe('/login?sso_error=email_unverified');
      expect(await usersWithEmail(unverified.email)).toEqual([]);

      const outsider = idp.add({ sub: `outsider-${unique()}`, email: `someone.${unique()}@elsewhere.test` });
      expect((await signInWithProvider(start, outsider.sub)).location).toBe('/login?sso_error=domain_not_agency');
      expect(await usersWithEmail(outsider.email)).toEqual([]);
      expect(await lastAudit('sso.refused')).toMatchObject({ email: outsider.email, details: expect.objectContaining({ reason: 'domain_not_agency', agency: agency.code }) });

      const leaver = idp.add({ sub: `leaver-${unique()}`, email: `leaver.${unique()}@${domain}` });
      const signedIn = await signInWithProvider(start, leaver.sub);
      expect(signedIn.location).toBe('/');
      const [account] = await usersWithEmail(leaver.email);
      await t.factory.deactivate({ id: account.id } as User);
      expect((await signInWithProvider(start, leaver.sub)).location).toBe('/login?sso_error=deactivated');
    });

    it('finds people by (agency, provider, sub): after a move to another provider, the same sub there is not the same person', async () => {
      const { agency, domain } = await agencyWithSso();
      const first = idp.add({ sub: `same-sub-${unique()}`, email: `first.${unique()}@${domain}` });
      const before = await signInWithProvider(`/api/auth/sso/start?agency=${agency.code}`, first.sub);
      const firstId = (await before.client.get('/api/auth/me')).body.user.id;

      const other = await startIdentityProvider({ redirectUri: `${t.baseUrl}/api/auth/sso/callback` });
      try {
        const moved = await secretariat.put(`/api/agencies/${agency.id}/sso`, {
          issuer: other.issuer,
          clientId: other.clientId,
          clientSecret: other.clientSecret,
          emailDomains: [domain],
          passwordLogin: 'allowed',
          defaultRole: 'staff',
        });
        expect(moved.status).toBe(200);
        const stranger = other.add({ sub: first.sub, email: `second.${unique()}@${domain}` });
        const after = await signInWithProvider(`/api/auth/sso/start?agency=${agency.code}`, stranger.sub);
        expect(after.location).toBe('/');
        const me = (await after.client.get('/api/auth/me')).body.user;
        expect(me.id).not.toBe(firstId);
        expect(me.email).toBe(stranger.email);
        // The first person, at the new provider under another sub, is linked again by their verified email.
        const again = other.add({ sub: `new-sub-${unique()}`, email: first.email });
        const relinked = await signInWithProvider(`/api/auth/sso/start?agency=${agency.code}`, again.sub);
        expect((await relinked.client.get('/api/auth/me')).body.user.id).toBe(firstId);
      } finally {
        await other.close();
      }
    });

    it('sends the browser back to the login page, audited, when the provider does not answer', async () => {
      const down = await startIdentityProvider({ redirectUri: `${t.baseUrl}/api/auth/sso/callback` });
      const agency = await t.factory.agency(`AG${unique().toUpperCase()}`);
      const saved = await secretariat.put(`/api/agencies/${agency.id}/sso`, {
        issuer: down.issuer,
        clientId: down.clientId,
        clientSecret: down.clientSecret,
        emailDomains: [`${agency.code.toLowerCase()}.test`],
        passwordLogin: 'allowed',
        defaultRole: 'staff',
      });
      expect(saved.status).toBe(200);
      await down.close();
      const start = await t.anonymous().request('GET', `/api/auth/sso/start?agency=${agency.code}`, undefined, { redirect: 'manual' });
      expect(start.status).toBe(302);
      expect(start.headers.get('location')).toBe('/login?sso_error=provider_error');
      expect(await lastAudit('sso.refused')).toMatchObject({ agency_id: agency.id, details: expect.objectContaining({ reason: 'provider_error', issuer: down.issuer }) });
      expect((await secretariat.post(`/api/agencies/${agency.id}/sso/check`)).body.error.details.fields).toEqual(['issuer']);
    });

    it('fails the next sign-in once the provider has disabled the person', async () => {
      const { agency, domain } = await agencyWithSso();
      const person = idp.add({ sub: `gone-${unique()}`, email: `gone.${unique()}@${domain}` });
      expect((await signInWithProvider(`/api/auth/sso/start?agency=${agency.code}`, person.sub)).location).toBe('/');
      person.disabled = true;
      const refused = await signInWithProvider(`/api/auth/sso/start?agency=${agency.code}`, person.sub);
      expect(refused.location).toBe('/login?sso_error=provider_error');
      expect((await refused.client.get('/api/auth/me')).status).toBe(401);
      expect((await lastAudit('sso.refused')).details).toMatchObject({ reason: 'provider_error', error: expect.stringContaining('access_denied') });
    });

    it('for a domain several agencies share: asks which agency, signs in an existing account, and creates nobody', async () => {
      const shared = `shared-${unique()}.test`;
      const { agency: desa } = await agencyWithSso({ emailDomains: [shared] });
      const { agency: dss } = await agencyWithSso({ emailDomains: [shared] });
      const options = await t.anonymous().get(`/api/auth/sso/options?email=someone@${shared}`);
      expect(options.body).toEqual({
        method: 'provider',
        agencies: [desa, dss].sort((a, b) => a.code.localeCompare(b.code)).map((a) => ({ code: a.code, name: a.name })),
        passwordAllowed: true,
      });
      for (const elsewhere of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
        const refused = await t.anonymous().request('GET', `/api/auth/sso/start?agency=${desa.code}&returnTo=${encodeURIComponent(elsewhere)}`, undefined, { redirect: 'manual' });
        expect(refused.status).toBe(400);
        expect(refused.body.error.details.fields).toEqual(['returnTo']);
      }
      const ambiguous = await t.anonymous().request('GET', `/api/auth/sso/start?email=someone@${shared}`, undefined, { redirect: 'manual' });
      expect(ambiguous.status).toBe(400);
      expect(ambiguous.body.error.details.fields).toEqual(['agency']);

      const stranger = idp.add({ sub: `stranger-${unique()}`, email: `stranger.${unique()}@${shared}` });
      expect((await signInWithProvider(`/api/auth/sso/start?email=${stranger.email}&agency=${desa.code}`, stranger.sub)).location).toBe('/login?sso_error=no_account');
      expect(await usersWithEmail(stranger.email)).toEqual([]);

      const invited = await t.factory.user({ agency: desa.code, email: `invited.${unique()}@${shared}` });
      const person = idp.add({ sub: `invited-${unique()}`, email: invited.email });
      const signedIn = await signInWithProvider(`/api/auth/sso/start?email=${invited.email}&agency=${desa.code}`, person.sub);
      expect(signedIn.location).toBe('/');
      expect((await signedIn.client.get('/api/auth/me')).body.user.id).toBe(invited.id);
      // Chosen the other agency: the account is DESA's, not DSS's.
      const wrongAgency = idp.add({ sub: `wrong-${unique()}`, email: invited.email });
      expect((await signInWithProvider(`/api/auth/sso/start?email=${invited.email}&agency=${dss.code}`, wrongAgency.sub)).location).toBe('/login?sso_error=account_in_other_agency');
    });
  });

  describe('password sign-in turned off', () => {
    it('answers the password the same 401 as an unknown address, and a password reset as for an unknown address', async () => {
      const { agency, domain } = await agencyWithSso({ passwordLogin: 'disabled' });
      const user = await t.factory.user({ agency: agency.code });
      expect(user.email.endsWith(`@${domain}`)).toBe(true);
      const refused = await t.anonymous().post('/api/auth/login', { email: user.email, password: Factory.PASSWORD });
      const unknown = await t.anonymous().post('/api/auth/login', { email: `nobody.${unique()}@${domain}`, password: Factory.PASSWORD });
      expect(refused.status).toBe(401);
      expect(refused.body).toEqual(unknown.body);
      expect((await t.anonymous().get(`/api/auth/sso/options?email=${user.email}`)).body).toMatchObject({ method: 'provider', passwordAllowed: false });

      const outboxBefore = await t.dataSource.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE to_address = $1`, [user.email]);
      const reset = await t.anonymous().post('/api/auth/password-reset', { email: user.email });
      const resetUnknown = await t.anonymous().post('/api/auth/password-reset', { email: `nobody.${unique()}@${domain}` });
      expect(reset.status).toBe(202);
      expect({ ...reset.body, email: null }).toEqual({ ...resetUnknown.body, email: null });
      const outboxAfter = await t.dataSource.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE to_address = $1`, [user.email]);
      expect(outboxAfter).toEqual(outboxBefore);

      // The provider still signs them in.
      const person = idp.add({ sub: `nopassword-${unique()}`, email: user.email });
      const signedIn = await signInWithProvider(`/api/auth/sso/start?email=${user.email}`, person.sub);
      expect(signedIn.location).toBe('/');
      expect((await signedIn.client.get('/api/auth/me')).body.user.id).toBe(user.id);
    });
  });

  describe('invitations into an agency that signs in only through its provider', () => {
    /** The secret in the newest mail to this address, as the addressee reads it (delivered over SMTP). */
    async function invitationToken(email: string): Promise<string> {
      await t.app.get(MailDelivery).deliverDue();
      return smtp.linkToken(email);
    }

    it('are accepted at the provider, with the role the inviter chose, not with a password', async () => {
      const { agency, domain } = await agencyWithSso({ passwordLogin: 'disabled' });
      const email = `invited.${unique()}@${domain}`;
      expect((await secretariat.post('/api/users/invitations', { email, displayName: 'Invited Focal Point', role: 'focal_point', agency: agency.code })).status).toBe(202);
      const token = await invitationToken(email);

      expect((await t.anonymous().get(`/api/auth/sso/options?invitation=${encodeURIComponent(token)}`)).body).toEqual({
        method: 'provider',
        agencies: [{ code: agency.code, name: agency.name }],
        passwordAllowed: false,
      });
      const withPassword = await t.anonymous().post('/api/auth/invitations/accept', { token, password: 'a long enough passphrase 42' });
      expect(withPassword.status).toBe(409);
      expect(withPassword.body.error.code).toBe('sign_in_through_provider');
      expect(await usersWithEmail(email)).toEqual([]);

      // Someone else at the provider cannot take it: the invitation was sent to another address.
      const other = idp.add({ sub: `other-${unique()}`, email: `other.${unique()}@${domain}` });
      expect((await signInWithProvider(`/api/auth/sso/start?invitation=${encodeURIComponent(token)}`, other.sub)).location).toBe('/login?sso_error=invitation_invalid');
      expect(await usersWithEmail(other.email)).toEqual([]);

      const person = idp.add({ sub: `invitee-${unique()}`, email });
      const joined = await signInWithProvider(`/api/auth/sso/start?invitation=${encodeURIComponent(token)}`, person.sub);
      expect(joined.location).toBe('/');
      expect((await joined.client.get('/api/auth/me')).body).toMatchObject({
        user: { email, displayName: 'Invited Focal Point', role: 'focal_point' },
        agency: { code: agency.code },
        signedInWith: 'provider',
      });
      expect(await lastAudit('invitation.accepted')).toMatchObject({ email, details: expect.objectContaining({ through: 'provider', role: 'focal_point' }) });
      // Used once.
      expect((await t.anonymous().get(`/api/auth/sso/options?invitation=${encodeURIComponent(token)}`)).status).toBe(400);
    });
  });

  describe("the secretariat's second factor", () => {
    it('is met by a provider whose amr says mfa; otherwise the TOTP code is still asked after the provider', async () => {
      const { agency } = await agencyWithSso();
      const officer = await t.factory.user({ agency: agency.code, role: 'secretariat' });
      expect(Factory.secondFactorOf(officer.email)).toBeDefined();

      const passwordOnly = idp.add({ sub: `pwd-${unique()}`, email: officer.email, amr: ['pwd'] });
      const asked = await signInWithProvider(`/api/auth/sso/start?agency=${agency.code}`, passwordOnly.sub);
      expect(asked.location).toBe('/login?step=second-factor');
      expect((await asked.client.get('/api/auth/me')).status).toBe(401);
      const answered = await answerSecondFactor(asked.client, officer.email);
      expect(answered.status).toBe(200);
      expect(answered.body.signedInWith).toBe('provider_second_factor');

      passwordOnly.amr = ['pwd', 'mfa'];
      const skipped = await signInWithProvider(`/api/auth/sso/start?agency=${agency.code}`, passwordOnly.sub);
      expect(skipped.location).toBe('/');
      expect((await skipped.client.get('/api/auth/me')).body).toMatchObject({ user: { id: officer.id }, signedInWith: 'provider_mfa' });
      expect((await skipped.client.get('/api/frameworks')).status).toBe(200);
    });

    it('without a TOTP app in Concert: the provider’s mfa opens REST and the live socket; without it, only turning one on', async () => {
      const { agency } = await agencyWithSso();
      const officer = await t.factory.user({ agency: agency.code, role: 'secretariat', secondFactor: false });
      const person = idp.add({ sub: `nototp-${unique()}`, email: officer.email, amr: ['pwd'] });

      const single = await signInWithProvider(`/api/auth/sso/start?agency=${agency.code}`, person.sub);
      expect(single.location).toBe('/');
      expect((await single.client.get('/api/frameworks')).body.error.code).toBe('second_factor_required');
      expect(await RawCollabClient.refusal(t.baseUrl, { cookie: single.client.sessionCookie })).toBe('second_factor_required');

      person.amr = ['pwd', 'otp', 'mfa'];
      const multi = await signInWithProvider(`/api/auth/sso/start?agency=${agency.code}`, person.sub);
      expect(multi.location).toBe('/');
      expect((await multi.client.get('/api/frameworks')).status).toBe(200);
      expect(await RawCollabClient.refusal(t.baseUrl, { cookie: multi.client.sessionCookie })).toBeNull();
      // The same user's password session is still confined: the factor belongs to how the session signed in.
      const password = t.anonymous();
      expect((await password.post('/api/auth/login', { email: officer.email, password: Factory.PASSWORD })).status).toBe(200);
      expect((await password.get('/api/frameworks')).body.error.code).toBe('second_factor_required');
    });

    it("never lends a session's factors to an API token sent beside its cookie", async () => {
      const { agency } = await agencyWithSso();
      // A token made while its user was staff, who is then made secretariat without a second factor.
      const promoted = await t.factory.user({ agency: agency.code, role: 'staff', secondFactor: false });
      const made = await (await t.as(promoted.email)).post('/api/me/api-tokens', { name: 'script' });
      expect(made.status).toBe(201);
      expect((await secretariat.patch(`/api/users/${promoted.id}`, { version: 1, role: 'secretariat' })).status).toBe(200);
      const person = idp.add({ sub: `mfa-${unique()}`, email: `mfa.${unique()}@${agency.code.toLowerCase()}.test`, amr: ['pwd', 'mfa'] });
      const cookie = (await signInWithProvider(`/api/auth/sso/start?agency=${agency.code}`, person.sub)).after!;
      const mixed = await fetch(`${t.baseUrl}/api/frameworks`, { headers: { authorization: `Bearer ${made.body.token}`, cookie } });
      expect(mixed.status).toBe(403);
      expect(((await mixed.json()) as { error: { code: string } }).error.code).toBe('second_factor_required');
    });
  });
});
