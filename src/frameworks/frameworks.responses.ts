import type { CommitmentStatus, FrameworkKind } from './domain';

// What the API answers about frameworks, commitments and indicators. The Swagger plugin of `nest build` describes
// these classes in the OpenAPI document, from which the browser client's types are generated (`npm run api:types`);
// each handler returns one of them, so the compiler holds the server to what the document says.

/** What the user may do with a framework, from the policy table that enforces it (src/frameworks/framework-can.ts). */
export class FrameworkCan {
  /** Change its code, title, description, country; archive it. */
  manage!: boolean;
  /** Open, change and close its reporting cycles. */
  manageCycles!: boolean;
  /** Add commitments to it. */
  addCommitments!: boolean;
  /** Create, compose and issue its consolidated reports. */
  manageConsolidatedReports!: boolean;
}

export class FrameworkResponse {
  id!: string;
  code!: string;
  kind!: FrameworkKind;
  title!: string;
  description!: string;
  country!: string | null;
  archivedAt!: Date | null;
  version!: number;
  createdAt!: Date;
  updatedAt!: Date;
  can!: FrameworkCan;
}

export class FrameworkPage {
  items!: FrameworkResponse[];
  total!: number;
}

/** What the user may do with a commitment, from the policy table that enforces it (src/frameworks/commitment-can.ts). */
export class CommitmentCan {
  /** Change its definition (title, description, agencies, archive). */
  manage!: boolean;
  setStatus!: boolean;
  manageIndicators!: boolean;
  /** Edit its live report (the others view it). */
  editReport!: boolean;
  /** Write their own agency's activity report on it. */
  writeActivityReport!: boolean;
}

/** A commitment in a list: without its description, which lists do not show (GET /api/commitments/:id has it). */
export class CommitmentListItemResponse {
  id!: string;
  frameworkId!: string;
  reference!: string;
  title!: string;
  status!: CommitmentStatus;
  /** YYYY-MM-DD. */
  dueDate!: string | null;
  /** Agency codes. */
  leadAgencies!: string[];
  /** Agency codes. */
  contributingAgencies!: string[];
  /** Its live report. */
  reportDocumentId!: string;
  archivedAt!: Date | null;
  version!: number;
  createdAt!: Date;
  updatedAt!: Date;
  can!: CommitmentCan;
}

export class CommitmentPage {
  items!: CommitmentListItemResponse[];
  total!: number;
}

/** A commitment as created or changed. */
export class CommitmentResponse extends CommitmentListItemResponse {
  description!: string;
}

export class IndicatorResponse {
  id!: string;
  commitmentId!: string;
  name!: string;
  unit!: string;
  baseline!: number;
  target!: number;
  /** YYYY-MM-DD. */
  targetDate!: string | null;
  archivedAt!: Date | null;
  version!: number;
  createdAt!: Date;
  updatedAt!: Date;
}

export class IndicatorPage {
  items!: IndicatorResponse[];
  total!: number;
}

/** A commitment with its indicators: GET /api/commitments/:id. */
export class CommitmentDetailResponse extends CommitmentResponse {
  indicators!: IndicatorResponse[];
}

/** One agency's value of an indicator in one cycle, from its activity report. */
export class IndicatorValueResponse {
  id!: string;
  indicatorId!: string;
  activityReportId!: string;
  agencyCode!: string;
  cycleId!: string;
  cycleLabel!: string;
  /** The state of the activity report that holds the value. */
  reportState!: string;
  value!: number;
  note!: string | null;
  updatedAt!: Date;
}

export class IndicatorValuePage {
  items!: IndicatorValueResponse[];
  total!: number;
}
