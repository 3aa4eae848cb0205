import type { Principal } from './principal';
import { ForbiddenError } from './errors';

/**
 * Who may do what (DESIGN.md §3), as one table of rules. Services ask `authorize(user, action, subject)` before
 * they change anything; a rule answers true, or the sentence the user is refused with. Reading is open to every
 * active user and has no rule. Whether the subject's state allows the change (an accepted report is frozen) is the
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

export interface AgencySubject {
  agencyId: string;
  agencyCode: string;
}

interface Subjects {
  'agency.manage': null;
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
  'users.manage': AgencySubject;
  'users.manageSecretariat': null;
  'audit.read': null;
  'digests.run': null;
  'mail.read': null;
}
export type Action = keyof Subjects;

type Rule<S> = (user: Principal, subject: S) => true | string;

const isSecretariat = (user: Principal) => user.role === 'secretariat';
const isFocalPoint = (user: Principal) => user.role === 'focal_point';
const leads = (user: Principal, commitment: CommitmentSubject) => commitment.leadAgencyIds.includes(user.agencyId);
const takesPart = (agencyId: string, commitment: CommitmentSubject) =>
  commitment.leadAgencyIds.includes(agencyId) || commitment.contributingAgencyIds.includes(agencyId);

const secretariatOnly =
  (what: string): Rule<null> =>
  (user) =>
    isSecretariat(user) || `Only the secretariat can ${what}.`;

const leadFocalPointOrSecretariat =
  (what: string): Rule<CommitmentSubject> =>
  (user, commitment) =>
    isSecretariat(user) ||
    (isFocalPoint(user) && leads(user, commitment)) ||
    `Only focal points of ${commitment.reference}'s lead agencies or the secretariat can ${what}.`;

const RULES: { [A in Action]: Rule<Subjects[A]> } = {
  'agency.manage': secretariatOnly('manage agencies'),
  'framework.manage': secretariatOnly('manage frameworks'),
  'cycle.manage': secretariatOnly('manage reporting cycles'),
  'commitment.manage': secretariatOnly('create commitments or change their definition'),
  'commitment.setStatus': leadFocalPointOrSecretariat('set its status'),
  'indicator.manage': leadFocalPointOrSecretariat('manage its indicators'),

  'activityReport.create': (user, report) =>
    user.agencyId !== report.agencyId
      ? `Only ${report.agencyCode} users can write ${report.agencyCode}'s activity report.`
      : takesPart(report.agencyId, report.commitment) ||
        `${report.agencyCode} neither leads nor contributes to ${report.commitment.reference}.`,
  'activityReport.edit': (user, report) =>
    user.agencyId === report.agencyId || `Only ${report.agencyCode} users can edit ${report.agencyCode}'s activity report.`,
  'activityReport.submit': (user, report) =>
    (user.agencyId === report.agencyId && isFocalPoint(user)) ||
    `Only ${report.agencyCode}'s focal points can submit its activity report.`,
  'activityReport.review': (user, report) =>
    (isFocalPoint(user) && leads(user, report.commitment)) ||
    `Only focal points of ${report.commitment.reference}'s lead agencies can accept or return its activity reports.`,
  'activityReport.reopen': (user, report) =>
    isSecretariat(user) ||
    (isFocalPoint(user) && leads(user, report.commitment)) ||
    `Only focal points of ${report.commitment.reference}'s lead agencies or the secretariat can reopen an accepted report.`,

  'commitmentReport.edit': (user, commitment) =>
    takesPart(user.agencyId, commitment) ||
    `${listCodes([...commitment.leadAgencyCodes, ...commitment.contributingAgencyCodes])} edit this report; you are viewing.`,
  'activityNarrative.edit': (user, report) =>
    user.agencyId !== report.agencyId
      ? `${report.agencyCode} writes this report; you are viewing.`
      : report.state === 'accepted'
        ? 'This report was accepted and is frozen; you are viewing.'
        : report.state === 'submitted'
          ? 'This report is submitted and awaits review; you are viewing.'
          : true,

  'users.manage': (user, agency) =>
    isSecretariat(user) ||
    (isFocalPoint(user) && user.agencyId === agency.agencyId) ||
    `Only ${agency.agencyCode}'s focal points or the secretariat can manage ${agency.agencyCode}'s users.`,

  // A focal point never grants the secretariat role, nor changes or deactivates a secretariat account.
  'users.manageSecretariat': secretariatOnly('grant the secretariat role or manage secretariat accounts'),
  'audit.read': secretariatOnly('read the audit trail'),

  'digests.run': secretariatOnly('run digests by hand'),
  'mail.read': secretariatOnly('read the mail outbox'),
};

function listCodes(codes: readonly string[]): string {
  if (codes.length <= 1) return codes[0] ?? 'Its agencies';
  return `${codes.slice(0, -1).join(', ')} and ${codes[codes.length - 1]}`;
}

/** True, or the reason the user may not. */
export function decide<A extends Action>(user: Principal, action: A, subject: Subjects[A]): true | string {
  return RULES[action](user, subject);
}

export function authorize<A extends Action>(user: Principal, action: A, subject: Subjects[A]): void {
  const decision = decide(user, action, subject);
  if (decision !== true) throw new ForbiddenError(decision);
}
