import { authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import type { Role } from './role';

/**
 * Refuses (403, with its reason) a manager who may not manage this agency's users, or, for a secretariat account,
 * who is not of the secretariat: the one rule behind changing a user, inviting one, resetting their second factor
 * and revoking their tokens (`managesUser` in users.service.ts asks the same without refusing).
 */
export function authorizeManage(manager: Principal, target: { agencyId: string; agencyCode: string; role: Role }): void {
  authorize(manager, 'users.manage', { agencyId: target.agencyId, agencyCode: target.agencyCode });
  if (target.role === 'secretariat') authorize(manager, 'users.manageSecretariat', null);
}
