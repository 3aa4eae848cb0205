import type { CommitmentStatus } from '../frameworks/domain';

/** Where an agency stands on one commitment in the cycle, as the accountability grid says it. */
export type CellState = 'draft' | 'submitted' | 'accepted' | 'returned' | 'missing' | 'overdue';
export const CELL_STATES: readonly CellState[] = ['accepted', 'submitted', 'returned', 'draft', 'missing', 'overdue'];

export interface IndicatorSection {
  name: string;
  unit: string;
  baseline: number;
  target: number;
  targetDate: string | null;
  /** The latest value reported for it in this cycle or an earlier one, null when none. */
  latest: number | null;
  /** The values the agencies reported in this cycle. */
  values: { agency: string; value: number; note: string | null }[];
}

export interface AgencyReportSection {
  agency: string;
  participation: 'lead' | 'contributing';
  state: CellState;
  /** The accepted narrative, in paragraphs (empty unless accepted). */
  narrative: string[];
  summary: string;
  returnReason: string | null;
}

export interface CommitmentSection {
  id: string;
  reference: string;
  title: string;
  status: CommitmentStatus;
  dueDate: string | null;
  leadAgencies: string[];
  contributingAgencies: string[];
  /** The commitment's live report, in paragraphs (its materialized text). */
  report: string[];
  indicators: IndicatorSection[];
  agencies: AgencyReportSection[];
}

/** The picture of the cycle: how many reports each agency has in each state. */
export interface AgencyTally {
  agency: string;
  counts: Record<CellState, number>;
}

/**
 * The consolidated report, assembled once and rendered three ways (HTML, DOCX, PDF from the HTML). Everything in it
 * that people wrote is plain text: the renderers escape it, never interpret it.
 */
export interface ReportComposition {
  framework: { code: string; title: string; description: string };
  cycle: { label: string; opensOn: string; dueOn: string; closesOn: string };
  /** "Draft" or "Edition 2". */
  editionLabel: string;
  /** The day it was composed or issued, YYYY-MM-DD. */
  date: string;
  summary: string[];
  tallies: AgencyTally[];
  commitments: CommitmentSection[];
  /** References of the framework's commitments nobody has started reporting on in this cycle. */
  notStarted: string[];
  grid: { agencies: string[]; rows: { reference: string; cells: Record<string, CellState> }[] };
}

/** A text in paragraphs: one per line, blank lines dropped. */
export function paragraphs(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** Each agency's reports counted by state, agencies in code order. */
export function tally(commitments: CommitmentSection[]): AgencyTally[] {
  const byAgency = new Map<string, Record<CellState, number>>();
  for (const commitment of commitments) {
    for (const { agency, state } of commitment.agencies) {
      const counts = byAgency.get(agency) ?? { accepted: 0, submitted: 0, returned: 0, draft: 0, missing: 0, overdue: 0 };
      counts[state] += 1;
      byAgency.set(agency, counts);
    }
  }
  return [...byAgency.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([agency, counts]) => ({ agency, counts }));
}
