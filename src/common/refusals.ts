/**
 * Why a user may not do something, as data: a reason code and what the sentence names (agency codes, references,
 * roles), never prose. A 403's `details` and the live protocol carry it, so that a client says it in the user's
 * language (web/src/locales, `errors.refusal.<reason>`); the API's `message` is its English sentence, from the one
 * table below. A leaf file: the browser client's bundle imports its types.
 */

/** The parameters of each reason. Lists of agencies are codes, in the order the sentence names them. */
export interface RefusalParams {
  secretariat_only_agencies: object;
  secretariat_only_frameworks: object;
  secretariat_only_cycles: object;
  secretariat_only_commitments: object;
  secretariat_only_consolidated_reports: object;
  secretariat_only_secretariat_accounts: object;
  secretariat_only_audit: object;
  secretariat_only_digests: object;
  secretariat_only_mail: object;
  agency_focal_points_only_sso: { agency: string };
  agency_focal_points_only_users: { agency: string };
  lead_focal_points_only_status: { commitment: string };
  lead_focal_points_only_indicators: { commitment: string };
  lead_focal_points_only_review: { commitment: string };
  lead_focal_points_only_accept_return: { commitment: string };
  lead_focal_points_only_reopen: { commitment: string };
  agency_users_only_write_report: { agency: string };
  agency_not_taking_part: { agency: string; commitment: string };
  agency_users_only_edit_report: { agency: string };
  agency_focal_points_only_submit: { agency: string };
  report_edited_by: { agencies: string[] };
  narrative_written_by: { agency: string };
  report_accepted_frozen: object;
  report_submitted_awaiting_review: object;
  summary_issued_frozen: object;
  summary_edited_by: { framework: string; agencies: string[] };
  /** Why a document's discussions take no new comment (a thread list's `can.closedRefusal`, a 409 discussion_closed). */
  report_accepted_discussion_closed: { agency: string; commitment: string };
  summary_issued_discussion_closed: { framework: string; cycle: string };
  /** `document`: the document in (English) words, for the API's sentence; a client on the page need not repeat it. */
  thread_resolvers_only: { document: string };
  comment_author_only: object;
  action_item_agency_only: { agency: string };
  action_item_reviewers_only: { document: string };
  own_account_change: object;
  own_second_factor_reset: object;
  second_factor_required_by_role: { role: string };
  token_cannot_manage_sign_in: object;
}

export type RefusalReason = keyof RefusalParams;

/** One refusal: `{ reason: 'lead_focal_points_only_status', commitment: 'BPoA-5' }`. */
export type Refusal = { [R in RefusalReason]: { reason: R } & RefusalParams[R] }[RefusalReason];

export function refusal<R extends RefusalReason>(reason: R, params: RefusalParams[R]): Refusal {
  return { reason, ...params } as Refusal;
}

/** "FAO, WFP and IFAD". */
function listCodes(codes: readonly string[]): string {
  if (codes.length <= 1) return codes[0] ?? 'Its agencies';
  return `${codes.slice(0, -1).join(', ')} and ${codes[codes.length - 1]}`;
}

const secretariatOnly = (what: string) => () => `Only the secretariat can ${what}.`;
const leadFocalPoints =
  (what: string) =>
  ({ commitment }: { commitment: string }) =>
    `Only focal points of ${commitment}'s lead agencies or the secretariat can ${what}.`;

/** The English sentence of each reason: the API's `message`. */
export const REFUSAL_SENTENCES: { [R in RefusalReason]: (params: RefusalParams[R]) => string } = {
  secretariat_only_agencies: secretariatOnly('manage agencies'),
  secretariat_only_frameworks: secretariatOnly('manage frameworks'),
  secretariat_only_cycles: secretariatOnly('manage reporting cycles'),
  secretariat_only_commitments: secretariatOnly('create commitments or change their definition'),
  secretariat_only_consolidated_reports: secretariatOnly('create, issue or reopen consolidated reports'),
  secretariat_only_secretariat_accounts: secretariatOnly('grant the secretariat role or manage secretariat accounts'),
  secretariat_only_audit: secretariatOnly('read the audit trail'),
  secretariat_only_digests: secretariatOnly('run digests by hand'),
  secretariat_only_mail: secretariatOnly('read the mail outbox'),
  agency_focal_points_only_sso: ({ agency }) => `Only ${agency}'s focal points or the secretariat can see ${agency}'s single sign-on settings.`,
  agency_focal_points_only_users: ({ agency }) => `Only ${agency}'s focal points or the secretariat can manage ${agency}'s users.`,
  lead_focal_points_only_status: leadFocalPoints('set its status'),
  lead_focal_points_only_indicators: leadFocalPoints('manage its indicators'),
  lead_focal_points_only_review: leadFocalPoints('review its reports'),
  lead_focal_points_only_accept_return: ({ commitment }) => `Only focal points of ${commitment}'s lead agencies can accept or return its activity reports.`,
  lead_focal_points_only_reopen: leadFocalPoints('reopen an accepted report'),
  agency_users_only_write_report: ({ agency }) => `Only ${agency} users can write ${agency}'s activity report.`,
  agency_not_taking_part: ({ agency, commitment }) => `${agency} neither leads nor contributes to ${commitment}.`,
  agency_users_only_edit_report: ({ agency }) => `Only ${agency} users can edit ${agency}'s activity report.`,
  agency_focal_points_only_submit: ({ agency }) => `Only ${agency}'s focal points can submit its activity report.`,
  report_edited_by: ({ agencies }) => `${listCodes(agencies)} edit this report; you are viewing.`,
  narrative_written_by: ({ agency }) => `${agency} writes this report; you are viewing.`,
  report_accepted_frozen: () => 'This report was accepted and is frozen; you are viewing.',
  report_submitted_awaiting_review: () => 'This report is submitted and awaits review; you are viewing.',
  summary_issued_frozen: () => 'This report is issued and frozen until the secretariat opens the next edit round; you are viewing.',
  summary_edited_by: ({ framework, agencies }) =>
    `The secretariat and the focal points of ${framework}'s lead agencies${agencies.length > 0 ? ` (${listCodes(agencies)})` : ''} edit this summary; you are viewing.`,
  report_accepted_discussion_closed: ({ agency, commitment }) =>
    `${agency}'s activity report on ${commitment} was accepted; its discussions are closed to new comments.`,
  summary_issued_discussion_closed: ({ framework, cycle }) =>
    `The summary of ${framework}'s ${cycle} consolidated report is issued; its discussions are closed to new comments until the secretariat reopens it.`,
  thread_resolvers_only: ({ document }) =>
    `Only the thread's author, the focal points of the agencies that write ${document}, or its reviewers can resolve or reopen this thread.`,
  comment_author_only: () => 'Only its author can change or delete a comment.',
  action_item_agency_only: ({ agency }) => `Only ${agency}'s users or the thread's reviewers can mark this action item done.`,
  action_item_reviewers_only: ({ document }) => `Only the reviewers of ${document} (the secretariat, or its lead agencies' focal points) can set its action items.`,
  own_account_change: () => 'You cannot change your own role or deactivate your own account; ask another manager.',
  own_second_factor_reset: () => 'You cannot reset your own second factor; ask another focal point of your agency or the secretariat.',
  second_factor_required_by_role: () =>
    'Your role requires two-factor sign-in, so it cannot be turned off. If you lost your app, ask another secretariat member to reset it.',
  token_cannot_manage_sign_in: () => 'API tokens cannot change how their user signs in, nor make or revoke tokens: sign in to Concert to do this.',
};

/** The English sentence of a refusal. */
export function refusalSentence(refused: Refusal): string {
  const sentence = REFUSAL_SENTENCES[refused.reason] as (params: Refusal) => string;
  return sentence(refused);
}
