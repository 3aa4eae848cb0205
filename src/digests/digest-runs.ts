import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import type { Locale } from '../common/locales';
import { describeMention } from '../discussions/discussion-mail-texts';
import { NotificationsRepository } from '../discussions/notifications.repository';
import { Outbox } from '../mail/outbox';
import {
  type DeadlineRow,
  type DigestCommitmentRow,
  DigestCompositionRepository,
  type DigestFrameworkNewsRow,
  type DuePeriod,
} from './digest-composition.repository';
import { describeEvent } from './digest-events';
import { DIGEST_MAIL_TEXTS } from './digest-mail-texts';
import {
  actionItemLine,
  type DigestDeadline,
  type DigestFramework,
  digestHtml,
  type DigestModel,
  digestSubject,
  digestText,
  reminderHtml,
  reminderSubject,
  reminderText,
  type ReminderActionItem,
} from './digest-templates';
import type { DigestFrequency } from './digests.dto';
import { type ReminderRow, RemindersRepository } from './reminders.repository';
import { wordExcerpt, type WordExcerpt } from './word-excerpt';
import { shorten } from '../common/shorten';

export interface DigestRunResult {
  frequency: DigestFrequency;
  asOf: string;
  /** Users whose period had ended and was not done. */
  due: number;
  /** Digests written to the outbox by this run. */
  mailed: number;
  /** Periods with nothing to say: done, no mail. */
  empty: number;
  /** Periods another run (or process) did first. */
  skipped: number;
}

export interface ReminderRunResult {
  asOf: string;
  mailed: number;
}

/**
 * Readers handled per batch: bounds memory however many users. A busy reader's day is hundreds of changes, so a batch
 * of 500 held a few hundred megabytes of rows and mails at once (bench:digests).
 */
export const DIGEST_BATCH = 100;

const groupBy = <T>(rows: readonly T[], key: (row: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
};

/**
 * Builds digests and reminders and writes them to the outbox. Once only: each (user, period) is claimed in
 * digest_periods (merge-or-create) in the same transaction as its mail, and each mail has a unique key, so a re-run,
 * a retry or a second process writes nothing twice; a period is claimed only with its mail, so none is skipped.
 */
@Injectable()
export class DigestRuns {
  private readonly logger = new Logger(DigestRuns.name);

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly composition: DigestCompositionRepository,
    private readonly reminders: RemindersRepository,
    private readonly outbox: Outbox,
    private readonly notifications: NotificationsRepository,
  ) {}

  async run(frequency: DigestFrequency, asOf: Date, userIds?: readonly string[]): Promise<DigestRunResult> {
    const db = this.transactions.db;
    const due = await this.composition.due(db, frequency, asOf, userIds);
    const result: DigestRunResult = { frequency, asOf: asOf.toISOString(), due: due.length, mailed: 0, empty: 0, skipped: 0 };
    for (let i = 0; i < due.length; i += DIGEST_BATCH) {
      const batch = due.slice(i, i + DIGEST_BATCH);
      const rows = await this.composition.compose(db, batch);
      const byUser = groupBy(rows, (r) => r.userId);
      const news = groupBy(await this.composition.frameworkNews(db, batch), (r) => r.userId);
      const mentions = groupBy(await this.composition.mentions(db, batch), (m) => m.userId);
      const readers = batch.filter((p) => byUser.has(p.userId) || news.has(p.userId) || mentions.has(p.userId));
      const deadlines = groupBy(await this.composition.deadlines(db, readers), (d) => d.userId);
      const actionItems = groupBy(await this.composition.actionItems(db, readers), (a) => a.userId);
      const excerpts = await this.excerpts(rows);
      const empty = batch.filter((p) => !byUser.has(p.userId) && !news.has(p.userId) && !mentions.has(p.userId));
      await this.composition.recordEmpty(db, empty, frequency);
      result.empty += empty.length;
      // The batch's claims and mails in one transaction: a commit per reader made the disk's flush the run's pace.
      // A claim another run made first is skipped; a failure writes none of the batch, which the next run does.
      const written = await this.transactions.run(async (tx) => {
        let mailed = 0;
        for (const period of readers) {
          const model = this.model(period, frequency, byUser.get(period.userId) ?? [], news.get(period.userId) ?? [], deadlines.get(period.userId) ?? [], excerpts);
          model.mentions = (mentions.get(period.userId) ?? []).map((m) => ({ summary: describeMention(model.locale, m), url: this.url(m.url) }));
          model.actionItems = (actionItems.get(period.userId) ?? []).map((a) => this.actionItem(a));
          if (!(await this.composition.claimPeriod(tx, period, frequency))) continue;
          const mailId = await this.outbox.enqueue(tx, {
            kind: 'digest',
            dedupeKey: `digest:${period.userId}:${frequency}:${period.periodEnd.toISOString()}`,
            recipient: { userId: period.userId, email: period.email },
            subject: digestSubject(model),
            render: (unsubscribeUrl) => ({ text: digestText(model, unsubscribeUrl), html: digestHtml(model, unsubscribeUrl) }),
            list: { name: 'Concert digests', unsubscribe: true },
          });
          if (mailId) {
            await this.composition.attachMail(tx, period, frequency, mailId);
            mailed += 1;
          }
        }
        return mailed;
      });
      result.mailed += written;
      result.skipped += readers.length - written;
    }
    this.logger.log(`${frequency} digests as of ${result.asOf}: ${result.mailed} mailed, ${result.empty} empty, ${result.skipped} done elsewhere`);
    return result;
  }

  /**
   * One reminder per reader and local day: their agency's reports due soon or missed, and the action items assigned
   * to them or their agency falling due; each action item falling due is also a notification in Concert.
   */
  async runReminders(asOf: Date): Promise<ReminderRunResult> {
    const db = this.transactions.db;
    const reports = groupBy(await this.reminders.due(db, asOf), (r) => r.userId);
    const actions = groupBy(await this.reminders.actionItemsDue(db, asOf), (r) => r.userId);
    let mailed = 0;
    for (const userId of new Set([...reports.keys(), ...actions.keys()])) {
      const deadlines = reports.get(userId) ?? [];
      const items = actions.get(userId) ?? [];
      const first = deadlines[0] ?? items[0];
      const model = {
        locale: first.locale ?? 'en',
        readerName: first.displayName,
        agencyCode: first.agencyCode,
        deadlines: deadlines.map((r) => this.deadline(r)),
        actionItems: items.map((a) => this.actionItem(a)),
      };
      const id = await this.transactions.run(async (tx) => {
        const mailId = await this.outbox.enqueue(tx, {
          kind: 'reminder',
          dedupeKey: `reminder:${userId}:${first.localDate}`,
          recipient: { userId, email: first.email },
          subject: reminderSubject(model),
          render: () => ({ text: reminderText(model), html: reminderHtml(model) }),
          list: { name: 'Concert reminders', unsubscribe: false },
        });
        if (mailId) {
          await this.notifications.insert(
            tx,
            items.map((a, i) => ({
              userId,
              kind: 'action_due' as const,
              params: { dueOn: a.dueOn, daysLeft: Number(a.daysLeft), excerpt: shorten(a.summary, 160) },
              threadId: a.threadId,
              commentId: null,
              // In English for the API, as the change feed; the bell says it from `params` in the reader's language.
              summary: actionItemLine('en', model.actionItems[i]),
              url: `/action-items?thread=${a.threadId}`,
              dedupeKey: `action_due:${a.threadId}:${userId}:${a.localDate}`,
            })),
          );
        }
        return mailId;
      });
      if (id) mailed += 1;
    }
    return { asOf: asOf.toISOString(), mailed };
  }

  /** One diff per distinct (first, last) pair of edit events, shared by every reader who sees the same span. */
  private async excerpts(rows: readonly DigestCommitmentRow[]): Promise<Map<string, WordExcerpt>> {
    const spans = rows.flatMap((r) => r.edits);
    const excerpts = new Map<string, WordExcerpt>();
    if (spans.length === 0) return excerpts;
    const texts = await this.composition.texts(
      this.transactions.db,
      [...new Set(spans.map((s) => s.firstEventId))],
      [...new Set(spans.map((s) => s.lastEventId))],
    );
    for (const span of spans) {
      const key = `${span.firstEventId}:${span.lastEventId}`;
      if (!excerpts.has(key)) excerpts.set(key, wordExcerpt(texts.before.get(span.firstEventId) ?? '', texts.after.get(span.lastEventId) ?? ''));
    }
    return excerpts;
  }

  private url(path: string): string {
    return `${this.config.publicUrl}${path}`;
  }

  private actionItem(row: { threadId: string; summary: string; dueOn: string; daysLeft: number }): ReminderActionItem {
    return { summary: row.summary, dueOn: row.dueOn, daysLeft: Number(row.daysLeft), url: this.url(`/action-items?thread=${row.threadId}`) };
  }

  private deadline(row: DeadlineRow | ReminderRow): DigestDeadline {
    return { reference: row.reference, cycleLabel: row.cycleLabel, dueOn: row.dueOn, daysLeft: Number(row.daysLeft), url: this.url(`/commitments/${row.commitmentId}`) };
  }

  private model(
    period: DuePeriod,
    frequency: DigestFrequency,
    rows: readonly DigestCommitmentRow[],
    news: readonly DigestFrameworkNewsRow[],
    deadlines: readonly DeadlineRow[],
    excerpts: Map<string, WordExcerpt>,
  ): DigestModel {
    const locale: Locale = period.locale ?? 'en';
    const words = DIGEST_MAIL_TEXTS[locale];
    const frameworks: DigestFramework[] = [];
    for (const row of rows) {
      let framework = frameworks[frameworks.length - 1];
      if (framework?.code !== row.frameworkCode) {
        framework = { code: row.frameworkCode, title: row.frameworkTitle, news: [], newsWhy: [], commitments: [] };
        frameworks.push(framework);
      }
      const why = row.reasons.map((reason) =>
        reason === 'commitment'
          ? words.digest.youFollow(row.reference)
          : reason === 'framework'
            ? words.digest.youFollow(row.frameworkCode)
            : reason === 'lead'
              ? words.digest.leads(period.agencyCode, row.reference)
              : words.digest.contributes(period.agencyCode, row.reference),
      );
      const link = (entityType: string, entityId: string) =>
        this.url(entityType === 'activity_report' ? `/activity-reports/${entityId}` : `/commitments/${row.commitmentId}`);
      const place = { reference: row.reference, frameworkCode: row.frameworkCode };
      const items = [
        ...row.events.map((e) => ({ summary: describeEvent(locale, e, place), actor: e.actor, occurredAt: e.occurredAt, url: link(e.entityType, e.entityId) })),
        ...row.edits.map((edit) => {
          const last = edit.lastEventId;
          const what = edit.entityType === 'activity_report' && edit.reportAgency ? words.event.activityReport(edit.reportAgency) : words.event.commitmentReport;
          return {
            summary: words.event.edited(edit.editors, what, Number(edit.events)),
            actor: null,
            occurredAt: edit.lastAt,
            url: link(edit.entityType, edit.entityId),
            excerpt: excerpts.get(`${edit.firstEventId}:${last}`),
          };
        }),
      ];
      framework.commitments.push({ reference: row.reference, title: row.title, url: this.url(`/commitments/${row.commitmentId}`), why, items });
    }
    let added = false;
    for (const row of news) {
      let framework = frameworks.find((f) => f.code === row.frameworkCode);
      if (!framework) {
        framework = { code: row.frameworkCode, title: row.frameworkTitle, news: [], newsWhy: [], commitments: [] };
        frameworks.push(framework);
        added = true;
      }
      framework.newsWhy = row.reasons.map((reason) => (reason === 'framework' ? words.digest.youFollow(row.frameworkCode) : words.digest.takesPart(period.agencyCode, row.frameworkCode)));
      const place = { reference: row.frameworkCode, frameworkCode: row.frameworkCode };
      framework.news = row.events.map((e) => ({
        summary: describeEvent(locale, e, place),
        actor: e.actor,
        occurredAt: e.occurredAt,
        url: this.url(`/frameworks/${row.frameworkId}?tab=reports`),
      }));
    }
    // A framework with news only joins the others in code order.
    if (added) frameworks.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return {
      locale,
      readerName: period.displayName,
      agencyCode: period.agencyCode,
      frequency,
      periodStart: new Date(period.periodStart),
      periodEnd: new Date(period.periodEnd),
      timeZone: period.timeZone,
      frameworks,
      deadlines: deadlines.map((d) => this.deadline(d)),
      actionItems: [],
      mentions: [],
      preferencesUrl: this.url('/settings/digests'),
    };
  }
}
