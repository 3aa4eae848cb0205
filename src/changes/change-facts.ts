import { COMMITMENT_STATUSES, type CommitmentStatus } from '../frameworks/domain';
import { shorten } from '../common/shorten';

/**
 * A change event as facts a reader's language can tell (issue #16): a kind, which the client's catalogues name
 * `events.<kind>`, and its parameters (agencies, references, cycle labels as they are kept; statuses and dates as
 * codes, for the client to word). Locale-free, so the feed and the live socket carry the same facts to every reader.
 * The English `summary` written at change time stays the fallback: an event of a kind this does not know, or whose
 * names are missing, has no facts (null) rather than a guessed sentence.
 */
export interface ChangeFacts {
  kind: ChangeFactKind;
  /**
   * Names as kept, numbers as numbers; the client words some before its message takes them: `fromStatus`/`toStatus`
   * (commitment status codes), `due` (a YYYY-MM-DD date), `threadOn` (what a thread is on, told as `{on}`) and
   * `quote` (words someone wrote, quoted after the sentence).
   */
  params: Record<string, string | number>;
}

/** Every kind `changeFacts` can give; each has a message `events.<kind>` in all six catalogues. */
export const CHANGE_FACT_KINDS = [
  'commitmentCreated',
  'commitmentUpdated',
  'commitmentStatusChanged',
  'commitmentReportEdited',
  'indicatorCreated',
  'indicatorUpdated',
  'indicatorArchived',
  'cycleCreated',
  'cycleUpdated',
  'activityReportCreated',
  'activityReportUpdated',
  'activityReportSubmitted',
  'activityReportAccepted',
  'activityReportReturned',
  'activityReportReopened',
  'activityReportEdited',
  'consolidatedReportCreated',
  'consolidatedReportIssued',
  'consolidatedReportReopened',
  'consolidatedSummaryEdited',
  'threadOpened',
  'commentAdded',
  'commentEdited',
  'commentDeleted',
  'threadResolved',
  'threadReopened',
  'actionSet',
  'actionCleared',
  'actionDone',
  'frameworkCreated',
  'frameworkUpdated',
  'frameworkArchived',
  'agencyCreated',
  'agencyUpdated',
  'agencyArchived',
] as const;
export type ChangeFactKind = (typeof CHANGE_FACT_KINDS)[number];

/** What a thread is on, told by the client as `events.on.<threadOn>` (with `reference`, and `reportAgency`). */
export const THREAD_TARGETS = ['commitment_report', 'activity_report'] as const;
export type ThreadTarget = (typeof THREAD_TARGETS)[number];


/** A change event and the names it refers to, as the change feed query joins them (changes.repository.ts). */
export interface ChangeFactsSource {
  entityType: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** The acting agency's code. */
  actorAgency: string | null;
  /** The commitment's reference, the framework's code, a cycle's label (a cycle's, or a report's). */
  reference: string | null;
  frameworkCode: string | null;
  cycleLabel: string | null;
  /** An activity report's agency: the event's report, or the report a thread is on. */
  reportAgency: string | null;
  threadOn: ThreadTarget | null;
  /** A thread event's comment, unless deleted since. */
  comment: string | null;
  /** The indicator an indicator event is about, the agency an agency event is about (code). */
  indicatorName: string | null;
  agencyCode: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
const isStatus = (value: unknown): value is CommitmentStatus => (COMMITMENT_STATUSES as readonly unknown[]).includes(value);
const count = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null);

/** Facts only when every parameter is known: a missing one makes the event fall back to its summary. */
function facts(kind: ChangeFactKind, params: Record<string, string | number | null>): ChangeFacts | null {
  const known: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === null) return null;
    known[name] = value;
  }
  return { kind, params: known };
}

/** `quote`, when someone wrote words the event carries (a reason, a comment): the client quotes them after the sentence. */
const quoted = (told: ChangeFacts | null, written: string | null): ChangeFacts | null =>
  told && written ? { ...told, params: { ...told.params, quote: shorten(written) } } : told;

export function changeFacts(event: ChangeFactsSource): ChangeFacts | null {
  const agency = event.actorAgency;
  if (!agency) return null;
  const before = event.before ?? {};
  const after = event.after ?? {};
  const { reference, frameworkCode: framework, cycleLabel: cycle, reportAgency } = event;
  switch (`${event.entityType}/${event.action}`) {
    case 'commitment/created':
      return facts('commitmentCreated', { agency, reference });
    case 'commitment/updated':
      return facts('commitmentUpdated', { agency, reference });
    case 'commitment/status_changed':
      if (!isStatus(before.status) || !isStatus(after.status)) return null;
      return facts('commitmentStatusChanged', { agency, reference, fromStatus: before.status, toStatus: after.status });
    case 'commitment/text_edited':
      return facts('commitmentReportEdited', { agency, reference, added: count(after.wordsAdded), removed: count(after.wordsRemoved) });
    case 'indicator/created':
    case 'indicator/updated':
    case 'indicator/archived': {
      const kind = event.action === 'created' ? 'indicatorCreated' : event.action === 'updated' ? 'indicatorUpdated' : 'indicatorArchived';
      return facts(kind, { agency, indicator: event.indicatorName, reference });
    }
    case 'reporting_cycle/created':
      return facts('cycleCreated', { agency, cycle, framework, due: text(after.dueOn) });
    case 'reporting_cycle/updated':
      return facts('cycleUpdated', { agency, cycle, framework });
    case 'activity_report/created':
      return facts('activityReportCreated', { agency, cycle, reference });
    case 'activity_report/updated':
      return facts('activityReportUpdated', { agency, cycle, reference });
    case 'activity_report/submitted':
      return facts('activityReportSubmitted', { agency, cycle, reference });
    case 'activity_report/accepted':
    case 'activity_report/returned':
    case 'activity_report/reopened': {
      const kind = event.action === 'accepted' ? 'activityReportAccepted' : event.action === 'returned' ? 'activityReportReturned' : 'activityReportReopened';
      return quoted(facts(kind, { agency, reportAgency, cycle, reference }), text(after.reason));
    }
    case 'activity_report/text_edited':
      return facts('activityReportEdited', { agency, reportAgency, cycle, reference, added: count(after.wordsAdded), removed: count(after.wordsRemoved) });
    case 'consolidated_report/created':
      return facts('consolidatedReportCreated', { agency, cycle, framework });
    case 'consolidated_report/issued':
      return facts('consolidatedReportIssued', { agency, edition: typeof after.edition === 'number' ? after.edition : null, cycle, framework });
    case 'consolidated_report/reopened':
      return facts('consolidatedReportReopened', { agency, cycle, framework });
    case 'consolidated_report/text_edited':
      return facts('consolidatedSummaryEdited', { agency, cycle, framework, added: count(after.wordsAdded), removed: count(after.wordsRemoved) });
    case 'thread/thread_opened':
    case 'thread/comment_added':
    case 'thread/comment_edited':
    case 'thread/comment_deleted':
    case 'thread/thread_resolved':
    case 'thread/thread_reopened':
    case 'thread/action_set':
    case 'thread/action_cleared':
    case 'thread/action_done':
      return threadFacts(event, agency);
    case 'framework/created':
      return facts('frameworkCreated', { agency, framework: text(after.code) ?? framework, title: text(after.title) });
    case 'framework/updated':
      return facts('frameworkUpdated', { agency, framework });
    case 'framework/archived':
      return facts('frameworkArchived', { agency, framework });
    case 'agency/created':
      return facts('agencyCreated', { agency, code: text(after.code) ?? event.agencyCode, name: text(after.name) });
    case 'agency/updated':
      return facts('agencyUpdated', { agency, code: event.agencyCode });
    case 'agency/archived':
      return facts('agencyArchived', { agency, code: event.agencyCode });
    default:
      return null;
  }
}

const THREAD_KINDS: Record<string, ChangeFactKind> = {
  thread_opened: 'threadOpened',
  comment_added: 'commentAdded',
  comment_edited: 'commentEdited',
  comment_deleted: 'commentDeleted',
  thread_resolved: 'threadResolved',
  thread_reopened: 'threadReopened',
  action_set: 'actionSet',
  action_cleared: 'actionCleared',
  action_done: 'actionDone',
};

/** A thread on a commitment's report, or on an agency's activity report on it; on any other document, no facts. */
function threadFacts(event: ChangeFactsSource, agency: string): ChangeFacts | null {
  const on = event.threadOn;
  if (!on || !event.reference) return null;
  if (on === 'activity_report' && !event.reportAgency) return null;
  const where = { agency, threadOn: on, reference: event.reference, ...(on === 'activity_report' && { reportAgency: event.reportAgency }) };
  const kind = THREAD_KINDS[event.action];
  if (event.action === 'action_set') {
    const after = event.after ?? {};
    const due = text(after.dueDate);
    return facts(kind, { ...where, assignee: text(after.assigneeAgency), due: due && /^\d{4}-\d{2}-\d{2}$/.test(due) ? due : null });
  }
  const told = facts(kind, where);
  return event.action === 'thread_opened' || event.action === 'comment_added' ? quoted(told, event.comment) : told;
}
