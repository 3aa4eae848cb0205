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
  label: string; // e.g. '2007-H1'
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

export interface DemoActivityReport {
  framework: string; // framework code
  commitment: string; // commitment reference
  agency: string; // agency code: must lead or contribute to the commitment
  cycle: string; // cycle label of that framework
  state: ActivityReportState;
  summary: string; // what the agency did, plain text
  narrative: string; // longer plain text for the live narrative
  returnReason: string | null; // required when state is 'returned'
  indicatorValues: { indicator: string; value: number; note: string | null }[];
}

export interface DemoData {
  agencies: DemoAgency[];
  frameworks: DemoFramework[];
  activityReports: DemoActivityReport[];
}
