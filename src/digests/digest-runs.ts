import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Transactions } from '../database/transactions';
import { Outbox } from '../mail/outbox';
import { type DeadlineRow, type DigestCommitmentRow, DigestCompositionRepository, type DuePeriod } from './digest-composition.repository';
import {
  type DigestDeadline,
  type DigestFramework,
  digestHtml,
  type DigestModel,
  digestSubject,
  digestText,
  reminderHtml,
  reminderSubject,
  reminderText,
} from './digest-templates';
import type { DigestFrequency } from './digests.dto';
import { type ReminderRow, RemindersRepository } from './reminders.repository';
import { wordExcerpt, type WordExcerpt } from './word-excerpt';

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

/** Readers handled per batch: bounds memory however many users. */
const BATCH = 500;

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
  ) {}

  async run(frequency: DigestFrequency, asOf: Date, userIds?: readonly string[]): Promise<DigestRunResult> {
    const db = this.transactions.db;
    const due = await this.composition.due(db, frequency, asOf, userIds);
    const result: DigestRunResult = { frequency, asOf: asOf.toISOString(), due: due.length, mailed: 0, empty: 0, skipped: 0 };
    for (let i = 0; i < due.length; i += BATCH) {
      const batch = due.slice(i, i + BATCH);
      const rows = await this.composition.compose(db, batch);
      const byUser = groupBy(rows, (r) => r.userId);
      const readers = batch.filter((p) => byUser.has(p.userId));
      const deadlines = groupBy(await this.composition.deadlines(db, readers), (d) => d.userId);
      const excerpts = await this.excerpts(rows);
      const empty = batch.filter((p) => !byUser.has(p.userId));
      await this.composition.recordEmpty(db, empty, frequency);
      result.empty += empty.length;
      for (const period of readers) {
        const model = this.model(period, frequency, byUser.get(period.userId)!, deadlines.get(period.userId) ?? [], excerpts);
        const written = await this.transactions.run(async (tx) => {
          if (!(await this.composition.claimPeriod(tx, period, frequency))) return false;
          const mailId = await this.outbox.enqueue(tx, {
            kind: 'digest',
            dedupeKey: `digest:${period.userId}:${frequency}:${period.periodEnd.toISOString()}`,
            recipient: { userId: period.userId, email: period.email },
            subject: digestSubject(model),
            render: (unsubscribeUrl) => ({ text: digestText(model, unsubscribeUrl), html: digestHtml(model, unsubscribeUrl) }),
            list: { name: 'Concert digests', unsubscribe: true },
          });
          if (mailId) await this.composition.attachMail(tx, period, frequency, mailId);
          return mailId !== null;
        });
        if (written) result.mailed += 1;
        else result.skipped += 1;
      }
    }
    this.logger.log(`${frequency} digests as of ${result.asOf}: ${result.mailed} mailed, ${result.empty} empty, ${result.skipped} done elsewhere`);
    return result;
  }

  async runReminders(asOf: Date): Promise<ReminderRunResult> {
    const rows = await this.reminders.due(this.transactions.db, asOf);
    let mailed = 0;
    for (const group of groupBy(rows, (r) => r.userId).values()) {
      const first = group[0];
      const model = { readerName: first.displayName, agencyCode: first.agencyCode, deadlines: group.map((r) => this.deadline(r)) };
      const id = await this.transactions.run((tx) =>
        this.outbox.enqueue(tx, {
          kind: 'reminder',
          dedupeKey: `reminder:${first.userId}:${first.localDate}`,
          recipient: { userId: first.userId, email: first.email },
          subject: reminderSubject(model),
          render: () => ({ text: reminderText(model), html: reminderHtml(model) }),
          list: { name: 'Concert reminders', unsubscribe: false },
        }),
      );
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

  private deadline(row: DeadlineRow | ReminderRow): DigestDeadline {
    return { reference: row.reference, cycleLabel: row.cycleLabel, dueOn: row.dueOn, daysLeft: Number(row.daysLeft), url: this.url(`/commitments/${row.commitmentId}`) };
  }

  private model(
    period: DuePeriod,
    frequency: DigestFrequency,
    rows: readonly DigestCommitmentRow[],
    deadlines: readonly DeadlineRow[],
    excerpts: Map<string, WordExcerpt>,
  ): DigestModel {
    const frameworks: DigestFramework[] = [];
    for (const row of rows) {
      let framework = frameworks[frameworks.length - 1];
      if (framework?.code !== row.frameworkCode) {
        framework = { code: row.frameworkCode, title: row.frameworkTitle, commitments: [] };
        frameworks.push(framework);
      }
      const why = row.reasons.map((reason) =>
        reason === 'commitment'
          ? `you follow ${row.reference}`
          : reason === 'framework'
            ? `you follow ${row.frameworkCode}`
            : reason === 'lead'
              ? `${period.agencyCode} leads ${row.reference}`
              : `${period.agencyCode} contributes to ${row.reference}`,
      );
      const link = (entityType: string, entityId: string) =>
        this.url(entityType === 'activity_report' ? `/activity-reports/${entityId}` : `/commitments/${row.commitmentId}`);
      const items = [
        ...row.events.map((e) => ({ summary: e.summary, actor: e.actor, occurredAt: e.occurredAt, url: link(e.entityType, e.entityId) })),
        ...row.edits.map((edit) => {
          const last = edit.lastEventId;
          const what = edit.entityType === 'activity_report' ? `${edit.reportAgency ?? ''}'s activity report`.trim() : 'the commitment report';
          return {
            summary: `${edit.editors.join(', ')} edited ${what}${Number(edit.events) > 1 ? ` (${edit.events} sessions)` : ''}`,
            actor: null,
            occurredAt: edit.lastAt,
            url: link(edit.entityType, edit.entityId),
            excerpt: excerpts.get(`${edit.firstEventId}:${last}`),
          };
        }),
      ];
      framework.commitments.push({ reference: row.reference, title: row.title, url: this.url(`/commitments/${row.commitmentId}`), why, items });
    }
    return {
      readerName: period.displayName,
      agencyCode: period.agencyCode,
      frequency,
      periodStart: new Date(period.periodStart),
      periodEnd: new Date(period.periodEnd),
      timeZone: period.timeZone,
      frameworks,
      deadlines: deadlines.map((d) => this.deadline(d)),
      preferencesUrl: this.url('/settings/digests'),
    };
  }
}
