import type { ChangeFacts } from '../../../src/changes/change-facts';

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

/** How a session signed in: the password (and a code), or the agency's provider (and a code, or its own factors). */
export type SignInMethod = 'password' | 'password_second_factor' | 'provider' | 'provider_second_factor' | 'provider_mfa';

export interface Session {
  user: { id: string; email: string; displayName: string; role: Role; secondFactor: SecondFactorState };
  agency: { id: string; code: string; name: string };
  /** What the user may do beyond reading: the client offers pages and actions from this only. */
  can: {
    manageUsers: boolean;
    grantRoles: Role[];
    readMail: boolean;
    readAudit: boolean;
    manageFrameworks: boolean;
    manageCommitments: boolean;
    manageConsolidatedReports: boolean;
    readSso: boolean;
    manageAgencies: boolean;
  };
  signedInWith: SignInMethod | null;
  /** The server's answer: nothing but turning on two-factor sign-in is open to this session. */
  mustTurnOnSecondFactor: boolean;
}

/** What the login page does after the email (from its domain alone). */
export type SignInOptions =
  | { method: 'password' }
  | { method: 'provider'; agencies: { code: string; name: string }[]; passwordAllowed: boolean };

/** An agency's single sign-on settings; the client secret is never sent back, only whether one is stored. */
export interface AgencySso {
  agencyId: string;
  issuer: string;
  clientId: string;
  clientSecretSet: boolean;
  emailDomains: string[];
  passwordLogin: 'allowed' | 'disabled';
  defaultRole: 'staff';
  redirectUri: string;
  version: number;
  updatedAt: string;
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
  /** What the user may do with it (src/frameworks/framework-can.ts). */
  can: { manage: boolean; manageCycles: boolean; addCommitments: boolean; manageConsolidatedReports: boolean };
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

/** A commitment in a list: lists leave out its description. */
export type CommitmentListItem = Omit<Commitment, 'description' | 'indicators'>;

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
  can: { manage: boolean; setStatus: boolean; manageIndicators: boolean; editReport: boolean; writeActivityReport: boolean };
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
  can: { edit: boolean; submit: boolean; accept: boolean; return: boolean; reopen: boolean };
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
  /** The change in facts the client tells in the reader's language; null: only `summary` (English) tells it. */
  facts: ChangeFacts | null;
}

export interface ChangePage {
  items: Change[];
  nextCursor: string | null;
}

export interface ConsolidatedReport {
  id: string;
  frameworkId: string;
  cycleId: string;
  state: 'draft' | 'issued';
  summaryDocumentId: string;
  /** How many times it was issued. */
  edition: number;
  version: number;
}

export interface ConsolidatedEdition {
  edition: number;
  issuedAt: string;
  issuedBy: { userId: string; displayName: string; agencyCode: string };
  docxBytes: number;
  pdfBytes: number | null;
}

/** One part of a word-level diff, as the server's `diff` answers it. */
export interface DiffPart {
  value: string;
  added?: true;
  removed?: true;
}

export interface EditionDiff {
  edition: number;
  previousEdition: number | null;
  changes: DiffPart[];
}
