export type Role = 'staff' | 'focal_point' | 'secretariat';
export type CommitmentStatus = 'not_started' | 'on_track' | 'at_risk' | 'off_track' | 'achieved';
export type ReportState = 'draft' | 'submitted' | 'accepted' | 'returned';
export type CellState = 'missing' | ReportState | 'overdue';

export interface Page<T> {
  items: T[];
  total: number;
}

/** `enrolment_required`: the role requires two-factor sign-in and it is not on yet, so nothing else is open. */
export type SecondFactorState = 'on' | 'off' | 'enrolment_required';

export interface Session {
  user: { id: string; email: string; displayName: string; role: Role; secondFactor: SecondFactorState };
  agency: { id: string; code: string; name: string };
}

/** The answer to a right password when the account has two-factor sign-in on: the code is asked next. */
export interface SecondFactorChallenge {
  secondFactorRequired: true;
}

export interface SecondFactorStatus {
  state: SecondFactorState;
  /** The role requires it: it cannot be turned off, only reset by someone else when the app is lost. */
  required: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
}

/** A new secret for the authenticator app: nothing changes until a first code from the app confirms it. */
export interface SecondFactorEnrolment {
  secret: string;
  uri: string;
  /** The otpauth URI as a PNG data: URL. */
  qrCode: string;
}

export interface RecoveryCodes {
  /** Shown once: the server keeps only their hashes. */
  recoveryCodes: string[];
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
