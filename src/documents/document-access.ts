import { Injectable } from '@nestjs/common';
import type { EntityType } from '../changes/changes.repository';
import type { Access } from '../common/access';
import { NotFoundError } from '../common/errors';
import type { Principal } from '../common/principal';
import type { Refusal } from '../common/refusals';
import { Transactions } from '../database/transactions';
import type { DocumentName } from './document-name';
import { type DocumentKind, DocumentsRepository } from './documents.repository';

export type { Access } from '../common/access';

/**
 * What a live document belongs to, as the module that owns it describes it: what documents/ needs to know (where it
 * stands in the change feed, what it is called) and whatever that module's own rules need.
 */
export interface DocumentOwner {
  kind: DocumentKind;
  documentId: string;
  frameworkId: string | null;
  commitmentId: string | null;
  /** What an edit of the text is a change of, in the change feed. */
  entityType: EntityType;
  entityId: string;
  /** The document in words: "the report of BPoA-5", "WFP's activity report on BPoA-4". */
  title: string;
  /** The same as data, for a client to say in its user's language: `{ type: 'activity_report', agency: 'WFP', reference: 'BPoA-4' }`. */
  name: DocumentName;
}

export interface AccessDecision {
  access: Access;
  /** Why the user only views, in words ("WFP and IFAD edit this report; you are viewing"). */
  reason?: string;
  /** The same, as data: `{ reason: 'report_edited_by', agencies: ['WFP', 'IFAD'] }`. */
  refusal?: Refusal;
}

/**
 * What the module that owns a kind of document supplies: who owns one, who may edit it, who reviews it. Frameworks
 * registers the commitments' reports, reporting the activity reports' narratives; documents/ reads none of their
 * tables.
 */
export interface DocumentRules<O extends DocumentOwner = DocumentOwner> {
  /** The owner of a document of this kind; null when there is none (a document of another kind, or removed). */
  owner(documentId: string): Promise<O | null>;
  /** Edit or view, by the owning module's policy, with the reason when it is view. */
  access(user: Principal, owner: O): AccessDecision;
  /** Whether the user reviews the document: resolves its discussions, returns it, issues it. */
  reviews(user: Principal, owner: O): boolean;
  /**
   * Why the document takes no new comments (an accepted report, an issued summary), as a refusal, or null while it
   * does. Its threads stay readable. Left out: always open to comments.
   */
  discussionClosed?(owner: O): Refusal | null;
}

/** Who owns a document, and what a user may do with it, asked of the module that owns its kind. */
@Injectable()
export class DocumentAccess {
  private readonly rules = new Map<DocumentKind, DocumentRules>();

  constructor(
    private readonly transactions: Transactions,
    private readonly documents: DocumentsRepository,
  ) {}

  /** Called once by each owning module as it starts (onModuleInit). */
  register<O extends DocumentOwner>(kind: DocumentKind, rules: DocumentRules<O>): void {
    if (this.rules.has(kind)) throw new Error(`The rules of ${kind} documents are registered twice.`);
    // Kept under the common owner type: rules are only ever handed owners their own owner() made.
    this.rules.set(kind, rules);
  }

  async owner(documentId: string): Promise<DocumentOwner> {
    const kind = await this.documents.kindOf(this.transactions.db, documentId);
    const owner = kind && (await this.rulesOf(kind).owner(documentId));
    if (!owner) throw new NotFoundError('document', documentId);
    return owner;
  }

  decide(user: Principal, owner: DocumentOwner): AccessDecision {
    return this.rulesOf(owner.kind).access(user, owner);
  }

  reviews(user: Principal, owner: DocumentOwner): boolean {
    return this.rulesOf(owner.kind).reviews(user, owner);
  }

  /** Why no new comment may be written on the document, or null (see DocumentRules.discussionClosed). */
  discussionClosed(owner: DocumentOwner): Refusal | null {
    return this.rulesOf(owner.kind).discussionClosed?.(owner) ?? null;
  }

  private rulesOf(kind: DocumentKind): DocumentRules {
    const rules = this.rules.get(kind);
    if (!rules) throw new Error(`No module registered the rules of ${kind} documents.`);
    return rules;
  }
}
