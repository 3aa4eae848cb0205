import i18next from 'i18next';
import type { ChangeFactKind, ChangeFacts, ThreadTarget } from '../../../src/changes/change-facts';
import { formatDate, STATUS_LABEL } from './format';
import type { CommitmentStatus } from './types';

/**
 * The catalogue message for each kind of change the server tells in facts (src/changes/change-facts.ts): a kind
 * missing here does not compile, and test/web/event-messages.spec.ts checks each has its message in all six languages.
 */
export const EVENT_MESSAGE: Record<ChangeFactKind, string> = {
  commitmentCreated: 'events.commitmentCreated',
  commitmentUpdated: 'events.commitmentUpdated',
  commitmentStatusChanged: 'events.commitmentStatusChanged',
  commitmentReportEdited: 'events.commitmentReportEdited',
  indicatorCreated: 'events.indicatorCreated',
  indicatorUpdated: 'events.indicatorUpdated',
  indicatorArchived: 'events.indicatorArchived',
  cycleCreated: 'events.cycleCreated',
  cycleUpdated: 'events.cycleUpdated',
  activityReportCreated: 'events.activityReportCreated',
  activityReportUpdated: 'events.activityReportUpdated',
  activityReportSubmitted: 'events.activityReportSubmitted',
  activityReportAccepted: 'events.activityReportAccepted',
  activityReportReturned: 'events.activityReportReturned',
  activityReportReopened: 'events.activityReportReopened',
  activityReportEdited: 'events.activityReportEdited',
  consolidatedReportCreated: 'events.consolidatedReportCreated',
  consolidatedReportIssued: 'events.consolidatedReportIssued',
  consolidatedReportReopened: 'events.consolidatedReportReopened',
  consolidatedSummaryEdited: 'events.consolidatedSummaryEdited',
  threadOpened: 'events.threadOpened',
  commentAdded: 'events.commentAdded',
  commentEdited: 'events.commentEdited',
  commentDeleted: 'events.commentDeleted',
  threadResolved: 'events.threadResolved',
  threadReopened: 'events.threadReopened',
  actionSet: 'events.actionSet',
  actionCleared: 'events.actionCleared',
  actionDone: 'events.actionDone',
  frameworkCreated: 'events.frameworkCreated',
  frameworkUpdated: 'events.frameworkUpdated',
  frameworkArchived: 'events.frameworkArchived',
  agencyCreated: 'events.agencyCreated',
  agencyUpdated: 'events.agencyUpdated',
  agencyArchived: 'events.agencyArchived',
};

/** What a thread is on, as the thread messages' `{on}`. */
export const THREAD_TARGET_MESSAGE: Record<ThreadTarget, string> = {
  commitment_report: 'events.on.commitment_report',
  activity_report: 'events.on.activity_report',
};

const known = <T extends string>(table: Record<T, string>, value: unknown): string | undefined =>
  typeof value === 'string' && Object.hasOwn(table, value) ? table[value as T] : undefined;

/**
 * A change in the reader's language, told from its facts; the English summary written at change time when the
 * server gave no facts, or facts this client has no message for (a newer server).
 */
export function describeChange(change: { summary: string; facts?: ChangeFacts | null }): string {
  const facts = change.facts;
  const message = facts && known(EVENT_MESSAGE, facts.kind);
  if (!facts || !message) return change.summary;
  const params: Record<string, string | number> = { ...facts.params };
  // Statuses and dates come as codes: worded here, as the rest of the interface words them.
  for (const name of ['fromStatus', 'toStatus']) {
    const label = known<CommitmentStatus>(STATUS_LABEL, params[name]);
    if (name in params && !label) return change.summary;
    if (label) params[name] = i18next.t(label);
  }
  if (typeof params.due === 'string') params.due = formatDate(params.due);
  if ('threadOn' in params) {
    const on = known(THREAD_TARGET_MESSAGE, params.threadOn);
    if (!on) return change.summary;
    params.on = i18next.t(on, params);
  }
  const sentence = i18next.t(message, params);
  return typeof params.quote === 'string' ? i18next.t('events.quoting', { sentence, quote: params.quote }) : sentence;
}
