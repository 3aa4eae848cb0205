import * as Y from 'yjs';
import type { DocumentOwner } from '../documents/document-access';
import { decodeAwarenessUpdate } from './awareness-codec';
import { LiveDocument } from './live-document';

const OWNER: DocumentOwner = {
  kind: 'commitment_report',
  documentId: 'doc-1',
  frameworkId: 'framework-1',
  commitmentId: 'commitment-1',
  entityType: 'commitment',
  entityId: 'commitment-1',
  title: 'the report of BPoA-5',
  name: { type: 'commitment_report', reference: 'BPoA-5' },
};

/** An update that appends a paragraph, made by a client replica of its own. */
function paragraph(text: string, replica = new Y.Doc()): Uint8Array {
  let made: Uint8Array | null = null;
  replica.once('update', (update: Uint8Array) => (made = update));
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  replica.getXmlFragment('default').push([element]);
  return made!;
}

function loaded(updates: Uint8Array[] = []): LiveDocument {
  const document = new LiveDocument('doc-1');
  document.load({ updates, unavailableReason: null, logCount: updates.length, logBytes: updates.reduce((n, u) => n + u.byteLength, 0), snapshotBytes: 0 }, OWNER);
  return document;
}

describe('LiveDocument', () => {
  it('is loaded once its stored updates and its owner are in, and renders their text', () => {
    const document = new LiveDocument('doc-1');
    expect(document.loaded).toBe(false);
    expect(() => document.owner).toThrow(/not loaded/);
    document.load({ updates: [paragraph('Stored before')], unavailableReason: null, logCount: 1, logBytes: 10, snapshotBytes: 0 }, OWNER);
    expect(document.loaded).toBe(true);
    expect(document.render().text).toBe('Stored before');
    document.destroy();
  });

  it('applies a batch of edits in one transaction and answers what to relay; nothing when the batch is known', () => {
    const document = loaded();
    const a = paragraph('From FAO');
    const b = paragraph('From WFP');
    const relayed = document.applyEdits([a, b]);
    expect(relayed).not.toBeNull();
    // A peer that applies the relayed update alone has both edits.
    const peer = new Y.Doc();
    Y.applyUpdate(peer, relayed!);
    expect(peer.getXmlFragment('default').length).toBe(2);
    expect(document.applyEdits([a])).toBeNull();
    document.destroy();
  });

  it('keeps updates relayed by another process during the load, and applies them after what was stored', () => {
    const document = new LiveDocument('doc-1');
    const replica = new Y.Doc();
    const first = paragraph('first', replica);
    const second = paragraph('second', replica);
    document.applyRemote(second);
    document.load({ updates: [first], unavailableReason: null, logCount: 1, logBytes: first.byteLength, snapshotBytes: 0 }, OWNER);
    expect(document.render().text).toBe('first\nsecond');
    document.destroy();
  });

  it('counts what it takes in storage: snapshot, log, updates of other processes and its own pending writes', () => {
    const document = new LiveDocument('doc-1');
    document.load({ updates: [], unavailableReason: null, logCount: 2, logBytes: 300, snapshotBytes: 1_000 }, OWNER);
    expect(document.storedBytes).toBe(1_300);
    document.writesPending(2, 50);
    expect(document.hasPendingWrites).toBe(true);
    expect(document.storedBytes).toBe(1_350);
    document.writesStored(2, 50);
    expect(document.hasPendingWrites).toBe(false);
    expect(document.storedBytes).toBe(1_350);
    document.applyRemote(paragraph('elsewhere'));
    expect(document.storedBytes).toBeGreaterThan(1_350);
    document.destroy();
  });

  it('asks for compaction once the log passes 500 updates, one at a time, and restarts its count from the new snapshot', () => {
    const document = new LiveDocument('doc-1');
    document.load({ updates: [], unavailableReason: null, logCount: 499, logBytes: 1_000, snapshotBytes: 0 }, OWNER);
    expect(document.startCompaction()).toBe(false);
    document.writesPending(1, 10);
    document.writesStored(1, 10);
    expect(document.startCompaction()).toBe(true);
    expect(document.startCompaction()).toBe(false);
    document.compactionEnded(800);
    expect(document.storedBytes).toBe(800);
    expect(document.startCompaction()).toBe(false);
    document.destroy();
  });

  it('absorbs the log for a compaction: its whole state, with rows it had not seen, in one update', () => {
    const document = loaded([paragraph('known')]);
    const unseen = paragraph('relayed late');
    const state = document.absorb([unseen]);
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, state);
    expect(reloaded.getXmlFragment('default').length).toBe(2);
    document.destroy();
  });

  it('stamps awareness with its own clocks, so that a client coming back with an old clock is still seen', () => {
    const document = loaded();
    const state = { user: { name: 'x' } };
    const first = decodeAwarenessUpdate(document.applyAwareness([{ clientId: 7, clock: 5, state }], 'socket-1'))!;
    const again = decodeAwarenessUpdate(document.applyAwareness([{ clientId: 7, clock: 1, state }], 'socket-1'))!;
    expect(again[0].clock).toBeGreaterThan(first[0].clock);
    expect(document.hasAwarenessState(7)).toBe(true);
    const removal = decodeAwarenessUpdate(document.removeAwareness([7], 'socket-1'))!;
    expect(removal[0]).toMatchObject({ clientId: 7, state: null });
    expect(removal[0].clock).toBeGreaterThan(again[0].clock);
    expect(document.hasAwarenessState(7)).toBe(false);
    document.destroy();
  });

  it('tracks its connections and says when the last one left', () => {
    const document = loaded();
    document.connect('a');
    document.connect('b');
    expect(document.disconnect('a')).toBe(false);
    expect(document.isConnected('b')).toBe(true);
    expect(document.disconnect('b')).toBe(true);
    expect(document.disconnect('b')).toBe(false);
    document.destroy();
  });
});
