export const ROLES = ['staff', 'focal_point', 'secretariat'] as const;
export type Role = (typeof ROLES)[number];

/** Roles that must sign in with a second factor (OWASP ASVS level 2 for the accounts that can act on every agency). */
export const SECOND_FACTOR_REQUIRED_ROLES: readonly Role[] = ['secretariat'];

/**
 * A user's two-factor sign-in: `on`, `off`, or `enrolment_required` (their role requires it and it is not on yet: they
 * may do nothing but turn it on). Demo accounts, which production refuses, are never required to, so the demo opens
 * in one step.
 */
export type SecondFactorState = 'on' | 'off' | 'enrolment_required';

/** Whether the user of table alias `u` must use a second factor, as a SQL condition. */
export function secondFactorRequiredSql(u: string): string {
  return `(${u}.role IN (${SECOND_FACTOR_REQUIRED_ROLES.map((role) => `'${role}'`).join(', ')}) AND NOT ${u}.demo)`;
}

/** The state as a SQL expression over `users u`, for every query that builds a principal. */
export const SECOND_FACTOR_STATE_SQL = `
  CASE WHEN EXISTS (SELECT 1 FROM user_second_factors f WHERE f.user_id = u.id AND f.confirmed_at IS NOT NULL) THEN 'on'
       WHEN ${secondFactorRequiredSql('u')} THEN 'enrolment_required'
       ELSE 'off' END`;
