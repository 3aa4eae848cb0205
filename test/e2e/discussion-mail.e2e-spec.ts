import type { User } from '../../src/accounts/user.entity';
import { MentionMail } from '../../src/discussions/mention-mail';
import type { Commitment } from '../../src/frameworks/commitment.entity';
import { MailDelivery } from '../../src/mail/mail-delivery';
import type { ApiClient } from '../support/api-client';
import { SmtpSink } from '../support/smtp';
import { freePort, startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

/**
 * Mail for mentions and assignments (issue 12, item 4), through the outbox to a real SMTP server: one mail per burst of
 * mentions (a pg-boss job per user, queued in the comment's transaction), none for a reader whose preference is off,
 * and an assignment mailed at once.
 */
describe('discussion mail', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let users: Record<'faoFocal' | 'wfpFocal' | 'iloStaff' | 'ifadStaff' | 'secretariat', User>;
  let as: Record<keyof typeof users, ApiClient>;
  let commitment: Commitment;
  const delivery = () => t.app.get(MailDelivery);

  /** Counts the user's mention notifications not handled by the mail job yet, and their mention mails in the outbox. */
  async function mentionState(user: User): Promise<{ unhandled: number; mails: number }> {
    const [row] = await t.dataSource.query<{ unhandled: number; mails: number }[]>(
      `SELECT (SELECT count(*)::int FROM notifications WHERE user_id = $1 AND kind = 'mention' AND mailed_at IS NULL) AS unhandled,
              (SELECT count(*)::int FROM mail_outbox WHERE recipient_user_id = $1 AND kind = 'mention') AS mails`,
      [user.id],
    );
    return row;
  }

  beforeAll(async () => {
    const smtpPort = await freePort();
    sink = await new SmtpSink().listen(smtpPort);
    t = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, PUBLIC_URL: 'http://concert.example.org' });
    delivery().retryBaseMs = 50;
    const mentionMail = t.app.get(MentionMail);
    mentionMail.burstSeconds = 2;
    await mentionMail.start();
    users = {
      faoFocal: await t.factory.user({ agency: 'FAO', role: 'focal_point' }),
      wfpFocal: await t.factory.user({ agency: 'WFP', role: 'focal_point' }),
      iloStaff: await t.factory.user({ agency: 'ILO', role: 'staff' }),
      ifadStaff: await t.factory.user({ agency: 'IFAD', role: 'staff' }),
      secretariat: await t.factory.user({ role: 'secretariat' }),
    };
    const entries = await Promise.all(Object.entries(users).map(async ([name, user]) => [name, await t.as(user.email)] as const));
    as = Object.fromEntries(entries) as typeof as;
    commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('mails a mentioned user exactly once for three quick mentions, naming all three', async () => {
    const path = `/api/documents/${commitment.reportDocumentId}/threads`;
    const mention = { mentions: [users.wfpFocal.id] };
    const thread = await as.faoFocal.post(path, { body: 'Which country is this, Nepal?', ...mention });
    expect(thread.status).toBe(201);
    expect((await as.faoFocal.post(`/api/threads/${thread.body.id}/comments`, { body: 'And the figure for 2006?', ...mention })).status).toBe(201);
    expect((await as.iloStaff.post(path, { body: 'ILO can help with the toolkit.', ...mention })).status).toBe(201);

    // The burst's job runs once its two seconds are over, and handles all three mentions.
    await eventually(async () => (await mentionState(users.wfpFocal)).unhandled === 0, 'the burst handled', 15_000);
    expect(await mentionState(users.wfpFocal)).toEqual({ unhandled: 0, mails: 1 });
    await delivery().deliverDue();
    const received = sink.to(users.wfpFocal.email);
    expect(received).toHaveLength(1);
    const text = received[0].parsed.text ?? '';
    for (const said of ['Which country is this, Nepal?', 'And the figure for 2006?', 'ILO can help with the toolkit.']) expect(text).toContain(said);
    expect(received[0].parsed.subject).toBe('Concert: you were mentioned 3 times');
    expect(text).toContain(`http://concert.example.org/commitments/${commitment.id}?thread=${thread.body.id}`);
  });

  it('sends no mention mail to a reader whose preference is off, yet notifies them in Concert', async () => {
    expect((await as.ifadStaff.patch('/api/me/preferences', { mentionMail: 'off' })).status).toBe(200);
    const thread = await as.faoFocal.post(`/api/documents/${commitment.reportDocumentId}/threads`, { body: 'IFAD, anything to add?', mentions: [users.ifadStaff.id] });
    expect(thread.status).toBe(201);
    expect((await as.ifadStaff.get('/api/me/notifications?unread=true')).body.items).toEqual([expect.objectContaining({ kind: 'mention', threadId: thread.body.id })]);
    // Off: no job is queued, the mention stays unmailed, and no mail is written.
    expect(await mentionState(users.ifadStaff)).toEqual({ unhandled: 1, mails: 0 });
    await t.app.get(MentionMail).send(users.ifadStaff.id);
    expect(await mentionState(users.ifadStaff)).toEqual({ unhandled: 0, mails: 0 });
  });

  it('mails an action item’s assignee at once', async () => {
    const thread = await as.secretariat.post(`/api/documents/${commitment.reportDocumentId}/threads`, { body: 'WFP to share the school feeding figures.' });
    const set = await as.secretariat.request('PUT', `/api/threads/${thread.body.id}/action`, { assigneeAgency: 'WFP', assigneeUserId: users.wfpFocal.id, dueDate: '2090-03-31' });
    expect(set.status).toBe(200);
    const before = sink.to(users.wfpFocal.email).length;
    await delivery().deliverDue();
    const mails = sink.to(users.wfpFocal.email).slice(before);
    expect(mails.map((m) => m.parsed.subject)).toEqual(['Concert: action item due 31 March 2090']);
    expect(mails[0].parsed.text).toContain('assigned an action item');
  });
});
