import type { AgencyKind } from '../../agencies/agency-kind';
import type { ActivityReportState } from '../../reporting/activity-report-state';
import type { CommitmentStatus, FrameworkKind } from '../../frameworks/domain';

/** ISO date, `YYYY-MM-DD`. */
export type IsoDate = string;

export interface DemoAgency {
  code: string; // upper case, e.g. 'FAO', 'UN-Habitat' is stored as 'UN-HABITAT'
  name: string;
  kind: AgencyKind;
  /** Whether demo users (focal@<code>.example, staff@<code>.example) are created for it. */
  demoUsers: boolean;
}

export interface DemoIndicator {
  name: string;
  unit: string;
  baseline: number;
  target: number;
  targetDate: IsoDate;
}

export interface DemoCommitment {
  reference: string; // unique across the system, e.g. 'BPoA-5', 'FSTG-ETH-1', 'GMS-a', 'CEB-2006-2-1'
  title: string;
  description: string; // plain text, from the seed; ends with a note when parts are illustrative
  status: CommitmentStatus;
  dueDate: IsoDate | null;
  leadAgencies: string[]; // agency codes
  contributingAgencies: string[]; // agency codes, disjoint from leadAgencies
  /** True when the seed does not say who leads/contributes and the demo invented it. */
  illustrative: boolean;
  /** Paragraphs of the seed this comes from, e.g. 'paras. 31-32'. */
  source: string;
  indicators: DemoIndicator[];
  /** Initial text of the live report, per section; plain text paragraphs. */
  report: { summary: string; progress: string; challenges: string; nextSteps: string };
}

export interface DemoCycle {
  label: string; // e.g. '2026-H1': the half-year reported on (see demo-calendar.ts)
  opensOn: IsoDate;
  dueOn: IsoDate;
  closesOn: IsoDate; // opensOn <= dueOn <= closesOn
}

export interface DemoFramework {
  code: string; // short unique code, e.g. 'BPoA'
  kind: FrameworkKind;
  title: string;
  description: string;
  country: string | null; // theme groups only
  source: string;
  commitments: DemoCommitment[];
  cycles: DemoCycle[];
}

/** One step of an activity report's workflow, as the service records it in the change feed. */
export interface DemoReportStep {
  action: 'created' | 'submitted' | 'returned' | 'accepted';
  /** Before the load: the demo's history is never dated in the future. */
  at: Date;
}

export interface DemoActivityReport {
  framework: string; // framework code
  commitment: string; // commitment reference
  agency: string; // agency code: must lead or contribute to the commitment
  cycle: string; // cycle label of that framework
  state: ActivityReportState; // the state the last step of `history` leaves it in
  summary: string; // what the agency did, plain text
  narrative: string; // longer plain text for the live narrative
  /**
   * The lead agency's reason when `history` has a return: required when state is 'returned', and kept once the
   * report is submitted again (as the workflow keeps it).
   */
  returnReason: string | null;
  indicatorValues: { indicator: string; value: number; note: string | null }[];
  /** Oldest first: created, then submitted, returned, submitted again, accepted, as far as the report went. */
  history: DemoReportStep[];
}

export interface DemoData {
  agencies: DemoAgency[];
  frameworks: DemoFramework[];
  activityReports: DemoActivityReport[];
}
