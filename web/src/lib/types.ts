export type Role = 'staff' | 'focal_point' | 'secretariat';
export type CommitmentStatus = 'not_started' | 'on_track' | 'at_risk' | 'off_track' | 'achieved';
export type ReportState = 'draft' | 'submitted' | 'accepted' | 'returned';
export type CellState = 'missing' | ReportState | 'overdue';

export interface Page<T> {
  items: T[];
  total: number;
}

export interface Session {
  user: { id: string; email: string; displayName: string; role: Role };
  agency: { id: string; code: string; name: string };
}

export interface Agency {
  id: string;
  code: string;
  name: string;
  kind: string;
}

export interface Framework {
  id: string;
  code: string;
  kind: 'programme' | 'theme_group' | 'strategy' | 'decisions';
  title: string;
  description: string;
  country: string | null;
  version: number;
}

export interface Indicator {
  id: string;
  commitmentId: string;
  name: string;
  unit: string;
  baseline: number;
  target: number;
  targetDate: string | null;
  version: number;
}

export interface Commitment {
  id: string;
  frameworkId: string;
  reference: string;
  title: string;
  description: string;
  status: CommitmentStatus;
  dueDate: string | null;
  leadAgencies: string[];
  contributingAgencies: string[];
  reportDocumentId: string;
  version: number;
  indicators?: Indicator[];
}

export interface Cycle {
  id: string;
  frameworkId: string;
  label: string;
  opensOn: string;
  dueOn: string;
  closesOn: string;
}

export interface ActivityReport {
  id: string;
  commitmentId: string;
  commitmentReference: string;
  frameworkId: string;
  agencyId: string;
  agency: string;
  cycleId: string;
  cycleLabel: string;
  dueOn: string;
  state: ReportState;
  summary: string;
  documentId: string;
  returnReason: string | null;
  submittedAt: string | null;
  decidedAt: string | null;
  version: number;
  updatedAt: string;
  indicatorValues?: { indicatorId: string; indicatorName: string; unit: string; value: number; note: string | null }[];
}

export interface IndicatorValue {
  id: string;
  indicatorId: string;
  activityReportId: string;
  agencyCode: string;
  cycleId: string;
  cycleLabel: string;
  reportState: ReportState;
  value: number;
}

export interface AccountabilityGrid {
  frameworkId: string;
  cycle: Cycle;
  agencies: string[];
  rows: {
    commitmentId: string;
    reference: string;
    title: string;
    cells: { agency: string; participation: 'lead' | 'contributing'; reportId: string | null; reportState: ReportState | null; state: CellState }[];
  }[];
}

export interface Change {
  id: string;
  occurredAt: string;
  actor: { userId: string; displayName: string; agencyCode: string } | null;
  entityType: string;
  entityId: string;
  action: string;
  frameworkId: string | null;
  commitmentId: string | null;
  summary: string;
}

export interface ChangePage {
  items: Change[];
  nextCursor: string | null;
}
