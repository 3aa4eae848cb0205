/** What the audit trail records (issue 6): sign-ins, account lifecycle, second factors and API token use. */
export const AUDIT_ACTIONS = [
  'login.succeeded',
  'login.failed',
  'login.throttled',
  'logout',
  'invitation.sent',
  'invitation.accepted',
  'password_reset.requested',
  'password_reset.completed',
  'user.role_changed',
  'user.deactivated',
  'user.reactivated',
  'api_token.created',
  'api_token.revoked',
  'api_token.used',
  'second_factor.enabled',
  'second_factor.disabled',
  'second_factor.reset',
  'recovery_codes.regenerated',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
