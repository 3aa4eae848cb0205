import { Injectable } from '@nestjs/common';
import { NotFoundError } from '../common/errors';
import { type Db, readTogether } from '../database/transactions';
import { type CommitmentSection, paragraphs, type ReportComposition, tally } from './report-composition';
import { ReportCompositionRepository } from './report-composition.repository';

export interface CompositionRequest {
  frameworkId: string;
  cycleId: string;
  /** The summary's text as it stands (the live document rendered, not its materialized copy, which lags edits). */
  summaryText: string;
  editionLabel: string;
  /** The day of the composition (today, or the day of issue), YYYY-MM-DD: reports not submitted by then are overdue. */
  date: string;
}

/** Assembles the one structure the three renderings are made from, in a constant number of queries. */
@Injectable()
export class ReportComposer {
  constructor(private readonly composition: ReportCompositionRepository) {}

  async compose(db: Db, request: CompositionRequest): Promise<ReportComposition> {
    const { frameworkId, cycleId, date } = request;
    const [header, commitmentRows, cells, indicators] = await readTogether(db, [
      () => this.composition.header(db, frameworkId, cycleId),
      () => this.composition.commitments(db, cycleId),
      () => this.composition.cells(db, cycleId, date),
      () => this.composition.indicators(db, cycleId),
    ]);
    if (!header) throw new NotFoundError('reporting cycle of framework', cycleId);

    const sections = new Map<string, CommitmentSection>();
    for (const row of commitmentRows) {
      if (!row.inCycle) continue;
      sections.set(row.id, {
        id: row.id,
        reference: row.reference,
        title: row.title,
        status: row.status,
        dueDate: row.dueDate,
        leadAgencies: [],
        contributingAgencies: [],
        report: paragraphs(row.text ?? ''),
        indicators: [],
        agencies: [],
      });
    }
    for (const cell of cells) {
      const section = sections.get(cell.commitmentId);
      if (!section) continue;
      (cell.participation === 'lead' ? section.leadAgencies : section.contributingAgencies).push(cell.agency);
      section.agencies.push({
        agency: cell.agency,
        participation: cell.participation,
        state: cell.state,
        narrative: paragraphs(cell.narrative ?? ''),
        summary: cell.summary,
        returnReason: cell.returnReason,
      });
    }
    for (const row of indicators) {
      sections.get(row.commitmentId)?.indicators.push({
        name: row.name,
        unit: row.unit,
        baseline: Number(row.baseline),
        target: Number(row.target),
        targetDate: row.targetDate,
        latest: row.latest === null ? null : Number(row.latest),
        values: row.values.map((v) => ({ agency: v.agency, value: Number(v.value), note: v.note })),
      });
    }

    const commitments = [...sections.values()];
    const agencies = [...new Set(cells.filter((c) => sections.has(c.commitmentId)).map((c) => c.agency))].sort();
    return {
      framework: { code: header.frameworkCode, title: header.frameworkTitle, description: header.frameworkDescription },
      cycle: { label: header.cycleLabel, opensOn: header.opensOn, dueOn: header.dueOn, closesOn: header.closesOn },
      editionLabel: request.editionLabel,
      date,
      summary: paragraphs(request.summaryText),
      tallies: tally(commitments),
      commitments,
      notStarted: commitmentRows.filter((row) => !row.inCycle).map((row) => row.reference),
      grid: {
        agencies,
        rows: commitments.map((c) => ({ reference: c.reference, cells: Object.fromEntries(c.agencies.map((a) => [a.agency, a.state])) })),
      },
    };
  }
}
