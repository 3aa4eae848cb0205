import { ApiProperty } from '@nestjs/swagger';
import type { MailKind, MailStatus } from './outbox.repository';

// What the API answers about the outbox. The Swagger plugin of `nest build` describes these classes in the OpenAPI
// document, from which the browser client's types are generated (`npm run api:types`); each handler returns one of
// them, so the compiler holds the server to what the document says.

/** A mail of the outbox as lists show it: without its bodies. */
export class MailSummaryResponse {
  id!: string;
  kind!: MailKind;
  /** The address it is (or was) sent to. */
  to!: string;
  subject!: string;
  status!: MailStatus;
  /** How many times delivery was tried. */
  attempts!: number;
  lastError!: string | null;
  createdAt!: Date;
  sentAt!: Date | null;
}

export class MailSummaryPage {
  items!: MailSummaryResponse[];
  total!: number;
}

/** One mail with its bodies; a secret link in them is shown redacted. */
export class MailResponse extends MailSummaryResponse {
  recipientUserId!: string | null;
  text!: string;
  html!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Its extra mail headers, by name.' })
  headers!: Record<string, string>;
  /** The SMTP server's id of the sent mail. */
  messageId!: string | null;
  /** When delivery is next tried (while pending). */
  nextAttemptAt!: Date;
}
