import { ChangesRepository } from '../../src/changes/changes.repository';
import { DigestRuns } from '../../src/digests/digest-runs';
import { MailDelivery } from '../../src/mail/mail-delivery';
import type { ApiClient } from '../support/api-client';
import { SmtpSink } from '../support/smtp';
import { freePort, startTestApp, type TestApp } from '../support/test-app';

const HOUR_MS = 3_600_000;
/** A run "one hour from now" whose daily period (ending at the reader's hour) contains everything done now. */
const nextHour = () => {
  const asOf = new Date(Date.now() + HOUR_MS);
  return { asOf, hour: asOf.getUTCHours() };
};

describe('digests: follows, composition, outbox and SMTP', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let smtpPort: number;

  beforeAll(async () => {
    smtpPort = await freePort();
    sink = await new SmtpSink().listen(smtpPort);
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, PUBLIC_URL: 'http://concert.example.org' });
    t.app.get(MailDelivery).retryBaseMs = 50;
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  async function setDaily(client: ApiClient, hour: number, timeZone = 'UTC') {
    const response = await client.request('PUT', '/api/me/digest-preferences', { frequency: 'daily', hour, timeZone });
    expect(response.status).toBe(200);
  }

  it('validates preferences: an unknown time zone is a 400 naming timeZone; GET gives back what PUT stored', async () => {
    const user = await t.factory.user({ agency: 'UNDP' });
    const client = await t.as(user.email);
    expect((await client.get('/api/me/digest-preferences')).body).toEqual({ frequency: 'off', hour: 7, timeZone: 'UTC' });
    const bad = await client.request('PUT', '/api/me/digest-preferences', { frequency: 'daily', hour: 7, timeZone: 'Mars/Olympus_Mons' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields).toEqual(['timeZone']);
    const badHour = await client.request('PUT', '/api/me/digest-preferences', { frequency: 'daily', hour: 24, timeZone: 'UTC' });
    expect(badHour.status).toBe(400);
    expect(badHour.body.error.details.fields).toEqual(['hour']);
    const ok = await client.request('PUT', '/api/me/digest-preferences', { frequency: 'weekly', hour: 6, timeZone: 'Europe/Rome' });
    expect(ok.status).toBe(200);
    expect((await client.get('/api/me/digest-preferences')).body).toEqual({ frequency: 'weekly', hour: 6, timeZone: 'Europe/Rome' });
    expect((await t.anonymous().get('/api/me/digest-preferences')).status).toBe(401);
  });

  it('a day of changes gives each reader the right digest; own changes left out; nothing changed → no mail; runs twice → one mail', async () => {
    const framework = await t.factory.framework({ code: `FS-${Date.now() % 100000}` });
    const other = await t.factory.framework();
    const bpoa = await t.factory.commitment({ framework, reference: `BP-${Date.now() % 100000}`, lead: ['FAO'], contributing: ['WFP'] });
    const unrelated = await t.factory.commitment({ framework: other, lead: ['ILO'] });
    const { asOf, hour } = nextHour();
    // Due three days after the day the digest is written (the reader's day is UTC, and the run is an hour ahead).
    const cycle = await t.factory.cycle(framework, { dueOn: new Date(asOf.getTime() + 3 * 86_400_000).toISOString().slice(0, 10) });
    const faoFocal = await t.factory.user({ agency: 'FAO', role: 'focal_point' });
    const wfpFocal = await t.factory.user({ agency: 'WFP', role: 'focal_point' });
    const wfpStaff = await t.factory.user({ agency: 'WFP' });
    const iloStaff = await t.factory.user({ agency: 'ILO' });
    const follower = await t.factory.user({ agency: 'UNICEF' });
    const quiet = await t.factory.user({ agency: 'UNHCR' });
    for (const user of [faoFocal, wfpFocal, wfpStaff, iloStaff, follower, quiet]) await setDaily(await t.as(user.email), hour);
    const followerClient = await t.as(follower.email);
    expect((await followerClient.request('PUT', `/api/me/follows/frameworks/${framework.id}`)).status).toBe(200);
    // ILO staff unfollows its own agency's commitment: the explicit unfollow wins.
    const iloClient = await t.as(iloStaff.email);
    expect((await iloClient.request('DELETE', `/api/me/follows/commitments/${unrelated.id}`)).status).toBe(200);
    expect((await iloClient.get('/api/me/follows')).body.items).toEqual([]);
    expect((await followerClient.request('PUT', `/api/me/follows/commitments/00000000-0000-4000-8000-000000000000`)).status).toBe(404);

    // The day: FAO sets the status; WFP writes and submits its report; ILO's commitment changes.
    const fao = await t.as(faoFocal.email);
    const status = await fao.patch(`/api/commitments/${bpoa.id}`, { version: 1, status: 'on_track' });
    expect(status.status).toBe(200);
    const wfp = await t.as(wfpFocal.email);
    const report = await wfp.post('/api/activity-reports', { commitmentId: bpoa.id, cycleId: cycle.id, summary: 'x' });
    expect(report.status).toBe(201);
    const hostile = '<script>alert(1)</script> "><img src=x onerror=alert(2)>';
    await t.dataSource.transaction((tx) =>
      t.app.get(ChangesRepository).append(tx, {
        actor: { userId: wfpStaff.id, agencyId: wfpStaff.agencyId, agencyCode: 'WFP', email: wfpStaff.email, displayName: wfpStaff.displayName, role: 'staff' },
        entityType: 'activity_report',
        entityId: report.body.id,
        frameworkId: framework.id,
        commitmentId: bpoa.id,
        action: 'text_edited',
        summary: 'WFP: +9 words',
        before: { text: 'Schools in the north received meals.' },
        after: { text: `Schools in the north and east received hot meals. ${hostile}` },
      }),
    );
    const submitted = await wfp.post(`/api/activity-reports/${report.body.id}/submit`, { version: report.body.version });
    expect(submitted.status).toBe(200);
    await (await t.as((await t.factory.user({ agency: 'ILO', role: 'focal_point' })).email)).patch(`/api/commitments/${unrelated.id}`, {
      version: 1,
      status: 'at_risk',
    });

    const runs = t.app.get(DigestRuns);
    const [first, second] = await Promise.all([runs.run('daily', asOf), runs.run('daily', asOf)]);
    const third = await runs.run('daily', asOf);
    // FAO and WFP focal points, WFP staff and the follower; not ILO (unfollowed), nor the reader with nothing new.
    expect(first.mailed + second.mailed).toBe(4);
    expect(third).toMatchObject({ due: 0, mailed: 0 });

    const admin = await t.as((await t.factory.user({ role: 'secretariat' })).email);
    const viaAdmin = await admin.post('/api/admin/digests/run', { frequency: 'daily', asOf: asOf.toISOString() });
    expect(viaAdmin.status).toBe(200);
    expect(viaAdmin.body).toMatchObject({ due: 0, mailed: 0 });
    expect((await wfp.post('/api/admin/digests/run', { frequency: 'daily' })).status).toBe(403);

    expect(await t.app.get(MailDelivery).deliverDue()).toBe(4);
    expect(await t.app.get(MailDelivery).deliverDue()).toBe(0);
    expect(sink.to(quiet.email)).toHaveLength(0);
    expect(sink.to(iloStaff.email)).toHaveLength(0);

    // FAO's focal point: WFP's submission and edit, not its own status change.
    const [faoMail] = sink.to(faoFocal.email);
    expect(sink.to(faoFocal.email)).toHaveLength(1);
    expect(faoMail.parsed.text).toContain(`FAO leads ${bpoa.reference}`);
    expect(faoMail.parsed.text).toContain('submitted');
    expect(faoMail.parsed.text).not.toContain('from not started to on track');
    expect(faoMail.parsed.text).toContain('[+and east');
    expect(faoMail.parsed.text).toContain(`http://concert.example.org/activity-reports/${report.body.id}`);
    expect(faoMail.parsed.text).toContain(`http://concert.example.org/commitments/${bpoa.id}`);
    expect(faoMail.raw).toMatch(/^List-Id: Concert digests <digests\.concert\.example\.org>\r?$/im);
    expect(faoMail.raw).toMatch(/^List-Unsubscribe:\s+<http:\/\/concert\.example\.org\/api\/digests\/unsubscribe\?token=/m);
    expect(faoMail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m);

    // WFP's focal point: FAO's status change, but not its own submission; WFP staff: both, and the deadline.
    const wfpMail = sink.to(wfpFocal.email)[0].parsed.text ?? '';
    expect(wfpMail).toContain(`FAO set ${bpoa.reference} from not started to on track`);
    expect(wfpMail).toContain(`WFP contributes to ${bpoa.reference}`);
    expect(wfpMail).not.toContain('WFP submitted');
    const staffMail = sink.to(wfpStaff.email)[0].parsed.text ?? '';
    expect(staffMail).toContain('WFP submitted');
    expect(faoMail.parsed.text).toContain(`FAO's reports due or overdue`);
    expect(faoMail.parsed.text).toMatch(new RegExp(`Due \\d+ \\w+ \\d{4} \\(in 3 days\\): ${bpoa.reference}, ${cycle.label}`));
    // WFP submitted its report: no deadline left for WFP.
    expect(staffMail).not.toContain('reports due or overdue');
    expect(staffMail).not.toContain('[+and east');
    // The follower (another agency) reads the framework's changes, and why.
    const followerMail = sink.to(follower.email)[0].parsed.text ?? '';
    expect(followerMail).toContain(`you follow ${framework.code}`);
    expect(followerMail).toContain('from not started to on track');
    expect(followerMail).not.toContain(unrelated.reference);
    expect(followerMail).not.toContain('reports due or overdue');

    // Hostile report text arrives escaped in the HTML part, verbatim in the text part.
    const faoHtml = String(faoMail.parsed.html);
    expect(faoHtml).not.toContain('<script>');
    expect(faoHtml).not.toContain('<img');
    expect(faoHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(faoHtml).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;');
    expect(faoMail.parsed.text).toContain(hostile);
  });

  it('one-click unsubscribe works once without login, and a forged token is refused', async () => {
    const rows: { id: string; recipient: string; headers: Record<string, string> }[] = await t.dataSource.query(
      `SELECT id, recipient_user_id AS recipient, headers FROM mail_outbox WHERE kind = 'digest' ORDER BY created_at LIMIT 1`,
    );
    const mail = rows[0];
    expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const url = new URL(/^<(.+)>$/.exec(mail.headers['List-Unsubscribe'])![1]);
    expect(url.origin).toBe('http://concert.example.org');
    const path = `${url.pathname}${url.search}`;
    const anonymous = t.anonymous();
    const page = await anonymous.get(path);
    expect(page.status).toBe(200);
    const token = url.searchParams.get('token')!;
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const refused = await anonymous.post(`/api/digests/unsubscribe?token=${encodeURIComponent(forged)}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('unsubscribe_token_invalid');
    const used: { at: Date | null }[] = await t.dataSource.query(`SELECT unsubscribed_at AS at FROM mail_outbox WHERE id = $1`, [mail.id]);
    expect(used[0].at).toBeNull();
    const prefsBefore: { frequency: string }[] = await t.dataSource.query(`SELECT frequency FROM digest_preferences WHERE user_id = $1`, [mail.recipient]);
    expect(prefsBefore[0].frequency).toBe('daily');
    // As a mail client does it (RFC 8058): a form-encoded POST.
    const once = await fetch(`${t.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(once.status).toBe(200);
    const prefsAfter: { frequency: string }[] = await t.dataSource.query(`SELECT frequency FROM digest_preferences WHERE user_id = $1`, [mail.recipient]);
    expect(prefsAfter[0].frequency).toBe('off');
    const twice = await anonymous.post(path);
    expect(twice.status).toBe(410);
  });

  it('an SMTP outage then recovery delivers every mail once; a 550 is a recorded permanent failure', async () => {
    const users = [await t.factory.user({ agency: 'UNFPA' }), await t.factory.user({ agency: 'UNFPA' }), await t.factory.user({ agency: 'UNFPA' })];
    const refused = await t.factory.user({ agency: 'UNFPA' });
    const commitment = await t.factory.commitment({ lead: ['UNFPA'] });
    const { asOf, hour } = nextHour();
    for (const user of [...users, refused]) await setDaily(await t.as(user.email), hour);
    const admin = await t.as((await t.factory.user({ role: 'secretariat' })).email);
    expect((await admin.patch(`/api/commitments/${commitment.id}`, { version: 1, status: 'at_risk' })).status).toBe(200);
    expect((await t.app.get(DigestRuns).run('daily', asOf)).mailed).toBe(4);

    await sink.close();
    const delivery = t.app.get(MailDelivery);
    expect(await delivery.deliverDue()).toBe(0);
    const waiting: { n: string }[] = await t.dataSource.query(
      `SELECT count(*) AS n FROM mail_outbox WHERE status = 'pending' AND attempts = 1 AND last_error IS NOT NULL`,
    );
    expect(Number(waiting[0].n)).toBe(4);

    await sink.listen(smtpPort);
    sink.refuse.add(refused.email);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await delivery.deliverDue()).toBe(3);
    expect(await delivery.deliverDue()).toBe(0);
    for (const user of users) expect(sink.to(user.email)).toHaveLength(1);

    const failed = await admin.get('/api/admin/mail?status=failed');
    expect(failed.status).toBe(200);
    expect(failed.body.items.map((m: { to: string }) => m.to)).toEqual([refused.email]);
    expect(failed.body.items[0].lastError).toContain('550');
    const shown = await admin.get(`/api/admin/mail/${failed.body.items[0].id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.text).toContain(commitment.reference);
    expect((await (await t.as(users[0].email)).get('/api/admin/mail')).status).toBe(403);
  });
});

describe('digests without SMTP_URL, and time zones', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('holds mail in the outbox, which is the secretariat mailbox', async () => {
    const reader = await t.factory.user({ agency: 'WHO' });
    const commitment = await t.factory.commitment({ lead: ['WHO'] });
    const { asOf, hour } = nextHour();
    await (await t.as(reader.email)).request('PUT', '/api/me/digest-preferences', { frequency: 'daily', hour, timeZone: 'UTC' });
    const admin = await t.as((await t.factory.user({ role: 'secretariat' })).email);
    expect((await admin.patch(`/api/commitments/${commitment.id}`, { version: 1, status: 'off_track' })).status).toBe(200);
    expect((await admin.post('/api/admin/digests/run', { frequency: 'daily', asOf: asOf.toISOString() })).body.mailed).toBe(1);
    const list = await admin.get('/api/admin/mail');
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({ to: reader.email, status: 'held', kind: 'digest' });
    const mail = await admin.get(`/api/admin/mail/${list.body.items[0].id}`);
    expect(mail.body.html).toContain(commitment.reference);
    expect(mail.body.text).toContain('to off track');
  });

  it('periods follow the local hour across a daylight-saving change (23 and 25 hour days)', async () => {
    const reader = await t.factory.user({ agency: 'UNEP' });
    await (await t.as(reader.email)).request('PUT', '/api/me/digest-preferences', { frequency: 'daily', hour: 7, timeZone: 'Europe/Rome' });
    const runs = t.app.get(DigestRuns);
    // Rome springs forward on 29 March 2026 and falls back on 25 October 2026.
    await runs.run('daily', new Date('2026-03-28T06:30:00Z'), [reader.id]); // 07:30 CET: the period ending 07:00 CET
    await runs.run('daily', new Date('2026-03-29T05:30:00Z'), [reader.id]); // 07:30 CEST
    await runs.run('daily', new Date('2026-03-29T05:45:00Z'), [reader.id]); // same period: nothing
    // 06:59 CET: still the 24 October period, which reaches back at most four days to cover the runs missed since March.
    await runs.run('daily', new Date('2026-10-25T05:59:00Z'), [reader.id]);
    await runs.run('daily', new Date('2026-10-25T06:00:00Z'), [reader.id]); // 07:00 CET
    const periods: { start: Date; end: Date }[] = await t.dataSource.query(
      `SELECT period_start AS start, period_end AS "end" FROM digest_periods WHERE user_id = $1 ORDER BY period_end`,
      [reader.id],
    );
    expect(periods.map((p) => [p.start.toISOString(), p.end.toISOString()])).toEqual([
      ['2026-03-27T06:00:00.000Z', '2026-03-28T06:00:00.000Z'],
      ['2026-03-28T06:00:00.000Z', '2026-03-29T05:00:00.000Z'],
      ['2026-10-20T05:00:00.000Z', '2026-10-24T05:00:00.000Z'],
      ['2026-10-24T05:00:00.000Z', '2026-10-25T06:00:00.000Z'],
    ]);
  });

  it('reminds focal points 7 days and 1 day before a report is due and the day after, at their local hour, once each', async () => {
    const framework = await t.factory.framework();
    const commitment = await t.factory.commitment({ framework, lead: ['OCHA'] });
    await t.factory.cycle(framework, { label: 'R-1', opensOn: '2027-01-01', dueOn: '2027-03-15', closesOn: '2027-04-30' });
    const focal = await t.factory.user({ agency: 'OCHA', role: 'focal_point' });
    await t.factory.user({ agency: 'OCHA' }); // staff get no reminders
    await (await t.as(focal.email)).request('PUT', '/api/me/digest-preferences', { frequency: 'off', hour: 9, timeZone: 'Asia/Kolkata' });
    const runs = t.app.get(DigestRuns);
    const reminded = async (at: string) => (await runs.runReminders(new Date(at))).mailed;
    expect(await reminded('2027-03-08T03:00:00Z')).toBe(0); // 08:30 in Kolkata: before the hour
    expect(await reminded('2027-03-08T03:30:00Z')).toBe(1); // 09:00: due in 7 days
    expect(await reminded('2027-03-08T10:00:00Z')).toBe(0); // once
    expect(await reminded('2027-03-10T04:00:00Z')).toBe(0); // due in 5 days: no reminder
    expect(await reminded('2027-03-14T04:00:00Z')).toBe(1); // due tomorrow
    expect(await reminded('2027-03-16T04:00:00Z')).toBe(1); // overdue since yesterday
    expect(await reminded('2027-03-16T05:00:00Z')).toBe(0);
    const mails: { to: string; subject: string; text: string }[] = await t.dataSource.query(
      `SELECT to_address AS to, subject, text_body AS text FROM mail_outbox WHERE kind = 'reminder' ORDER BY created_at`,
    );
    expect(mails.map((m) => m.to)).toEqual([focal.email, focal.email, focal.email]);
    expect(mails[0].text).toContain(`Due 15 March 2027 (in 7 days): ${commitment.reference}, R-1`);
    expect(mails[1].text).toContain('(in 1 day)');
    expect(mails[2].text).toContain('Overdue since 15 March 2027 (1 day)');
  });
});
