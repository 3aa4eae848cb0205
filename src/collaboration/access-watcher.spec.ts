import type { ChangeNotifications } from '../changes/change-notifications';
import type { ChangeView } from '../changes/changes.repository';
import type { Principal } from '../common/principal';
import type { AccessDecision, DocumentAccess, DocumentOwner } from '../documents/document-access';
import { AccessWatcher, type Seats } from './access-watcher';
import type { CollabSocket, Membership } from './collab-socket';
import type { DocumentRegistry } from './document-registry';

/**
 * The watcher's rules, with the owners and decisions a test sets. (The real thing, a report submitted or an agency
 * removed while its editors are joined, is in collab-access.e2e-spec.ts.)
 */
const owner = (commitmentId: string): DocumentOwner => ({
  kind: 'commitment_report',
  documentId: `doc-of-${commitmentId}`,
  frameworkId: 'framework-1',
  commitmentId,
  entityType: 'commitment',
  entityId: commitmentId,
  title: `the report of ${commitmentId}`,
  name: { type: 'commitment_report', reference: commitmentId },
});

function socket(userId: string, documentId: string, access: 'edit' | 'view') {
  const emitted: unknown[][] = [];
  const documents = new Map<string, Membership>([[documentId, { access, clientIds: new Set() }]]);
  const fake = { data: { user: { userId } as Principal, sessionId: 's', documents }, emit: (...args: unknown[]) => emitted.push(args) };
  return { socket: fake as unknown as CollabSocket, emitted, documents };
}

function change(commitmentId: string | null, action: string): ChangeView {
  return { id: '1', commitmentId, action } as ChangeView;
}

describe('AccessWatcher', () => {
  let subscriber: (change: ChangeView) => void;
  let owners: Map<string, DocumentOwner>;
  let decisions: Map<string, AccessDecision>;
  let ownerReads: number;
  let watcher: AccessWatcher;
  /** Open documents as the watcher sees them: an id, the owner as last read, and the way to tell it a new one. */
  const openDocument = (id: string, first: DocumentOwner) => ({
    id,
    owner: first,
    ownerChanged(changed: DocumentOwner) {
      this.owner = changed;
    },
  });
  const documents = [openDocument('doc-of-c1', owner('c1')), openDocument('doc-of-c2', owner('c2'))];

  beforeEach(() => {
    ownerReads = 0;
    owners = new Map(documents.map((d) => [d.id, d.owner]));
    decisions = new Map();
    const notifications = { subscribe: (s: (change: ChangeView) => void) => ((subscriber = s), () => undefined) };
    const registry = { loaded: () => documents };
    const access = {
      owner: async (id: string) => (ownerReads++, owners.get(id)!),
      decide: (user: Principal) => decisions.get(user.userId) ?? { access: 'edit' },
    };
    watcher = new AccessWatcher(notifications as unknown as ChangeNotifications, registry as unknown as DocumentRegistry, access as unknown as DocumentAccess);
  });

  async function notify(what: ChangeView): Promise<void> {
    subscriber(what);
    // The watcher works after the notification, on its own turn.
    await new Promise((resolve) => setTimeout(resolve, 10));
  }

  it('takes a socket out at once when its edit rights go, tells it why, and upgrades one that gains them', async () => {
    const losing = socket('wfp-editor', 'doc-of-c1', 'edit');
    const gaining = socket('ilo-viewer', 'doc-of-c1', 'view');
    const left: string[] = [];
    const seats: Seats = { sockets: () => [losing.socket, gaining.socket], leave: async (_s, documentId) => void left.push(documentId) };
    watcher.start(seats);
    decisions.set('wfp-editor', { access: 'view', reason: 'FAO edit this report; you are viewing.' });
    decisions.set('ilo-viewer', { access: 'edit' });
    await notify(change('c1', 'updated'));
    expect(left).toEqual(['doc-of-c1']);
    expect(losing.emitted).toEqual([
      ['error', 'doc-of-c1', { code: 'access_revoked', message: 'FAO edit this report; you are viewing.' }],
      ['access', 'doc-of-c1', null, 'FAO edit this report; you are viewing.'],
    ]);
    expect(gaining.documents.get('doc-of-c1')?.access).toBe('edit');
    expect(gaining.emitted).toEqual([['access', 'doc-of-c1', 'edit', 'You can edit this document now.']]);
  });

  it('re-reads only the owners of open documents of the changed commitment, and passes text edits over', async () => {
    const seats: Seats = { sockets: () => [], leave: async () => undefined };
    watcher.start(seats);
    await notify(change('c2', 'text_edited'));
    await notify(change(null, 'updated'));
    expect(ownerReads).toBe(0);
    await notify(change('c2', 'submitted'));
    expect(ownerReads).toBe(1);
  });

  it("re-reads a framework's summary when its consolidated report is issued, or a commitment of its framework changes", async () => {
    const summary: DocumentOwner = {
      kind: 'consolidated_summary',
      documentId: 'summary-doc',
      frameworkId: 'framework-1',
      commitmentId: null,
      entityType: 'consolidated_report',
      entityId: 'report-1',
      title: 'the summary',
      name: { type: 'consolidated_summary', framework: 'BPoA', cycle: '2026' },
    };
    documents.push(openDocument('summary-doc', summary));
    owners.set('summary-doc', summary);
    try {
      watcher.start({ sockets: () => [], leave: async () => undefined });
      await notify({ id: '2', commitmentId: null, action: 'issued', entityType: 'consolidated_report', entityId: 'report-2', frameworkId: 'framework-1' } as ChangeView);
      expect(ownerReads).toBe(0);
      await notify({ id: '3', commitmentId: null, action: 'issued', entityType: 'consolidated_report', entityId: 'report-1', frameworkId: 'framework-1' } as ChangeView);
      expect(ownerReads).toBe(1);
      // A commitment of the framework changed (c3: no document of it is open): only the summary is read again.
      await notify({ id: '4', commitmentId: 'c3', action: 'updated', entityType: 'commitment', entityId: 'c3', frameworkId: 'framework-1' } as ChangeView);
      expect(ownerReads).toBe(2);
    } finally {
      documents.pop();
    }
  });
});
