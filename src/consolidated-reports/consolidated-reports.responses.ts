import type { ChangeActorResponse } from '../changes/changes.responses';
import type { WordChangeResponse } from '../reporting/reporting.responses';
import type { ConsolidatedReportState } from './consolidated-report.entity';

// What the API answers about consolidated reports and their editions. The Swagger plugin of `nest build` describes
// these classes in the OpenAPI document, from which the browser client's types are generated (`npm run api:types`);
// each handler returns one of them, so the compiler holds the server to what the document says.

/** The consolidated progress report of a framework for one cycle: its live summary, its state, how many times issued. */
export class ConsolidatedReportResponse {
  id!: string;
  frameworkId!: string;
  cycleId!: string;
  state!: ConsolidatedReportState;
  /** Its live summary. */
  summaryDocumentId!: string;
  /** How many times it was issued: 0 for a draft never issued, else the number of the latest edition. */
  edition!: number;
  version!: number;
  /** User id. */
  createdBy!: string;
  createdAt!: Date;
  updatedAt!: Date;
}

export class ConsolidatedReportPage {
  items!: ConsolidatedReportResponse[];
  total!: number;
}

/** An issued edition as lists show it: without its files. */
export class ConsolidatedReportEditionResponse {
  edition!: number;
  issuedAt!: Date;
  issuedBy!: ChangeActorResponse;
  /** The size of its Word file. */
  docxBytes!: number;
  /** The size of its PDF, null until it is first printed (an edition issued while no browser was available). */
  pdfBytes!: number | null;
}

export class ConsolidatedReportEditionPage {
  items!: ConsolidatedReportEditionResponse[];
  total!: number;
}

/** Word by word, what changed from the edition before to this one. */
export class ConsolidatedReportEditionDiffResponse {
  edition!: number;
  /** null for the first edition: everything is added. */
  previousEdition!: number | null;
  changes!: WordChangeResponse[];
}
