/**
 * A live document named as data: what it is, and the codes and references that say which one. A notification or a
 * refusal carries it so that a client names the document in the user's language; `DocumentOwner.title` is the same
 * name in English words. A leaf file: the browser client's bundle imports its types.
 */
export type DocumentName =
  /** The report of a commitment: "the report of BPoA-5". */
  | { type: 'commitment_report'; reference: string }
  /** An agency's activity report on a commitment: "WFP's activity report on BPoA-5". */
  | { type: 'activity_report'; agency: string; reference: string }
  /** The summary of a framework's consolidated report for a reporting cycle: "the summary of BPoA's 2026 consolidated report". */
  | { type: 'consolidated_summary'; framework: string; cycle: string };

export type DocumentNameType = DocumentName['type'];
