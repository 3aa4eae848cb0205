import { allows } from '../common/policy';
import type { Principal } from '../common/principal';
import type { Framework } from './framework.entity';
import type { FrameworkCan } from './frameworks.responses';

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
