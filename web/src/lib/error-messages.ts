import i18next from 'i18next';
import type { RefusalReason } from '../../../src/common/refusals';
import type { ApiError } from './api';
import { codeMessage, MESSAGE as FIRST_MESSAGE } from './errors';
import { formatList } from './format';

/**
 * The catalogue message for each error code the server sends that the login page cannot get (the others are in
 * lib/errors.ts, with the first load); loaded with every part behind the login (lib/lazy-part.tsx).
 */
export const MESSAGE: Record<string, string> = {
  unknown_reference: 'errors.unknown_reference',
  already_exists: 'errors.already_exists',
  stale_version: 'errors.stale_version',
  conflict: 'errors.conflict',
  payload_too_large: 'errors.payload_too_large',
  invalid_transition: 'errors.invalid_transition',
  activity_report_not_accepted: 'errors.activity_report_not_accepted',
  activity_report_not_editable: 'errors.activity_report_not_editable',
  agency_archived: 'errors.agency_archived',
  agency_code_taken: 'errors.agency_code_taken',
  framework_code_taken: 'errors.framework_code_taken',
  consolidated_report_issued: 'errors.consolidated_report_issued',
  consolidated_report_not_issued: 'errors.consolidated_report_not_issued',
  discussion_closed: 'errors.discussion_closed',
  thread_state: 'errors.thread_state',
  no_action_item: 'errors.no_action_item',
  comment_deleted: 'errors.comment_deleted',
  action_item_done: 'errors.action_item_done',
  document_full: 'errors.document_full',
  document_unavailable: 'errors.document_unavailable',
  // The live-document protocol's (src/collaboration/protocol.ts).
  not_joined: 'errors.not_joined',
  invalid_update: 'errors.invalid_update',
  too_large: 'errors.too_large',
  invalid_token: 'errors.invalid_token',
  mail_not_configured: 'errors.mail_not_configured',
  no_setup_pending: 'errors.no_setup_pending',
  too_many_clients: 'errors.too_many_connections',
  too_many_connections: 'errors.too_many_connections',
  too_many_documents: 'errors.too_many_documents',
  second_factor_off: 'errors.second_factor_off',
  second_factor_on: 'errors.second_factor_on',
  unsubscribe_token_invalid: 'errors.unsubscribe_token_invalid',
  unsubscribe_token_used: 'errors.unsubscribe_token_used',

};

/**
 * The catalogue message for each reason a refusal gives (a 403's `details.reason`, a live document's view-only seat):
 * src/common/refusals.ts lists them, each with its parameters.
 */
export const REFUSAL: Record<RefusalReason, string> = {
  secretariat_only_agencies: 'errors.refusal.secretariat_only_agencies',
  secretariat_only_frameworks: 'errors.refusal.secretariat_only_frameworks',
  secretariat_only_cycles: 'errors.refusal.secretariat_only_cycles',
  secretariat_only_commitments: 'errors.refusal.secretariat_only_commitments',
  secretariat_only_consolidated_reports: 'errors.refusal.secretariat_only_consolidated_reports',
  secretariat_only_secretariat_accounts: 'errors.refusal.secretariat_only_secretariat_accounts',
  secretariat_only_audit: 'errors.refusal.secretariat_only_audit',
  secretariat_only_digests: 'errors.refusal.secretariat_only_digests',
  secretariat_only_mail: 'errors.refusal.secretariat_only_mail',
  agency_focal_points_only_sso: 'errors.refusal.agency_focal_points_only_sso',
  agency_focal_points_only_users: 'errors.refusal.agency_focal_points_only_users',
  lead_focal_points_only_status: 'errors.refusal.lead_focal_points_only_status',
  lead_focal_points_only_indicators: 'errors.refusal.lead_focal_points_only_indicators',
  lead_focal_points_only_review: 'errors.refusal.lead_focal_points_only_review',
  lead_focal_points_only_accept_return: 'errors.refusal.lead_focal_points_only_accept_return',
  lead_focal_points_only_reopen: 'errors.refusal.lead_focal_points_only_reopen',
  agency_users_only_write_report: 'errors.refusal.agency_users_only_write_report',
  agency_not_taking_part: 'errors.refusal.agency_not_taking_part',
  agency_users_only_edit_report: 'errors.refusal.agency_users_only_edit_report',
  agency_focal_points_only_submit: 'errors.refusal.agency_focal_points_only_submit',
  report_edited_by: 'errors.refusal.report_edited_by',
  narrative_written_by: 'errors.refusal.narrative_written_by',
  report_accepted_frozen: 'errors.refusal.report_accepted_frozen',
  report_submitted_awaiting_review: 'errors.refusal.report_submitted_awaiting_review',
  summary_issued_frozen: 'errors.refusal.summary_issued_frozen',
  summary_edited_by: 'errors.refusal.summary_edited_by',
  report_accepted_discussion_closed: 'errors.refusal.report_accepted_discussion_closed',
  summary_issued_discussion_closed: 'errors.refusal.summary_issued_discussion_closed',
  thread_resolvers_only: 'errors.refusal.thread_resolvers_only',
  comment_author_only: 'errors.refusal.comment_author_only',
  action_item_agency_only: 'errors.refusal.action_item_agency_only',
  action_item_reviewers_only: 'errors.refusal.action_item_reviewers_only',
  own_account_change: 'errors.refusal.own_account_change',
  own_second_factor_reset: 'errors.refusal.own_second_factor_reset',
  second_factor_required_by_role: 'errors.refusal.second_factor_required_by_role',
  token_cannot_manage_sign_in: 'errors.refusal.token_cannot_manage_sign_in',
};

/**
 * A refusal (`{ reason, ...params }`) in the user's language, or null for a reason this client does not know (a
 * newer server's). Lists of agencies are joined as the language joins them ("FAO, WFP et IFAD").
 */
export function refusalMessage(details: Record<string, unknown> | undefined): string | null {
  const key = typeof details?.reason === 'string' && Object.hasOwn(REFUSAL, details.reason) ? REFUSAL[details.reason as RefusalReason] : null;
  if (!key || !details) return null;
  const params = Object.fromEntries(Object.entries(details).map(([name, value]) => [name, Array.isArray(value) ? formatList(value.map(String)) : value]));
  return i18next.t(key, params);
}

/**
 * Why an activity report cannot take a step (a 409 invalid_transition's `details: { state, transition }`), as
 * precisely as the server's sentence (src/reporting/activity-report-workflow.ts); null for a pair it does not know.
 */
export function transitionMessage(details: Record<string, unknown> | undefined): string | null {
  const { state, transition } = details ?? {};
  const key =
    state === 'accepted'
      ? transition === 'submit'
        ? 'errors.transition.frozen'
        : transition === 'accept' || transition === 'return'
          ? 'errors.transition.alreadyAccepted'
          : null
      : state === 'submitted' && transition === 'submit'
        ? 'errors.transition.alreadySubmitted'
        : transition === 'reopen' && (state === 'submitted' || state === 'draft' || state === 'returned')
          ? 'errors.transition.onlyAccepted'
          : (transition === 'accept' || transition === 'return') && (state === 'draft' || state === 'returned')
            ? 'errors.transition.onlySubmitted'
            : null;
  return key && i18next.t(key, { state, transition });
}

/** An error of the live-document protocol (a join's or an edit's), in the user's language; its own sentence for a code not listed. */
export function collabErrorMessage(error: { code: string; message: string; details?: object }): string {
  const refused = refusalMessage(error.details as Record<string, unknown> | undefined);
  if (refused) return refused;
  const key = MESSAGE[error.code] ?? FIRST_MESSAGE[error.code];
  return key ? codeMessage(key, error.details as Record<string, unknown> | undefined) : error.message;
}

/** What a refusal's or a step's details say (lib/errors.ts's errorMessage), or null. */
export function detailsMessage(error: ApiError): string | null {
  return refusalMessage(error.details) ?? (error.code === 'invalid_transition' ? transitionMessage(error.details) : null);
}
