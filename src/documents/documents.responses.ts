import { ApiExtraModels, ApiProperty, type ApiPropertyOptions, getSchemaPath } from '@nestjs/swagger';
import type { EntityType } from '../changes/changes.repository';
import type { DocumentKind } from './documents.repository';

// What the API answers about live documents, and the document names other modules' answers carry (notifications).
// The Swagger plugin of `nest build` describes these classes in the OpenAPI document, from which the browser client's
// types are generated (`npm run api:types`); each handler returns one of them, so the compiler holds the server to
// what the document says.

/** The report of a commitment: "the report of BPoA-5". */
export class CommitmentReportNameResponse {
  type!: 'commitment_report';
  /** The commitment's reference. */
  reference!: string;
}

/** An agency's activity report on a commitment: "WFP's activity report on BPoA-5". */
export class ActivityReportNameResponse {
  type!: 'activity_report';
  /** The agency's code. */
  agency!: string;
  /** The commitment's reference. */
  reference!: string;
}

/** The summary of a framework's consolidated report for a reporting cycle: "the summary of BPoA's 2026 consolidated report". */
export class ConsolidatedSummaryNameResponse {
  type!: 'consolidated_summary';
  /** The framework's code. */
  framework!: string;
  /** The reporting cycle's label. */
  cycle!: string;
}

/** A live document named as data, for a client to say in its user's language (DocumentName in ./document-name.ts). */
export type DocumentNameResponse = CommitmentReportNameResponse | ActivityReportNameResponse | ConsolidatedSummaryNameResponse;

/**
 * How a property holding a DocumentNameResponse is described: one of its kinds, told apart by `type` (the plugin
 * describes no union of classes). The class that has such a property names the three with @ApiExtraModels.
 */
export const DOCUMENT_NAME_PROPERTY: ApiPropertyOptions = {
  oneOf: [
    { $ref: getSchemaPath(CommitmentReportNameResponse) },
    { $ref: getSchemaPath(ActivityReportNameResponse) },
    { $ref: getSchemaPath(ConsolidatedSummaryNameResponse) },
  ],
  discriminator: {
    propertyName: 'type',
    mapping: {
      commitment_report: getSchemaPath(CommitmentReportNameResponse),
      activity_report: getSchemaPath(ActivityReportNameResponse),
      consolidated_summary: getSchemaPath(ConsolidatedSummaryNameResponse),
    },
  },
};

/** The classes DOCUMENT_NAME_PROPERTY refers to. */
export const DOCUMENT_NAME_MODELS = [CommitmentReportNameResponse, ActivityReportNameResponse, ConsolidatedSummaryNameResponse];

/** What a live document belongs to (DocumentOwner in ./document-access.ts). */
@ApiExtraModels(...DOCUMENT_NAME_MODELS)
export class DocumentOwnerResponse {
  kind!: DocumentKind;
  documentId!: string;
  frameworkId!: string | null;
  commitmentId!: string | null;
  /** What an edit of the text is a change of, in the change feed. */
  entityType!: EntityType;
  entityId!: string;
  /** The document in words: "the report of BPoA-5", "WFP's activity report on BPoA-4". */
  title!: string;
  /** The same as data, for a client to say in its user's language. */
  @ApiProperty(DOCUMENT_NAME_PROPERTY)
  name!: DocumentNameResponse;
}

/** What the user may do with a document, from the rules its owning module registered (issue #14, item 7). */
export class DocumentCan {
  /** Edit the text live (the others view it). */
  edit!: boolean;
  /** Start discussions and reply on it. */
  comment!: boolean;
  /** Resolve its discussions and make action items of them. */
  review!: boolean;
}

/** A live document: GET /api/documents/:id. */
export class DocumentResponse {
  id!: string;
  owner!: DocumentOwnerResponse;
  /** As last materialized, a couple of seconds after edits settle. */
  text!: string;
  /** As last materialized, a couple of seconds after edits settle. */
  html!: string;
  can!: DocumentCan;
}
