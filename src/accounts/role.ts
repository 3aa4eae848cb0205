import type { Role } from '../common/principal';

// The types of who acts live with the principal (common/), which every module reads; the rules about them live here.
export { ROLES, type Role, type SecondFactorState } from '../common/principal';

/** Roles that must sign in with a second factor (OWASP ASVS level 2 for the accounts that can act on every agency). */
export const SECOND_FACTOR_REQUIRED_ROLES: readonly Role[] = ['secretariat'];


/** Whether the user of table alias `u` must use a second factor, as a SQL condition. */
export function secondFactorRequiredSql(u: string): string {
  return `(${u}.role IN (${SECOND_FACTOR_REQUIRED_ROLES.map((role) => `'${role}'`).join(', ')}) AND NOT ${u}.demo)`;
}

/** The state as a SQL expression over `users u`, for every query that builds a principal. */
export const SECOND_FACTOR_STATE_SQL = `
  CASE WHEN EXISTS (SELECT 1 FROM user_second_factors f WHERE f.user_id = u.id AND f.confirmed_at IS NOT NULL) THEN 'on'
       WHEN ${secondFactorRequiredSql('u')} THEN 'enrolment_required'
       ELSE 'off' END`;
