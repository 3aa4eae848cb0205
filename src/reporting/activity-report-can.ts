import { allows, type ActivityReportSubject } from '../common/policy';
import type { Principal } from '../common/principal';
import type { ActivityReportView } from './activity-reports.repository';
import { editRefusal, type Transition, TRANSITIONS, transitionRefusal } from './activity-report-workflow';
import type { ActivityReportCan } from './reporting.responses';

/** An activity report as the API returns it, without its commitment's agency ids, with what the user may do. */
export type PresentedActivityReport<V extends ActivityReportView> = Omit<V, 'leadAgencyIds' | 'contributingAgencyIds'> & { can: ActivityReportCan };

export function presentActivityReport<V extends ActivityReportView>(user: Principal, view: V): PresentedActivityReport<V> {
  const { leadAgencyIds, contributingAgencyIds, ...shown } = view;
  const subject: ActivityReportSubject = {
    commitment: { reference: view.commitmentReference, leadAgencyIds, contributingAgencyIds },
    agencyId: view.agencyId,
    agencyCode: view.agency,
  };
  const may = (transition: Transition) =>
    allows(user, TRANSITIONS[transition].permission, subject) && transitionRefusal(view.state, transition) === null;
  return {
    ...shown,
    can: {
      edit: allows(user, 'activityReport.edit', subject) && editRefusal(view.state) === null,
      submit: may('submit'),
      accept: may('accept'),
      return: may('return'),
      reopen: may('reopen'),
    },
  };
}
