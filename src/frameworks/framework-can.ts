import { allows } from '../common/policy';
import type { Principal } from '../common/principal';
import type { Framework } from './framework.entity';

/** What the user may do with a framework, from the policy table that enforces it (issue #14, item 7). */
export interface FrameworkCan {
  /** Change its code, title, description, country; archive it. */
  manage: boolean;
  /** Open, change and close its reporting cycles. */
  manageCycles: boolean;
  /** Add commitments to it. */
  addCommitments: boolean;
  /** Create, compose and issue its consolidated reports. */
  manageConsolidatedReports: boolean;
}

export type PresentedFramework = Framework & { can: FrameworkCan };

/** Every framework rule is the secretariat's today; asking the table keeps the answer where the rule is. */
export function presentFramework(user: Principal, framework: Framework): PresentedFramework {
  return {
    ...framework,
    can: {
      manage: allows(user, 'framework.manage', null),
      manageCycles: allows(user, 'cycle.manage', null),
      addCommitments: allows(user, 'commitment.manage', null),
      manageConsolidatedReports: allows(user, 'consolidatedReport.manage', null),
    },
  };
}
