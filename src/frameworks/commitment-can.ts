import { allows } from '../common/policy';
import type { Principal } from '../common/principal';
import type { CommitmentListItem } from './commitments.repository';
import type { CommitmentCan } from './frameworks.responses';

/** A commitment as the API returns it: its agencies by code, not id, and what the user may do with it. */
export type PresentedCommitment<V extends CommitmentListItem> = Omit<V, 'leadAgencyIds' | 'contributingAgencyIds'> & { can: CommitmentCan };

export function presentCommitment<V extends CommitmentListItem>(user: Principal, view: V): PresentedCommitment<V> {
  const { leadAgencyIds, contributingAgencyIds, ...shown } = view;
  const subject = {
    reference: view.reference,
    leadAgencyIds,
    contributingAgencyIds,
    leadAgencyCodes: view.leadAgencies,
    contributingAgencyCodes: view.contributingAgencies,
  };
  return {
    ...shown,
    can: {
      manage: allows(user, 'commitment.manage', null),
      setStatus: allows(user, 'commitment.setStatus', subject),
      manageIndicators: allows(user, 'indicator.manage', subject),
      editReport: allows(user, 'commitmentReport.edit', subject),
      writeActivityReport: allows(user, 'activityReport.create', { commitment: subject, agencyId: user.agencyId, agencyCode: user.agencyCode }),
    },
  };
}
