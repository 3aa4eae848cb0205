import { ApiProperty } from '@nestjs/swagger';
import type { AuditAction } from './audit-action';

// What the API answers about the audit trail. The Swagger plugin of `nest build` describes these classes in the
// OpenAPI document, from which the browser client's types are generated (`npm run api:types`); each handler returns
// one of them, so the compiler holds the server to what the document says.

/** One entry of the audit trail: who did what and when. */
export class AuditEventResponse {
  id!: string;
  occurredAt!: Date;
  action!: AuditAction;
  actorUserId!: string | null;
  actorEmail!: string | null;
  subjectUserId!: string | null;
  subjectEmail!: string | null;
  agencyCode!: string | null;
  /** The address a login attempt or invitation named. */
  email!: string | null;
  ip!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What else the action records (free-form, by action).' })
  details!: Record<string, unknown>;
}

export class AuditEventPage {
  items!: AuditEventResponse[];
  total!: number;
}
