import type { Principal } from './principal';
import { ForbiddenError } from './errors';
import { type Refusal, type RefusalReason, refusal, refusalSentence } from './refusals';

/**
 * Who may do what (DESIGN.md §3), as one table of rules. Services ask `authorize(user, action, subject)` before
 * they change anything; a rule answers true, or why the user is refused: a reason code and its parameters, which a
 * 403 carries in its `details` (refusals.ts holds each reason's English sentence). Reading is open to every active
 * user and has no rule. Whether the subject's state allows the change (an accepted report is frozen) is the
 * workflow's question, answered after this one.
 */

/** The agencies taking part in a commitment, by id. */
export interface CommitmentSubject {
  reference: string;
  leadAgencyIds: readonly string[];
  contributingAgencyIds: readonly string[];
}

export interface ActivityReportSubject {
  commitment: CommitmentSubject;
  agencyId: string;
  agencyCode: string;
}

export interface NarrativeSubject extends ActivityReportSubject {
  state: 'draft' | 'submitted' | 'accepted' | 'returned';
}

/** A commitment with its agencies' codes, for sentences about who edits it. */
export interface CommitmentReportSubject extends CommitmentSubject {
  leadAgencyCodes: readonly string[];
  contributingAgencyCodes: readonly string[];
}

/** A framework's consolidated report: the agencies leading at least one of its commitments, and whether it is issued. */
export interface ConsolidatedSummarySubject {
  frameworkCode: string;
  leadAgencyIds: readonly string[];
  leadAgencyCodes: readonly string[];
  state: 'draft' | 'issued';
}

/**
 * A discussion thread on a live document, with what the document's rules said of the user (DocumentAccess): whether
 * they review it, whether they edit it.
 */
export interface ThreadSubject {
  /** The document in words: "WFP's activity report on BPoA-4". */
  title: string;
  authorId: string;
  reviews: boolean;
  edits: boolean;
}

/** An action item: the agency it is assigned to, and whether the user reviews its document. */
export interface ActionItemSubject extends AgencySubject {
  reviews: boolean;
}

export interface AgencySubject {
  agencyId: string;
  agencyCode: string;
}

interface Subjects {
  'agency.manage': null;
  'agency.readSso': AgencySubject;
  'framework.manage': null;
  'cycle.manage': null;
  'commitment.manage': null;
  'commitment.setStatus': CommitmentSubject;
  'indicator.manage': CommitmentSubject;
  'activityReport.create': ActivityReportSubject;
  'activityReport.edit': ActivityReportSubject;
  'activityReport.submit': ActivityReportSubject;
  'activityReport.review': ActivityReportSubject;
  'activityReport.reopen': ActivityReportSubject;
  'commitmentReport.edit': CommitmentReportSubject;
  'activityNarrative.edit': NarrativeSubject;
  'document.review': CommitmentSubject;
  'consolidatedReport.manage': null;
  'consolidatedSummary.edit': ConsolidatedSummarySubject;
  'thread.resolve': ThreadSubject;
  'comment.change': { authorId: string };
  'actionItem.complete': ActionItemSubject;
  'users.manage': AgencySubject;
  'users.manageSecretariat': null;
  'audit.read': null;
  'digests.run': null;
  'mail.read': null;
}
export type Action = keyof Subjects;

type Rule<S> = (user: Principal, subject: S) => true | Refusal;

const isSecretariat = (user: Principal) => user.role === 'secretariat';
const isFocalPoint = (user: Principal) => user.role === 'focal_point';
const leads = (user: Principal, commitment: CommitmentSubject) => commitment.leadAgencyIds.includes(user.agencyId);
const takesPart = (agencyId: string, commitment: CommitmentSubject) =>
  commitment.leadAgencyIds.includes(agencyId) || commitment.contributingAgencyIds.includes(agencyId);

type SecretariatOnly = Extract<RefusalReason, `secretariat_only_${string}`>;
type LeadFocalPointsOnly = Extract<RefusalReason, `lead_focal_points_only_${string}`>;

const secretariatOnly =
  (reason: SecretariatOnly): Rule<null> =>
  (user) =>
    isSecretariat(user) || refusal(reason, {});

const leadFocalPointOrSecretariat =
  (reason: LeadFocalPointsOnly): Rule<CommitmentSubject> =>
  (user, commitment) =>
    isSecretariat(user) || (isFocalPoint(user) && leads(user, commitment)) || refusal(reason, { commitment: commitment.reference });

const RULES: { [A in Action]: Rule<Subjects[A]> } = {
  'agency.manage': secretariatOnly('secretariat_only_agencies'),
  'agency.readSso': (user, agency) =>
    isSecretariat(user) ||
    (isFocalPoint(user) && user.agencyId === agency.agencyId) ||
    refusal('agency_focal_points_only_sso', { agency: agency.agencyCode }),
  'framework.manage': secretariatOnly('secretariat_only_frameworks'),
  'cycle.manage': secretariatOnly('secretariat_only_cycles'),
  'commitment.manage': secretariatOnly('secretariat_only_commitments'),
  'commitment.setStatus': leadFocalPointOrSecretariat('lead_focal_points_only_status'),
  'indicator.manage': leadFocalPointOrSecretariat('lead_focal_points_only_indicators'),

  'activityReport.create': (user, report) =>
    user.agencyId !== report.agencyId
      ? refusal('agency_users_only_write_report', { agency: report.agencyCode })
      : takesPart(report.agencyId, report.commitment) ||
        refusal('agency_not_taking_part', { agency: report.agencyCode, commitment: report.commitment.reference }),
  'activityReport.edit': (user, report) =>
    user.agencyId === report.agencyId || refusal('agency_users_only_edit_report', { agency: report.agencyCode }),
  'activityReport.submit': (user, report) =>
    (user.agencyId === report.agencyId && isFocalPoint(user)) || refusal('agency_focal_points_only_submit', { agency: report.agencyCode }),
  'activityReport.review': (user, report) =>
    (isFocalPoint(user) && leads(user, report.commitment)) ||
    refusal('lead_focal_points_only_accept_return', { commitment: report.commitment.reference }),
  'activityReport.reopen': (user, report) =>
    isSecretariat(user) ||
    (isFocalPoint(user) && leads(user, report.commitment)) ||
    refusal('lead_focal_points_only_reopen', { commitment: report.commitment.reference }),

  'commitmentReport.edit': (user, commitment) =>
    takesPart(user.agencyId, commitment) ||
    refusal('report_edited_by', { agencies: [...commitment.leadAgencyCodes, ...commitment.contributingAgencyCodes] }),
  'activityNarrative.edit': (user, report) =>
    user.agencyId !== report.agencyId
      ? refusal('narrative_written_by', { agency: report.agencyCode })
      : report.state === 'accepted'
        ? refusal('report_accepted_frozen', {})
        : report.state === 'submitted'
          ? refusal('report_submitted_awaiting_review', {})
          : true,

  // A commitment's report and its agencies' activity reports: their discussions are resolved by the reviewers.
  'document.review': leadFocalPointOrSecretariat('lead_focal_points_only_review'),

  // The consolidated report of a framework and cycle: the secretariat creates, issues and reopens it; the summary is
  // co-edited with the focal points of the framework's lead agencies, and frozen from an issue to the next reopen.
  'consolidatedReport.manage': secretariatOnly('secretariat_only_consolidated_reports'),
  'consolidatedSummary.edit': (user, report) =>
    report.state === 'issued'
      ? refusal('summary_issued_frozen', {})
      : isSecretariat(user) ||
        (isFocalPoint(user) && report.leadAgencyIds.includes(user.agencyId)) ||
        refusal('summary_edited_by', { framework: report.frameworkCode, agencies: [...report.leadAgencyCodes] }),
  // Commenting is open to everyone who reads the document (everyone): it never writes to the document.
  'thread.resolve': (user, thread) =>
    user.userId === thread.authorId ||
    thread.reviews ||
    (isFocalPoint(user) && thread.edits) ||
    refusal('thread_resolvers_only', { document: thread.title }),
  'comment.change': (user, comment) => user.userId === comment.authorId || refusal('comment_author_only', {}),
  'actionItem.complete': (user, item) =>
    user.agencyId === item.agencyId || item.reviews || refusal('action_item_agency_only', { agency: item.agencyCode }),

  'users.manage': (user, agency) =>
    isSecretariat(user) ||
    (isFocalPoint(user) && user.agencyId === agency.agencyId) ||
    refusal('agency_focal_points_only_users', { agency: agency.agencyCode }),

  // A focal point never grants the secretariat role, nor changes or deactivates a secretariat account.
  'users.manageSecretariat': secretariatOnly('secretariat_only_secretariat_accounts'),
  'audit.read': secretariatOnly('secretariat_only_audit'),

  'digests.run': secretariatOnly('secretariat_only_digests'),
  'mail.read': secretariatOnly('secretariat_only_mail'),
};

/** Null, or why the user may not, as data (a reason code and its parameters: see refusals.ts). */
export function refusalFor<A extends Action>(user: Principal, action: A, subject: Subjects[A]): Refusal | null {
  const decision = RULES[action](user, subject);
  return decision === true ? null : decision;
}

/** True, or the reason the user may not, in English. */
export function decide<A extends Action>(user: Principal, action: A, subject: Subjects[A]): true | string {
  const refused = refusalFor(user, action, subject);
  return refused ? refusalSentence(refused) : true;
}

/** Whether the user may: what the API's `can` fields say, from the same rules that enforce them. */
export function allows<A extends Action>(user: Principal, action: A, subject: Subjects[A]): boolean {
  return RULES[action](user, subject) === true;
}

export function authorize<A extends Action>(user: Principal, action: A, subject: Subjects[A]): void {
  const refused = refusalFor(user, action, subject);
  if (refused) throw new ForbiddenError(refused);
}
