import { Injectable } from '@nestjs/common';
import { AgenciesRepository } from '../agencies/agencies.repository';
import { UsersRepository } from '../accounts/users.repository';
import { ChangesRepository } from '../changes/changes.repository';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, StaleVersionError } from '../common/errors';
import { refusal, refusalSentence } from '../common/refusals';
import { allows, authorize } from '../common/policy';
import type { Principal } from '../common/principal';
import { AppConfig } from '../config/app-config';
import { type Db, Transactions } from '../database/transactions';
import { DocumentAccess, type DocumentOwner } from '../documents/document-access';
import { DocumentsService } from '../documents/documents.service';
import { formatCalendarDate } from '../mail/mail-intl';
import { Outbox } from '../mail/outbox';
import { decodeAnchor, pointsIntoText } from './anchors';
import { assignmentHtml, assignmentSubject, assignmentText } from './discussion-mail';
import { DISCUSSION_MAIL_TEXTS } from './discussion-mail-texts';
import type { ActionItemDto, ActionItemsQuery, CommentDto, CreateThreadDto, EditCommentDto, ThreadsQuery } from './discussions.dto';
import type { ActionItemPage, ThreadPage, ThreadResponse } from './discussions.responses';
import { MentionMail } from './mention-mail';
import { type NewNotification, NotificationsRepository } from './notifications.repository';
import { type CommentView, type ThreadRow, ThreadsRepository } from './threads.repository';
import { shorten } from '../common/shorten';

/** What a thread change is, in the change feed and on the socket. */
export const THREAD_ACTIONS = [
  'thread_opened',
  'comment_added',
  'comment_edited',
  'comment_deleted',
  'thread_resolved',
  'thread_reopened',
  'action_set',
  'action_cleared',
  'action_done',
] as const;
export type ThreadAction = (typeof THREAD_ACTIONS)[number];


/** Where a document is read in the app. */
export function documentPath(owner: DocumentOwner, threadId?: string): string {
  const base =
    owner.entityType === 'activity_report' ? `/activity-reports/${owner.entityId}` : owner.entityType === 'commitment' ? `/commitments/${owner.entityId}` : `/documents/${owner.documentId}`;
  return threadId ? `${base}?thread=${threadId}` : base;
}

/**
 * Review discussions beside a live document's text (issue 12). Who reads, comments, resolves and assigns comes from
 * the document's rules (DocumentAccess) and the policy; commenting never writes to the document. Every change is a
 * change event (entity `thread`), which is also what carries it live to the document's room.
 */
@Injectable()
export class DiscussionsService {
  constructor(
    private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly threads: ThreadsRepository,
    private readonly notifications: NotificationsRepository,
    private readonly access: DocumentAccess,
    private readonly documents: DocumentsService,
    private readonly users: UsersRepository,
    private readonly agencies: AgenciesRepository,
    private readonly changes: ChangesRepository,
    private readonly outbox: Outbox,
    private readonly mentionMail: MentionMail,
  ) {}

  async list(user: Principal, documentId: string, query: ThreadsQuery): Promise<ThreadPage> {
    const owner = await this.access.owner(documentId);
    const threads = await this.threads.listByDocument(this.transactions.db, documentId, query.state);
    const closed = this.access.discussionClosed(owner);
    const reviews = this.access.reviews(user, owner);
    return {
      items: threads.map((thread) => this.view(user, owner, thread)),
      total: threads.length,
      can: { comment: closed === null, setAction: reviews, ...(closed !== null && { closedReason: refusalSentence(closed), closedRefusal: closed }) },
    };
  }

  async get(user: Principal, threadId: string): Promise<ThreadResponse> {
    const thread = await this.threads.find(this.transactions.db, threadId);
    if (!thread) throw new NotFoundError('thread', threadId);
    return this.view(user, await this.access.owner(thread.documentId), thread);
  }

  /** A thread and its first comment; the anchor, when given, must point into this document's text. */
  async create(user: Principal, documentId: string, dto: CreateThreadDto): Promise<ThreadResponse> {
    const owner = await this.access.owner(documentId);
    this.assertOpen(owner);
    if (dto.quote !== undefined && !dto.anchor) throw new InvalidInputError('quote', 'quote is the anchored text: send it with an anchor.');
    if (dto.anchor) await this.checkAnchor(documentId, [dto.anchor.start, dto.anchor.end]);
    const mentions = await this.checkMentions(dto.mentions);
    const threadId = await this.transactions.run(async (tx) => {
      const id = await this.threads.insertThread(tx, { documentId, anchor: dto.anchor ?? null, quote: dto.anchor ? (dto.quote ?? '') : null, createdBy: user.userId });
      const commentId = await this.threads.insertComment(tx, { threadId: id, authorId: user.userId, body: dto.body, mentions });
      await this.notify(tx, user, owner, id, commentId, dto.body, mentions, []);
      await this.record(tx, user, owner, id, 'thread_opened', `${user.agencyCode} opened a thread on ${owner.title}: ${shorten(dto.body)}`, { commentId });
      return id;
    });
    return this.get(user, threadId);
  }

  /**
   * The thread a returned report opens, in the transaction of the return: about the document as a whole, its first
   * comment the reason, which the agency answers in.
   */
  async openForReturn(tx: Db, user: Principal, documentId: string, reason: string, agencyId: string): Promise<string> {
    const owner = await this.access.owner(documentId);
    // The agency's focal points are asked: mentioned, so they are notified (and mailed) as for any mention.
    const asked = (await this.users.focalPoints(tx, agencyId)).filter((id) => id !== user.userId);
    const id = await this.threads.insertThread(tx, { documentId, anchor: null, quote: null, createdBy: user.userId });
    const commentId = await this.threads.insertComment(tx, { threadId: id, authorId: user.userId, body: reason, mentions: asked });
    await this.notify(tx, user, owner, id, commentId, reason, asked, []);
    await this.record(tx, user, owner, id, 'thread_opened', `${user.agencyCode} returned ${owner.title}: ${shorten(reason)}`, { commentId, returned: true });
    return id;
  }

  async comment(user: Principal, threadId: string, dto: CommentDto): Promise<CommentView> {
    const mentions = await this.checkMentions(dto.mentions);
    const commentId = await this.transactions.run(async (tx) => {
      const { thread, owner } = await this.load(tx, threadId);
      this.assertOpen(owner);
      const participants = await this.threads.participants(tx, thread.id);
      const id = await this.threads.insertComment(tx, { threadId: thread.id, authorId: user.userId, body: dto.body, mentions });
      await this.notify(tx, user, owner, thread.id, id, dto.body, mentions, participants);
      await this.record(tx, user, owner, thread.id, 'comment_added', `${user.agencyCode} replied on ${owner.title}: ${shorten(dto.body)}`, { commentId: id });
      return id;
    });
    return this.commentView(threadId, commentId);
  }

  async editComment(user: Principal, commentId: string, dto: EditCommentDto): Promise<CommentView> {
    const threadId = await this.transactions.run(async (tx) => {
      const comment = await this.threads.lockComment(tx, commentId);
      if (!comment) throw new NotFoundError('comment', commentId);
      authorize(user, 'comment.change', { authorId: comment.authorId });
      const owner = await this.access.owner(comment.documentId);
      this.assertOpen(owner);
      if (comment.deleted) throw new ConflictError('comment_deleted', 'This comment was deleted.');
      if (!(await this.threads.editComment(tx, commentId, dto.version, dto.body))) {
        throw new StaleVersionError('comment', commentId, dto.version, comment.version);
      }
      await this.threads.touch(tx, comment.threadId);
      await this.record(tx, user, owner, comment.threadId, 'comment_edited', `${user.agencyCode} edited a comment on ${owner.title}`, {
        commentId,
        before: comment.body,
      });
      return comment.threadId;
    });
    return this.commentView(threadId, commentId);
  }

  async deleteComment(user: Principal, commentId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const comment = await this.threads.lockComment(tx, commentId);
      if (!comment) throw new NotFoundError('comment', commentId);
      authorize(user, 'comment.change', { authorId: comment.authorId });
      const owner = await this.access.owner(comment.documentId);
      this.assertOpen(owner);
      if (comment.deleted) return;
      await this.threads.deleteComment(tx, commentId);
      await this.threads.touch(tx, comment.threadId);
      await this.record(tx, user, owner, comment.threadId, 'comment_deleted', `${user.agencyCode} deleted a comment on ${owner.title}`, { commentId });
    });
  }

  resolve(user: Principal, threadId: string): Promise<ThreadResponse> {
    return this.setState(user, threadId, 'resolved');
  }

  reopen(user: Principal, threadId: string): Promise<ThreadResponse> {
    return this.setState(user, threadId, 'open');
  }

  private async setState(user: Principal, threadId: string, state: 'open' | 'resolved'): Promise<ThreadResponse> {
    await this.transactions.run(async (tx) => {
      const { thread, owner } = await this.load(tx, threadId);
      authorize(user, 'thread.resolve', this.subject(user, owner, thread.createdBy));
      if (thread.state === state) throw new ConflictError('thread_state', `This thread is ${state} already.`, { state });
      await this.threads.setState(tx, threadId, state, user.userId);
      const verb = state === 'resolved' ? 'resolved' : 'reopened';
      await this.record(tx, user, owner, threadId, state === 'resolved' ? 'thread_resolved' : 'thread_reopened', `${user.agencyCode} ${verb} a thread on ${owner.title}`, {});
    });
    return this.get(user, threadId);
  }

  /** Makes the thread an action item of an agency (and maybe one of its users), due on a date; the reviewers' call. */
  async setAction(user: Principal, threadId: string, dto: ActionItemDto): Promise<ThreadResponse> {
    const [agency] = await this.agencies.findByCodes(this.transactions.db, [dto.assigneeAgency]);
    if (!agency || agency.archivedAt) throw new InvalidInputError('assigneeAgency', `assigneeAgency: no agency has the code ${dto.assigneeAgency}.`);
    let assignee: { id: string; displayName: string; email: string } | null = null;
    if (dto.assigneeUserId) {
      const [person] = await this.users.activePeople(this.transactions.db, [dto.assigneeUserId]);
      if (!person || person.agencyId !== agency.id) {
        throw new InvalidInputError('assigneeUserId', `assigneeUserId must name an active user of ${agency.code}.`);
      }
      assignee = person;
    }
    await this.transactions.run(async (tx) => {
      const { thread, owner } = await this.load(tx, threadId);
      this.assertReviewer(user, owner);
      await this.threads.setAction(tx, thread.id, { agencyId: agency.id, userId: assignee?.id ?? null, dueOn: dto.dueDate, by: user.userId });
      const summary = `${user.agencyCode} assigned an action item on ${owner.title} to ${assignee ? `${assignee.displayName} (${agency.code})` : agency.code}, due ${dto.dueDate}`;
      const recipients = (assignee ? [assignee.id] : await this.users.focalPoints(tx, agency.id)).filter((id) => id !== user.userId);
      const url = documentPath(owner, thread.id);
      const params = { agency: user.agencyCode, document: owner.name, assigneeAgency: agency.code, assignee: assignee?.displayName ?? null, dueDate: dto.dueDate };
      await this.notifications.insert(
        tx,
        recipients.map((userId) => ({ userId, kind: 'action_assigned' as const, params, threadId: thread.id, commentId: null, summary, url })),
      );
      const place = owner.name.type === 'consolidated_summary' ? owner.name.framework : owner.name.reference;
      await this.mailAssignment(tx, recipients, thread.id, thread.version, {
        agency: user.agencyCode,
        place,
        assignee: assignee ? `${assignee.displayName} (${agency.code})` : agency.code,
        dueDate: dto.dueDate,
        url,
      });
      await this.record(tx, user, owner, thread.id, 'action_set', summary, { assigneeAgency: agency.code, assigneeUserId: assignee?.id ?? null, dueDate: dto.dueDate });
    });
    return this.get(user, threadId);
  }

  async clearAction(user: Principal, threadId: string): Promise<ThreadResponse> {
    await this.transactions.run(async (tx) => {
      const { thread, owner } = await this.load(tx, threadId);
      this.assertReviewer(user, owner);
      if (!(await this.threads.actionOf(tx, thread.id))) throw new ConflictError('no_action_item', 'This thread carries no action item.');
      await this.threads.setAction(tx, thread.id, null);
      await this.record(tx, user, owner, thread.id, 'action_cleared', `${user.agencyCode} removed an action item on ${owner.title}`, {});
    });
    return this.get(user, threadId);
  }

  async completeAction(user: Principal, threadId: string): Promise<ThreadResponse> {
    await this.transactions.run(async (tx) => {
      const { thread, owner } = await this.load(tx, threadId);
      const action = await this.threads.actionOf(tx, thread.id);
      if (!action) throw new NotFoundError('action item', threadId);
      authorize(user, 'actionItem.complete', { agencyId: action.agencyId, agencyCode: action.agencyCode, reviews: this.access.reviews(user, owner) });
      if (action.done) throw new ConflictError('action_item_done', 'This action item is done already.');
      await this.threads.completeAction(tx, thread.id, user.userId);
      await this.record(tx, user, owner, thread.id, 'action_done', `${user.agencyCode} completed an action item on ${owner.title}`, {});
    });
    return this.get(user, threadId);
  }

  async actionItems(user: Principal, query: ActionItemsQuery): Promise<ActionItemPage> {
    const today = new Date().toISOString().slice(0, 10);
    const page = await this.threads.listActionItems(this.transactions.db, { ...query, today });
    const owners = new Map<string, DocumentOwner | null>();
    for (const item of page.items) {
      if (!owners.has(item.documentId)) owners.set(item.documentId, await this.access.owner(item.documentId).catch(() => null));
    }
    return {
      total: page.total,
      items: page.items.map(({ assigneeAgencyId, ...item }) => {
        const owner = owners.get(item.documentId) ?? null;
        const subject = { agencyId: assigneeAgencyId, agencyCode: item.assigneeAgency, reviews: owner !== null && this.access.reviews(user, owner) };
        return {
          ...item,
          documentTitle: owner?.title ?? 'a removed document',
          frameworkId: owner?.frameworkId ?? null,
          commitmentId: owner?.commitmentId ?? null,
          url: owner ? documentPath(owner, item.threadId) : '/',
          can: { complete: !item.done && owner !== null && allows(user, 'actionItem.complete', subject) },
        };
      }),
    };
  }

  /** The thread, locked, and its document's owner. */
  private async load(tx: Db, threadId: string) {
    const thread = await this.threads.lock(tx, threadId);
    if (!thread) throw new NotFoundError('thread', threadId);
    return { thread, owner: await this.access.owner(thread.documentId) };
  }

  private view(user: Principal, owner: DocumentOwner, thread: ThreadRow): ThreadResponse {
    const reviews = this.access.reviews(user, owner);
    return { ...thread, can: { resolve: this.mayResolve(user, owner, thread.createdBy.id), setAction: reviews } };
  }

  private subject(user: Principal, owner: DocumentOwner, authorId: string) {
    return { title: owner.title, authorId, reviews: this.access.reviews(user, owner), edits: this.access.decide(user, owner).access === 'edit' };
  }

  private mayResolve(user: Principal, owner: DocumentOwner, authorId: string): boolean {
    try {
      authorize(user, 'thread.resolve', this.subject(user, owner, authorId));
      return true;
    } catch {
      return false;
    }
  }

  private assertReviewer(user: Principal, owner: DocumentOwner): void {
    if (!this.access.reviews(user, owner)) {
      throw new ForbiddenError(refusal('action_item_reviewers_only', { document: owner.title }));
    }
  }

  private assertOpen(owner: DocumentOwner): void {
    const closed = this.access.discussionClosed(owner);
    if (closed) throw new ConflictError('discussion_closed', refusalSentence(closed), { ...closed });
  }

  /** Both ends decode, and point into this document's text (not another document's). */
  private async checkAnchor(documentId: string, ends: readonly string[]): Promise<void> {
    const positions = ends.map(decodeAnchor);
    if (positions.some((p) => p === null)) {
      throw new InvalidInputError('anchor', 'anchor.start and anchor.end must each be the base64 of Y.encodeRelativePosition.');
    }
    const inside = await this.documents.read(documentId, (doc) => positions.every((position) => pointsIntoText(doc, position!)));
    if (!inside) throw new InvalidInputError('anchor', "anchor does not point into this document's text.");
  }

  /** The mentioned users, each named once, every one of them active. */
  private async checkMentions(mentions: readonly string[] | undefined): Promise<string[]> {
    const ids = [...new Set((mentions ?? []).map((id) => id.toLowerCase()))];
    if (ids.length === 0) return [];
    const found = new Set((await this.users.activePeople(this.transactions.db, ids)).map((p) => p.id));
    const unknown = ids.filter((id) => !found.has(id));
    if (unknown.length > 0) throw new InvalidInputError('mentions', `mentions names no active user: ${unknown.join(', ')}.`);
    return ids;
  }

  /** A mention for each mentioned user, a reply for everyone else who wrote in the thread; never to the writer. */
  private async notify(
    tx: Db,
    user: Principal,
    owner: DocumentOwner,
    threadId: string,
    commentId: string,
    body: string,
    mentions: readonly string[],
    participants: readonly string[],
  ): Promise<void> {
    const url = documentPath(owner, threadId);
    const mentioned = mentions.filter((id) => id !== user.userId);
    const replied = participants.filter((id) => id !== user.userId && !mentioned.includes(id));
    const params = { actor: user.displayName, agency: user.agencyCode, document: owner.name, excerpt: shorten(body) };
    const notifications: NewNotification[] = [
      ...mentioned.map((userId) => ({
        userId,
        kind: 'mention' as const,
        params,
        threadId,
        commentId,
        summary: `${user.displayName} (${user.agencyCode}) mentioned you on ${owner.title}: ${params.excerpt}`,
        url,
      })),
      ...replied.map((userId) => ({
        userId,
        kind: 'reply' as const,
        params,
        threadId,
        commentId,
        summary: `${user.displayName} (${user.agencyCode}) replied on ${owner.title}: ${params.excerpt}`,
        url,
      })),
    ];
    await this.notifications.insert(tx, notifications);
    if (mentioned.length > 0) {
      const preferences = await this.notifications.mentionMail(tx, mentioned);
      await this.mentionMail.schedule(tx, mentioned.filter((id) => (preferences.get(id) ?? 'immediately') === 'immediately'));
    }
  }

  /** An assignment is mailed at once to those whose preference says so, each in their own language. */
  private async mailAssignment(
    tx: Db,
    recipients: readonly string[],
    threadId: string,
    version: number,
    item: { agency: string; place: string; assignee: string; dueDate: string; url: string },
  ) {
    if (recipients.length === 0) return;
    const preferences = await this.notifications.mentionMail(tx, recipients);
    const people = await this.users.activePeople(tx, recipients.filter((id) => (preferences.get(id) ?? 'immediately') === 'immediately'));
    const locales = await this.users.localesOf(tx, people.map((person) => person.id));
    for (const person of people) {
      const locale = locales.get(person.id) ?? 'en';
      const model = {
        locale,
        readerName: person.displayName,
        line: DISCUSSION_MAIL_TEXTS[locale].assignment.line(item.agency, item.place, item.assignee),
        dueDate: formatCalendarDate(locale, item.dueDate),
        url: `${this.config.publicUrl}${item.url}`,
        preferencesUrl: `${this.config.publicUrl}/settings`,
      };
      await this.outbox.enqueue(tx, {
        kind: 'action_item',
        dedupeKey: `action:${threadId}:${version}:${person.id}`,
        recipient: { userId: person.id, email: person.email },
        subject: assignmentSubject(model),
        render: () => ({ text: assignmentText(model), html: assignmentHtml(model) }),
      });
    }
  }

  private record(tx: Db, user: Principal, owner: DocumentOwner, threadId: string, action: ThreadAction, summary: string, after: object): Promise<void> {
    return this.changes.append(tx, {
      actor: user,
      entityType: 'thread',
      entityId: threadId,
      frameworkId: owner.frameworkId,
      commitmentId: owner.commitmentId,
      action,
      summary,
      after: { documentId: owner.documentId, threadId, ...after },
    });
  }

  private async commentView(threadId: string, commentId: string): Promise<CommentView> {
    const thread = await this.threads.find(this.transactions.db, threadId);
    const comment = thread?.comments.find((c) => c.id === commentId);
    if (!comment) throw new NotFoundError('comment', commentId);
    return comment;
  }
}
