import type { Participation } from '../frameworks/domain';
import type { AccountabilityState } from './activity-reports.repository';
import type { ActivityReportState } from './activity-report-state';

// What the API answers about reporting cycles, the accountability grid and activity reports. The Swagger plugin of
// `nest build` describes these classes in the OpenAPI document, from which the browser client's types are generated
// (`npm run api:types`); each handler returns one of them, so the compiler holds the server to what the document says.

export class ReportingCycleResponse {
  id!: string;
  frameworkId!: string;
  label!: string;
  /** YYYY-MM-DD. */
  opensOn!: string;
  /** YYYY-MM-DD. */
  dueOn!: string;
  /** YYYY-MM-DD. */
  closesOn!: string;
  archivedAt!: Date | null;
  version!: number;
  createdAt!: Date;
  updatedAt!: Date;
}

export class ReportingCyclePage {
  items!: ReportingCycleResponse[];
  total!: number;
}

/** One agency on one commitment in the accountability grid. */
export class AccountabilityCellResponse {
  /** Agency code. */
  agency!: string;
  participation!: Participation;
  /** Its activity report for the cycle, null when it has none. */
  reportId!: string | null;
  reportState!: ActivityReportState | null;
  /** Where it stands: its report's state, `missing` when it has none, `overdue` when not submitted by the due date. */
  state!: AccountabilityState;
}

export class AccountabilityGridRowResponse {
  commitmentId!: string;
  reference!: string;
  title!: string;
  cells!: AccountabilityCellResponse[];
}

/** Commitment × agency for one cycle, with each cell's report state. */
export class AccountabilityGridResponse {
  frameworkId!: string;
  cycle!: ReportingCycleResponse;
  /** Every agency that appears in the grid, by code. */
  agencies!: string[];
  rows!: AccountabilityGridRowResponse[];
}

/**
 * What the user may do with an activity report now: the policy table (who) and the workflow (whether its state
 * allows it), the same two checks the API makes before it does it (src/reporting/activity-report-can.ts).
 */
export class ActivityReportCan {
  /** Change its summary and indicator values. */
  edit!: boolean;
  submit!: boolean;
  accept!: boolean;
  return!: boolean;
  reopen!: boolean;
}

/** An agency's report on a commitment for a cycle. */
export class ActivityReportResponse {
  id!: string;
  commitmentId!: string;
  commitmentReference!: string;
  frameworkId!: string;
  agencyId!: string;
  /** Agency code. */
  agency!: string;
  cycleId!: string;
  cycleLabel!: string;
  /** The cycle's due date, YYYY-MM-DD. */
  dueOn!: string;
  state!: ActivityReportState;
  summary!: string;
  /** Its live narrative. */
  documentId!: string;
  /** The reason it was last returned or reopened. */
  returnReason!: string | null;
  submittedAt!: Date | null;
  /** User id. */
  submittedBy!: string | null;
  /** When it was last accepted, returned or reopened. */
  decidedAt!: Date | null;
  /** User id. */
  decidedBy!: string | null;
  version!: number;
  createdAt!: Date;
  updatedAt!: Date;
  can!: ActivityReportCan;
}

export class ActivityReportPage {
  items!: ActivityReportResponse[];
  total!: number;
}

/** A value an activity report gives an indicator of its commitment. */
export class ReportedIndicatorValueResponse {
  indicatorId!: string;
  indicatorName!: string;
  unit!: string;
  value!: number;
  note!: string | null;
}

/** An activity report with its indicator values. */
export class ActivityReportDetailResponse extends ActivityReportResponse {
  indicatorValues!: ReportedIndicatorValueResponse[];
}

/** One part of a word-level comparison of two texts: kept, added or removed. */
export class WordChangeResponse {
  value!: string;
  /** Present (true) when the words were added. */
  added?: true;
  /** Present (true) when the words were removed. */
  removed?: true;
}

/** Word by word, what changed in an accepted narrative since the agency's previous accepted report on the commitment. */
export class ActivityReportDiffResponse {
  reportId!: string;
  /** null when this is the agency's first accepted report on the commitment: everything is added. */
  previousReportId!: string | null;
  previousCycleLabel!: string | null;
  changes!: WordChangeResponse[];
}
