import i18next from 'i18next';
import type { NotificationKind } from '../../../src/discussions/notification-params';
import type { DocumentName, DocumentNameType } from '../../../src/documents/document-name';
import type { NotificationView } from './discussions';
import { formatDate } from './format';

/** The catalogue message of each kind of notification (src/discussions/notification-params.ts lists their parameters). */
export const NOTIFICATION_MESSAGE: Record<NotificationKind, string> = {
  mention: 'notifications.kind.mention',
  reply: 'notifications.kind.reply',
  action_assigned: 'notifications.kind.action_assigned',
  action_due: 'notifications.kind.action_due',
};

/** The catalogue name of each kind of document a notification is about (src/documents/document-name.ts). */
export const DOCUMENT_NAME: Record<DocumentNameType, string> = {
  commitment_report: 'notifications.document.commitment_report',
  activity_report: 'notifications.document.activity_report',
  consolidated_summary: 'notifications.document.consolidated_summary',
};

/** What the bell shows of one notification: what happened, on which document, and the words it quotes. */
export interface NotificationText {
  headline: string;
  document: string | null;
  excerpt: string | null;
}

/** A document named in the user's language ("Rapport d’activité de WFP sur BPoA-5"). */
export function documentName(name: DocumentName): string {
  const { type, ...params } = name;
  return i18next.t(DOCUMENT_NAME[type], params);
}

/**
 * A notification in the user's language, from its kind and parameters. A row written before notifications carried
 * parameters, or of a kind this client does not know (a newer server's), shows the server's English summary.
 */
export function notificationText(notification: NotificationView): NotificationText {
  if (notification.params === null || !Object.hasOwn(NOTIFICATION_MESSAGE, notification.kind)) {
    return { headline: notification.summary, document: null, excerpt: null };
  }
  switch (notification.kind) {
    case 'mention':
    case 'reply': {
      const { actor, agency, document, excerpt } = notification.params;
      return { headline: i18next.t(NOTIFICATION_MESSAGE[notification.kind], { actor, agency }), document: documentName(document), excerpt };
    }
    case 'action_assigned': {
      const { agency, assigneeAgency, assignee, dueDate, document } = notification.params;
      // A named assignee is the one reader of the notification: "assigned you".
      const headline = i18next.t(NOTIFICATION_MESSAGE.action_assigned, { agency, assigneeAgency, to: assignee === null ? 'agency' : 'you', dueDate: formatDate(dueDate) });
      return { headline, document: documentName(document), excerpt: null };
    }
    case 'action_due': {
      const { dueOn, daysLeft, excerpt } = notification.params;
      const headline = i18next.t(NOTIFICATION_MESSAGE.action_due, { when: daysLeft < 0 ? 'overdue' : 'due', dueOn: formatDate(dueOn), daysLeft });
      return { headline, document: null, excerpt };
    }
  }
}
