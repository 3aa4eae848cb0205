import { ApiProperty } from '@nestjs/swagger';
import type { ChangeFactKind } from './change-facts';
import type { EntityType } from './changes.repository';

// What the API answers about the change feed. The Swagger plugin of `nest build` describes these classes in the
// OpenAPI document, from which the browser client's types are generated (`npm run api:types`); each handler returns
// one of them, so the compiler holds the server to what the document says.

/** A change event told as facts the client words in the reader's language (src/changes/change-facts.ts). */
export class ChangeFactsResponse {
  /** The client's catalogues name it `events.<kind>`. */
  kind!: ChangeFactKind;
  @ApiProperty({
    type: 'object',
    additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }] },
    description:
      'Names as kept, numbers as numbers; the client words some before its message takes them: `fromStatus`/`toStatus` ' +
      '(commitment status codes), `due` (a YYYY-MM-DD date), `threadOn` (what a thread is on) and `quote` (words someone ' +
      'wrote). Which parameters each kind has: src/changes/change-facts.ts.',
  })
  params!: Record<string, string | number>;
}

/** Who made a change. */
export class ChangeActorResponse {
  userId!: string;
  displayName!: string;
  /** Their agency's code. */
  agencyCode!: string;
}

/** One meaningful change, as the feed shows it. */
export class ChangeResponse {
  /** Ordered: the feed's cursor. A string: it may exceed 2^53. */
  id!: string;
  occurredAt!: Date;
  /** Who made it; null for a change the system made. */
  actor!: ChangeActorResponse | null;
  entityType!: EntityType;
  entityId!: string;
  action!: string;
  frameworkId!: string | null;
  commitmentId!: string | null;
  /** In English, written at change time: what to show when `facts` is null. */
  summary!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The changed fields as they were (free-form, by entity and action).' })
  before!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'The changed fields as they are now (free-form, by entity and action).' })
  after!: Record<string, unknown> | null;
  /** The event told in facts the client words in the reader's language; null: show `summary`. */
  facts!: ChangeFactsResponse | null;
}

export class ChangePage {
  items!: ChangeResponse[];
  /** Pass as `cursor` to read on; null when this page was the last so far. */
  nextCursor!: string | null;
}
