import type { DocumentName } from '../documents/document-name';

/**
 * What each kind of notification says, as data: who did what on which document, never prose. The API and the live
 * `notification` event carry it as `params`, so that a client says it in the user's language (web/src/locales,
 * `notifications.kind.<kind>`); `summary` is the same in English, for the API's users and for rows written before
 * notifications carried their parameters. A leaf file: the browser client's bundle imports its types.
 */
export interface NotificationParams {
  /** `actor` (of `agency`) mentioned the reader in a comment on `document`; `excerpt` is the comment's beginning. */
  mention: { actor: string; agency: string; document: DocumentName; excerpt: string };
  /** `actor` (of `agency`) replied in a thread the reader wrote in. */
  reply: { actor: string; agency: string; document: DocumentName; excerpt: string };
  /** `agency` (the reviewer's) assigned an action item to `assigneeAgency`, or to `assignee` of it, due on `dueDate`. */
  action_assigned: { agency: string; document: DocumentName; assigneeAgency: string; assignee: string | null; dueDate: string };
  /** An action item falls due on `dueOn`, `daysLeft` days after the reader's day of the reminder (negative: overdue). */
  action_due: { dueOn: string; daysLeft: number; excerpt: string };
}

export type NotificationKind = keyof NotificationParams;

/** A notification's kind with its parameters; null parameters for a row written before notifications carried them. */
export type NotificationContent = { [K in NotificationKind]: { kind: K; params: NotificationParams[K] | null } }[NotificationKind];
