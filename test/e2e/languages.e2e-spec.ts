import type { User } from '../../src/accounts/user.entity';
import { ChangesRepository } from '../../src/changes/changes.repository';
import { DigestRuns } from '../../src/digests/digest-runs';
import { MentionMail } from '../../src/discussions/mention-mail';
import { MailDelivery } from '../../src/mail/mail-delivery';
import type { ApiClient } from '../support/api-client';
import { SmtpSink } from '../support/smtp';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * The UN's six languages on the server (issue #16): a person's language is kept in their preferences (until they
 * choose, the first of the six their browser asks for), and the mails are written in it: a password reset, a digest
 * (each change told from its fields), a reporting reminder, a mention mail and the unsubscribe page in the reader's
 * language, an invitation in the one its inviter picks (by default, the inviter's own).
 */
describe('languages: the preference, and mail in the reader’s language', () => {
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
  const deliver = () => t.app.get(MailDelivery).deliverDue();

  /** A client of the user, whose chosen language is `locale`. */
  async function speaking(user: User, locale: string): Promise<ApiClient> {
    const client = await t.as(user.email);
    expect((await client.patch('/api/me/preferences', { locale })).status).toBe(200);
    return client;
  }

  /** GET /api/me/preferences as a browser asking for these languages. */
  async function preferencesAsked(client: ApiClient, acceptLanguage: string): Promise<{ locale: string; localeChosen: boolean }> {
    const response = await fetch(`${t.baseUrl}/api/me/preferences`, { headers: { cookie: client.sessionCookie!, 'accept-language': acceptLanguage } });
    expect(response.status).toBe(200);
    return (await response.json()) as { locale: string; localeChosen: boolean };
  }

  it('follows the browser until the person chooses, then keeps their choice; a language Concert does not speak is a 400', async () => {
    const client = await t.as((await t.factory.user({ agency: 'WFP' })).email);
    expect(await preferencesAsked(client, 'es-CO,es;q=0.9,en;q=0.5')).toMatchObject({ locale: 'es', localeChosen: false });
    expect(await preferencesAsked(client, 'de-DE,de;q=0.9,ar;q=0.3')).toMatchObject({ locale: 'ar', localeChosen: false });
    expect(await preferencesAsked(client, 'de-DE')).toMatchObject({ locale: 'en', localeChosen: false });

    const german = await client.patch('/api/me/preferences', { locale: 'de' });
    expect(german.status).toBe(400);
    expect(german.body.error.details.fields).toEqual(['locale']);
    const chosen = await client.patch('/api/me/preferences', { locale: 'fr' });
    expect(chosen.status).toBe(200);
    expect(chosen.body).toMatchObject({ locale: 'fr', localeChosen: true, mentionMail: 'immediately' });
    expect(await preferencesAsked(client, 'es')).toMatchObject({ locale: 'fr', localeChosen: true });
    expect((await client.patch('/api/me/preferences', { mentionMail: 'digest' })).body).toMatchObject({ locale: 'fr', mentionMail: 'digest' });
  });

  it('writes a password reset in the language its reader chose, and its link works', async () => {
    const user = await t.factory.user({ agency: 'WFP' });
    const client = await t.as(user.email);
    expect((await client.patch('/api/me/preferences', { locale: 'fr' })).status).toBe(200);
    expect((await t.anonymous().post('/api/auth/password-reset', { email: user.email })).status).toBe(202);
    await deliver();
    const [mail] = smtp.to(user.email);
    expect(mail.parsed.subject).toBe('Réinitialisez votre mot de passe Concert');
    expect(mail.parsed.text).toContain('Quelqu’un a demandé la réinitialisation du mot de passe de votre compte Concert.');
    expect(mail.parsed.html).toContain('lang="fr"');
    const confirmed = await t.anonymous().post('/api/auth/password-reset/confirm', { token: smtp.linkToken(user.email), password: 'un nouveau mot de passe sûr' });
    expect(confirmed.status).toBe(204);
  });

  it('writes an invitation in the language the inviter picks, right to left in Arabic, with the agency’s name in it', async () => {
    const secretariat = await t.as((await t.factory.user({ role: 'secretariat' })).email);
    const wfp = await t.factory.agency('WFP');
    const version = (await secretariat.get(`/api/agencies/${wfp.id}`)).body.version;
    expect((await secretariat.patch(`/api/agencies/${wfp.id}`, { version, names: { ar: 'برنامج الأغذية العالمي' } })).status).toBe(200);
    const email = `cairo.${Date.now()}@wfp.test`;
    const invited = await secretariat.post('/api/users/invitations', { email, displayName: 'Amira', role: 'staff', agency: 'WFP', locale: 'ar' });
    expect(invited.status).toBe(202);
    await deliver();
    const [mail] = smtp.to(email);
    expect(mail.parsed.subject).toContain('يدعوك إلى Concert (WFP)');
    expect(mail.parsed.text).toContain('«برنامج الأغذية العالمي»');
    expect(mail.parsed.text).toContain('بصفة موظف');
    expect(mail.parsed.html).toContain('dir="rtl"');
  });

  it('writes an invitation in the inviter’s own language when they pick none, and refuses one Concert does not speak', async () => {
    const inviter = await t.factory.user({ agency: 'WFP', role: 'focal_point' });
    const client = await t.as(inviter.email);
    expect((await client.patch('/api/me/preferences', { locale: 'ru' })).status).toBe(200);
    const refusedEmail = `x.${Date.now()}@wfp.test`;
    const refused = await client.post('/api/users/invitations', { email: refusedEmail, displayName: 'X', role: 'staff', agency: 'WFP', locale: 'de' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields).toEqual(['locale']);
    const email = `moscow.${Date.now()}@wfp.test`;
    expect((await client.post('/api/users/invitations', { email, displayName: 'Ivan', role: 'focal_point', agency: 'WFP' })).status).toBe(202);
    await deliver();
    const [mail] = smtp.to(email);
    expect(mail.parsed.subject).toBe(`${inviter.displayName} приглашает вас в Concert (WFP)`);
    expect(mail.parsed.text).toContain('роль: координатор');
    expect(smtp.to(refusedEmail)).toEqual([]);
  });

  it('writes a digest in its reader’s language, each change told from its fields, Arabic right to left; a change it cannot tell keeps its summary', async () => {
    const framework = await t.factory.framework({ code: `LG-${Date.now() % 100000}` });
    const commitment = await t.factory.commitment({ framework, lead: ['FAO'], contributing: ['WFP'] });
    const cycle = await t.factory.cycle(framework, { label: 'Cycle 2026', dueOn: new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10) });
    const french = await t.factory.user({ agency: 'WFP' });
    const arabic = await t.factory.user({ agency: 'UNICEF' });
    const asOf = new Date(Date.now() + 3_600_000);
    for (const [reader, locale] of [[french, 'fr'], [arabic, 'ar']] as const) {
      const client = await speaking(reader, locale);
      expect((await client.request('PUT', '/api/me/digest-preferences', { frequency: 'daily', hour: asOf.getUTCHours(), timeZone: 'UTC' })).status).toBe(200);
    }
    expect((await (await t.as(arabic.email)).request('PUT', `/api/me/follows/frameworks/${framework.id}`)).status).toBe(200);

    const faoFocal = await t.factory.user({ agency: 'FAO', role: 'focal_point' });
    expect((await (await t.as(faoFocal.email)).patch(`/api/commitments/${commitment.id}`, { version: 1, status: 'on_track' })).status).toBe(200);
    const wfp = await t.as((await t.factory.user({ agency: 'WFP', role: 'focal_point' })).email);
    const report = await wfp.post('/api/activity-reports', { commitmentId: commitment.id, cycleId: cycle.id, summary: 'x' });
    expect(report.status).toBe(201);
    expect((await wfp.post(`/api/activity-reports/${report.body.id}/submit`, { version: report.body.version })).status).toBe(200);
    const thread = await (await t.as(faoFocal.email)).post(`/api/documents/${commitment.reportDocumentId}/threads`, { body: 'Which  schools\nare these?' });
    expect(thread.status).toBe(201);
    // A kind of change the digest does not know, and a status change without its statuses: told by their summaries.
    const actor = { userId: faoFocal.id, agencyId: faoFocal.agencyId, agencyCode: 'FAO', email: faoFocal.email, displayName: faoFocal.displayName, role: 'focal_point' as const };
    const place = { frameworkId: framework.id, commitmentId: commitment.id, entityId: commitment.id };
    await t.dataSource.transaction(async (tx) => {
      const changes = t.app.get(ChangesRepository);
      await changes.append(tx, { actor, ...place, entityType: 'indicator', action: 'submitted', summary: 'FAO submitted milestone 3 <of 5>' });
      await changes.append(tx, { actor, ...place, entityType: 'commitment', action: 'status_changed', summary: 'FAO set a status Concert no longer knows', after: { status: 'paused' } });
    });

    expect((await t.app.get(DigestRuns).run('daily', asOf, [french.id, arabic.id])).mailed).toBe(2);
    await deliver();
    const [fr] = smtp.to(french.email);
    expect(fr.parsed.subject).toMatch(/^Concert, résumé quotidien du .+ : 5 changements dans 1 engagement$/);
    const frText = fr.parsed.text ?? '';
    expect(frText).toContain(`Bonjour ${french.displayName},`);
    expect(frText).toContain(`Pourquoi vous recevez ce message : WFP contribue à l’engagement ${commitment.reference}`);
    expect(frText).toContain(`FAO a fait passer l’engagement ${commitment.reference} de « non commencé » à « en bonne voie »`);
    expect(frText).toContain(`WFP a soumis son rapport d’activité (Cycle 2026) sur l’engagement ${commitment.reference}`);
    expect(frText).toContain(`FAO a ouvert une discussion sur le rapport sur l’engagement ${commitment.reference} : « Which schools are these? »`);
    expect(frText).not.toContain('not_started');
    expect(frText).not.toContain(`FAO set ${commitment.reference}`);
    expect(frText).toContain('FAO submitted milestone 3 <of 5>');
    expect(frText).toContain('FAO set a status Concert no longer knows');
    expect(frText).toContain('Modifier la fréquence de ces messages');
    const frHtml = String(fr.parsed.html);
    expect(frHtml).toContain('lang="fr" dir="ltr"');
    expect(frHtml).toContain('FAO submitted milestone 3 &lt;of 5&gt;');
    expect(frHtml).toContain('de « non commencé » à « en bonne voie »');

    const [ar] = smtp.to(arabic.email);
    expect(ar.parsed.subject).toContain('الموجز اليومي');
    expect(ar.parsed.text).toContain(`FAO: تغيير حالة الالتزام ${commitment.reference} من «لم يبدأ» إلى «على المسار الصحيح»`);
    expect(ar.parsed.text).toContain(`أنت تتابع ${framework.code}`);
    expect(String(ar.parsed.html)).toContain('lang="ar" dir="rtl"');

    // The link of the French digest opens a page in French, though the browser asks for English.
    const link = new URL(/^List-Unsubscribe:\s*<([^>]+)>/im.exec(fr.raw)![1]);
    const page = await fetch(`${t.baseUrl}${link.pathname}${link.search}`, { headers: { 'accept-language': 'en' } });
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    expect(pageHtml).toContain('Ne plus recevoir les résumés Concert ?');
    expect(pageHtml).toContain('<button type="submit">Se désabonner</button>');
    expect(pageHtml).toContain('lang="fr"');
    // Its button answers in French too: digests off; the link used a second time.
    const asBrowser = { method: 'POST', headers: { accept: 'text/html,application/xhtml+xml', 'accept-language': 'en' } };
    const done = await fetch(`${t.baseUrl}${link.pathname}${link.search}`, asBrowser);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Vous ne recevrez plus les résumés Concert.');
    expect((await (await t.as(french.email)).get('/api/me/digest-preferences')).body.frequency).toBe('off');
    const again = await fetch(`${t.baseUrl}${link.pathname}${link.search}`, asBrowser);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('Ce lien a déjà été utilisé');
    // A link that names no mail of ours speaks the browser's language.
    const unknown = await fetch(`${t.baseUrl}/api/digests/unsubscribe?token=nothing`, { headers: { 'accept-language': 'ar' } });
    expect(await unknown.text()).toContain('dir="rtl"');
    const refused = await fetch(`${t.baseUrl}/api/digests/unsubscribe?token=nothing`, { method: 'POST', headers: { accept: 'text/html', 'accept-language': 'ar' } });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('هذا الرابط غير صالح.');
  });

  it('writes a reporting reminder in the focal point’s language, dates as the language writes them', async () => {
    const framework = await t.factory.framework();
    const commitment = await t.factory.commitment({ framework, lead: ['UNDP'] });
    await t.factory.cycle(framework, { label: 'R-2028', opensOn: '2028-01-01', dueOn: '2028-03-15', closesOn: '2028-04-30' });
    const focal = await t.factory.user({ agency: 'UNDP', role: 'focal_point' });
    await speaking(focal, 'es');
    expect((await t.app.get(DigestRuns).runReminders(new Date('2028-03-08T08:00:00Z'))).mailed).toBe(1);
    await deliver();
    const [mail] = smtp.to(focal.email);
    expect(mail.parsed.subject).toBe('Recordatorio de Concert: 1 informe de UNDP por vencer');
    expect(mail.parsed.text).toContain(`Estimado/a ${focal.displayName}:`);
    expect(mail.parsed.text).toContain('Como punto focal de UNDP, sírvase atender los siguientes informes de actividades:');
    expect(mail.parsed.text).toContain(`Vence el 15 de marzo de 2028 (dentro de 7 días): ${commitment.reference}, R-2028`);
    expect(String(mail.parsed.html)).toContain('lang="es"');
  });

  it('writes a mention mail in the language of the person mentioned, told from the comment', async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const mentioned = await t.factory.user({ agency: 'WFP', role: 'focal_point' });
    await speaking(mentioned, 'ru');
    const author = await t.factory.user({ agency: 'FAO', role: 'focal_point' });
    const thread = await (await t.as(author.email)).post(`/api/documents/${commitment.reportDocumentId}/threads`, {
      body: 'Which country is this, <Nepal>?',
      mentions: [mentioned.id],
    });
    expect(thread.status).toBe(201);
    await t.app.get(MentionMail).send(mentioned.id);
    await deliver();
    const [mail] = smtp.to(mentioned.email);
    const line = `${author.displayName} (FAO) упоминает вас в связи с ${commitment.reference}: «Which country is this, <Nepal>?»`;
    expect(mail.parsed.subject).toBe(`Concert: ${line}`);
    expect(mail.parsed.text).toContain(`Здравствуйте, ${mentioned.displayName}!`);
    expect(mail.parsed.text).toContain(line);
    expect(mail.parsed.text).not.toContain('mentioned you');
    const body = String(mail.parsed.html);
    expect(body).toContain('lang="ru"');
    expect(body).toContain('&lt;Nepal&gt;');
  });

  it('writes an action item’s assignment mail in the assignee’s language, its due date as the language writes it', async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const assignee = await t.factory.user({ agency: 'WFP', role: 'focal_point' });
    await speaking(assignee, 'fr');
    const secretariat = await t.as((await t.factory.user({ agency: 'CEB', role: 'secretariat' })).email);
    const thread = await secretariat.post(`/api/documents/${commitment.reportDocumentId}/threads`, { body: 'WFP to share the <school feeding> figures.' });
    expect(thread.status).toBe(201);
    const set = await secretariat.request('PUT', `/api/threads/${thread.body.id}/action`, { assigneeAgency: 'WFP', assigneeUserId: assignee.id, dueDate: '2090-03-31' });
    expect(set.status).toBe(200);
    await deliver();
    const [mail] = smtp.to(assignee.email);
    expect(mail.parsed.subject).toBe('Concert : action de suivi à échéance le 31 mars 2090');
    expect(mail.parsed.text).toContain(`Bonjour ${assignee.displayName},`);
    expect(mail.parsed.text).toContain(`CEB a confié une action de suivi concernant ${commitment.reference} à ${assignee.displayName} (WFP).`);
    expect(mail.parsed.text).toContain('Échéance : 31 mars 2090');
    expect(mail.parsed.text).not.toContain('assigned an action item');
    expect(String(mail.parsed.html)).toContain('lang="fr" dir="ltr"');
  });

  it('puts a mention in the digest of a reader who reads mentions there, in their language', async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'] });
    const reader = await t.factory.user({ agency: 'UNDP' });
    const client = await speaking(reader, 'zh');
    const asOf = new Date(Date.now() + 3_600_000);
    expect((await client.request('PUT', '/api/me/digest-preferences', { frequency: 'daily', hour: asOf.getUTCHours(), timeZone: 'UTC' })).status).toBe(200);
    expect((await client.patch('/api/me/preferences', { mentionMail: 'digest' })).status).toBe(200);
    const author = await t.factory.user({ agency: 'FAO', role: 'focal_point' });
    const opened = await (await t.as(author.email)).post(`/api/documents/${commitment.reportDocumentId}/threads`, { body: 'UNDP, do the figures match?', mentions: [reader.id] });
    expect(opened.status).toBe(201);
    expect((await t.app.get(DigestRuns).run('daily', asOf, [reader.id])).mailed).toBe(1);
    await deliver();
    const [mail] = smtp.to(reader.email);
    expect(mail.parsed.text).toContain('有人提到了您');
    expect(mail.parsed.text).toContain(`${author.displayName}（FAO）在 ${commitment.reference} 中提到了您：“UNDP, do the figures match?”`);
  });
});
