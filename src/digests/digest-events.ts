import { changeFacts } from '../changes/change-facts';
import type { Locale } from '../common/locales';
import type { CommitmentStatus } from '../frameworks/domain';
import { formatCalendarDate, formatNumber } from '../mail/mail-intl';
import type { DigestEvent } from './digest-composition.repository';
import { DIGEST_MAIL_TEXTS } from './digest-mail-texts';

/** Where an event stands in a digest: the commitment or framework it is listed under. */
export interface EventPlace {
  reference: string;
  frameworkCode: string;
}

/**
 * A change event in the reader's language, told from its structured fields (the acting agency, before and after, the
 * names the digest query joins): the English `summary` written at change time is what the feed keeps, and only the
 * fallback here, for an event of a kind this does not know or whose fields are missing.
 */
export function describeEvent(locale: Locale, event: DigestEvent, place: EventPlace): string {
  return told(locale, event, place) ?? event.summary;
}

/**
 * Told from the same facts the feed gives the browser (src/changes/change-facts.ts), so that a digest and the
 * History tab cannot disagree on what happened; a digest words only the kinds it carries (DIGEST_ACTIONS).
 */
function told(locale: Locale, event: DigestEvent, place: EventPlace): string | null {
  const facts = changeFacts({
    entityType: event.entityType,
    action: event.action,
    before: event.before,
    after: event.after,
    actorAgency: event.actorAgency,
    reference: place.reference,
    frameworkCode: place.frameworkCode,
    cycleLabel: event.cycleLabel,
    reportAgency: event.reportAgency,
    threadOn: event.threadOn,
    comment: event.comment,
    indicatorName: null,
    agencyCode: null,
  });
  if (!facts) return null;
  const words = DIGEST_MAIL_TEXTS[locale];
  const says = words.event;
  const name = (param: string) => String(facts.params[param]);
  const [agency, reference, cycle] = [name('agency'), name('reference'), name('cycle')];
  const withWords = (sentence: string) => (typeof facts.params.quote === 'string' ? words.quoting(sentence, facts.params.quote) : sentence);
  const on = () => (facts.params.threadOn === 'activity_report' ? says.activityReportOn(name('reportAgency'), reference) : says.reportOf(reference));
  switch (facts.kind) {
    case 'commitmentStatusChanged':
      return says.statusChanged(agency, reference, says.status[facts.params.fromStatus as CommitmentStatus], says.status[facts.params.toStatus as CommitmentStatus]);
    case 'activityReportSubmitted':
      return says.submitted(agency, cycle, reference);
    case 'activityReportAccepted':
      return withWords(says.accepted(agency, name('reportAgency'), cycle, reference));
    case 'activityReportReturned':
      return withWords(says.returned(agency, name('reportAgency'), cycle, reference));
    case 'activityReportReopened':
      return withWords(says.reopened(agency, name('reportAgency'), cycle, reference));
    case 'threadOpened':
      return withWords(says.threadOpened(agency, on()));
    case 'commentAdded':
      return withWords(says.commentAdded(agency, on()));
    case 'actionSet': {
      const assignee = event.assigneeName ? `${event.assigneeName} (${name('assignee')})` : name('assignee');
      return says.actionSet(agency, on(), assignee, formatCalendarDate(locale, name('due')));
    }
    case 'consolidatedReportIssued':
      return says.issued(agency, formatNumber(locale, Number(facts.params.edition)), cycle, name('framework'));
    // Kinds a digest does not carry (DIGEST_ACTIONS leaves them in the feed; text edits are told as edits): the summary.
    case 'commitmentCreated':
    case 'commitmentUpdated':
    case 'commitmentReportEdited':
    case 'indicatorCreated':
    case 'indicatorUpdated':
    case 'indicatorArchived':
    case 'cycleCreated':
    case 'cycleUpdated':
    case 'activityReportCreated':
    case 'activityReportUpdated':
    case 'activityReportEdited':
    case 'consolidatedReportCreated':
    case 'consolidatedReportReopened':
    case 'consolidatedSummaryEdited':
    case 'commentEdited':
    case 'commentDeleted':
    case 'threadResolved':
    case 'threadReopened':
    case 'actionCleared':
    case 'actionDone':
    case 'frameworkCreated':
    case 'frameworkUpdated':
    case 'frameworkArchived':
    case 'agencyCreated':
    case 'agencyUpdated':
    case 'agencyArchived':
      return null;
  }
}
