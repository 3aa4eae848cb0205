import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import type { PersonResponse } from '../accounts/accounts.responses';
import type { Locale } from '../common/locales';
import type { RefusalReason } from '../common/refusals';
import { DOCUMENT_NAME_MODELS, DOCUMENT_NAME_PROPERTY, type DocumentNameResponse } from '../documents/documents.responses';
import type { MentionMail, ThreadState } from './discussions.dto';

// What the API answers about discussions, action items, notifications and the user's preferences. The Swagger plugin
// of `nest build` describes these classes in the OpenAPI document, from which the browser client's types are generated
// (`npm run api:types`); each handler returns one of them, so the compiler holds the server to what the document says.
// The same threads and notifications also travel on the live socket, typed in src/collaboration/protocol.ts (the
// socket's contract): these classes describe the same JSON for the REST answers.

export class CommentResponse {
  id!: string;
  threadId!: string;
  author!: PersonResponse;
  /** Empty once deleted: the thread shows "comment deleted" in its place. */
  body!: string;
  /** The users the comment mentions (none once deleted). */
  mentions!: PersonResponse[];
  deleted!: boolean;
  /** ISO 8601 timestamp, as PostgreSQL writes it. */
  createdAt!: string;
  /** ISO 8601 timestamp, as PostgreSQL writes it; null until edited. */
  editedAt!: string | null;
  version!: number;
}

/** A thread's action item: an agency (by code), maybe one of its users, a due date. */
export class ThreadActionResponse {
  /** The agency's code. */
  assigneeAgency!: string;
  assigneeUser!: PersonResponse | null;
  /** YYYY-MM-DD. */
  dueDate!: string;
  done!: boolean;
  /** ISO 8601 timestamp, as PostgreSQL writes it; null until done. */
  doneAt!: string | null;
}

/** Where a thread is anchored: two base64 Yjs relative positions in the document's `default` fragment (docs/collaboration-protocol.md). */
export class ThreadAnchorResponse {
  start!: string;
  end!: string;
}

/** What the reader may do with a thread (the server decides; the client shows). */
export class ThreadCan {
  resolve!: boolean;
  /** Make it an action item, or change or remove its action item. */
  setAction!: boolean;
}

/**
 * A comment thread beside a document's text, with what the reader may do with it. `anchor` holds two base64 Yjs
 * relative positions in the `default` fragment (null: about the whole document); `quote` is the text they enclosed
 * when the thread was opened.
 */
export class ThreadResponse {
  id!: string;
  documentId!: string;
  /** Null: about the whole document. */
  anchor!: ThreadAnchorResponse | null;
  /** The text the anchor enclosed when the thread was opened; null: about the whole document. */
  quote!: string | null;
  state!: ThreadState;
  createdBy!: PersonResponse;
  createdAt!: Date;
  resolvedBy!: PersonResponse | null;
  resolvedAt!: Date | null;
  action!: ThreadActionResponse | null;
  /** Moves with every change in the thread, so a client can tell which copy is newer. */
  version!: number;
  /** Oldest first; a deleted comment keeps its place. */
  comments!: CommentResponse[];
  can!: ThreadCan;
}

/**
 * Why a user may not do something, as data (src/common/refusals.ts): a reason code and what its sentence names. A
 * thread list's `closedRefusal` is `report_accepted_discussion_closed` (agency, commitment) or
 * `summary_issued_discussion_closed` (framework, cycle).
 */
export class DiscussionRefusalResponse {
  reason!: RefusalReason;
  /** An agency's code. */
  agency?: string;
  /** Agency codes. */
  agencies?: string[];
  /** A commitment's reference. */
  commitment?: string;
  /** A framework's code. */
  framework?: string;
  /** A reporting cycle's label. */
  cycle?: string;
  /** A document, in English words. */
  document?: string;
  role?: string;
}

/**
 * Whether the reader may open threads and reply here, and why not when not: in English (`closedReason`), and as a
 * refusal a client says in its user's language (`closedRefusal`, src/common/refusals.ts).
 */
export class ThreadPageCan {
  comment!: boolean;
  /** Make action items of the document's threads (its reviewers). */
  setAction!: boolean;
  /** Why no thread or reply may be written, in English; only when `comment` is false. */
  closedReason?: string;
  /** The same as data; only when `comment` is false. */
  closedRefusal?: DiscussionRefusalResponse;
}

/** A document's threads, oldest first, with what the reader may do. */
export class ThreadPage {
  items!: ThreadResponse[];
  total!: number;
  can!: ThreadPageCan;
}

/** Whether the reader may mark an action item done: its agency, or a reviewer of its document (the policy's rule). */
export class ActionItemCan {
  complete!: boolean;
}

/** A thread's action item, in the list of action items. */
export class ActionItemResponse {
  /** The thread's id: also the action item's. */
  threadId!: string;
  documentId!: string;
  /** The agency's code. */
  assigneeAgency!: string;
  assigneeUser!: PersonResponse | null;
  /** YYYY-MM-DD. */
  dueDate!: string;
  done!: boolean;
  doneAt!: Date | null;
  /** Not done, and due before today (UTC). */
  overdue!: boolean;
  /** The text the thread is anchored on; null: about the whole document. */
  quote!: string | null;
  /** The thread's first comment: what is to be done ('' when every comment is deleted). */
  summary!: string;
  threadState!: ThreadState;
  /** "WFP's activity report on BPoA-4". */
  documentTitle!: string;
  frameworkId!: string | null;
  commitmentId!: string | null;
  /** Where in the app the thread is (a path). */
  url!: string;
  can!: ActionItemCan;
}

export class ActionItemPage {
  items!: ActionItemResponse[];
  total!: number;
}

/** What a mention or a reply says: `actor` (of `agency`) wrote on `document`; `excerpt` is the comment's beginning. */
@ApiExtraModels(...DOCUMENT_NAME_MODELS)
export class CommentNotificationParamsResponse {
  /** The writer's display name. */
  actor!: string;
  /** The writer's agency's code. */
  agency!: string;
  /** The document the comment is on. */
  @ApiProperty(DOCUMENT_NAME_PROPERTY)
  document!: DocumentNameResponse;
  excerpt!: string;
}

/** `agency` (the reviewer's) assigned an action item on `document` to `assigneeAgency`, or to `assignee` of it, due on `dueDate`. */
@ApiExtraModels(...DOCUMENT_NAME_MODELS)
export class ActionAssignedParamsResponse {
  /** The reviewer's agency's code. */
  agency!: string;
  /** The document the thread is on. */
  @ApiProperty(DOCUMENT_NAME_PROPERTY)
  document!: DocumentNameResponse;
  /** The assigned agency's code. */
  assigneeAgency!: string;
  /** The assigned user's display name; null: the agency as a whole. */
  assignee!: string | null;
  /** YYYY-MM-DD. */
  dueDate!: string;
}

/** An action item falls due on `dueOn`, `daysLeft` days after the reader's day of the reminder (negative: overdue). */
export class ActionDueParamsResponse {
  /** YYYY-MM-DD. */
  dueOn!: string;
  daysLeft!: number;
  /** The action item's wording. */
  excerpt!: string;
}

/** What every kind of notification has; each kind adds its `kind` and `params`. */
abstract class NotificationFields {
  id!: string;
  threadId!: string | null;
  commentId!: string | null;
  /** The notification in English; `kind` and `params` say it as data (src/discussions/notification-params.ts). */
  summary!: string;
  /** Where in the app it leads (a path). */
  url!: string;
  read!: boolean;
  createdAt!: Date;
}

/** The reader was mentioned in a comment. */
export class MentionNotificationResponse extends NotificationFields {
  kind!: 'mention';
  /** Null for a notification written before notifications carried their parameters: show `summary`. */
  params!: CommentNotificationParamsResponse | null;
}

/** Someone replied in a thread the reader wrote in. */
export class ReplyNotificationResponse extends NotificationFields {
  kind!: 'reply';
  /** Null for a notification written before notifications carried their parameters: show `summary`. */
  params!: CommentNotificationParamsResponse | null;
}

/** An action item was assigned to the reader, or to their agency. */
export class ActionAssignedNotificationResponse extends NotificationFields {
  kind!: 'action_assigned';
  /** Null for a notification written before notifications carried their parameters: show `summary`. */
  params!: ActionAssignedParamsResponse | null;
}

/** An action item of the reader's falls due (or is overdue). */
export class ActionDueNotificationResponse extends NotificationFields {
  kind!: 'action_due';
  /** Null for a notification written before notifications carried their parameters: show `summary`. */
  params!: ActionDueParamsResponse | null;
}

/** A notification as its reader gets it: its kind and parameters (`params`), and the same in English (`summary`). */
export type NotificationResponse = MentionNotificationResponse | ReplyNotificationResponse | ActionAssignedNotificationResponse | ActionDueNotificationResponse;

const NOTIFICATION_MODELS = [MentionNotificationResponse, ReplyNotificationResponse, ActionAssignedNotificationResponse, ActionDueNotificationResponse];

/** The user's latest notifications (100 at most), newest first. */
@ApiExtraModels(...NOTIFICATION_MODELS)
export class NotificationPage {
  // The plugin describes no union of classes: one of the four kinds, told apart by `kind`.
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: NOTIFICATION_MODELS.map((model) => ({ $ref: getSchemaPath(model) })),
      discriminator: {
        propertyName: 'kind',
        mapping: {
          mention: getSchemaPath(MentionNotificationResponse),
          reply: getSchemaPath(ReplyNotificationResponse),
          action_assigned: getSchemaPath(ActionAssignedNotificationResponse),
          action_due: getSchemaPath(ActionDueNotificationResponse),
        },
      },
    },
  })
  items!: NotificationResponse[];
  total!: number;
  /** The user's unread count. */
  unread!: number;
}

export class UnreadCountResponse {
  /** The user's unread notifications, once these are read. */
  unread!: number;
}

/** The user's preferences: mention mail and language (digest preferences keep their own resource). */
export class PreferencesResponse {
  /** Mail for mentions and assignments: at once (one mail per burst), only in the digest, or never. */
  mentionMail!: MentionMail;
  /** The language the person chose; until they choose, the first of the six their browser asks for, else English. */
  locale!: Locale;
  /** Whether `locale` was chosen (and is what their mail is written in), or only follows the browser. */
  localeChosen!: boolean;
}
