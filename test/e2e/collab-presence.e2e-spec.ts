import * as Y from 'yjs';
import type { User } from '../../src/accounts/user.entity';
import type { PresenceUser } from '../../src/collaboration/protocol';
import type { ApiClient } from '../support/api-client';
import { CollabClient } from '../support/collab-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/wait';

const COLOR = /^#[0-9a-f]{6}$/;

/**
 * Presence (issue 3, item 7): every awareness state carries the user's name, agency and colour from the server's
 * record, whatever the client claims; the room's presence list is on REST for dashboards; and a dropped socket's
 * presence is cleaned up for everyone.
 */
describe('live documents: presence', () => {
  let t: TestApp;
  let faoUser: User;
  let wfpUser: User;
  let unescoUser: User;
  let fao: ApiClient;
  let wfp: ApiClient;
  let unesco: ApiClient;
  const clients: CollabClient[] = [];
  const open = (client: ApiClient, documentId: string) => {
    const collab = CollabClient.connect(t.baseUrl, client, documentId);
    clients.push(collab);
    return collab;
  };

  beforeAll(async () => {
    t = await startTestApp();
    faoUser = await t.factory.user({ agency: 'FAO' });
    wfpUser = await t.factory.user({ agency: 'WFP' });
    unescoUser = await t.factory.user({ agency: 'UNESCO' });
    [fao, wfp, unesco] = await Promise.all([t.as(faoUser.email), t.as(wfpUser.email), t.as(unescoUser.email)]);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(async () => {
    await t.close();
  });

  async function presence(documentId: string, client: ApiClient = unesco): Promise<PresenceUser[]> {
    const response = await client.get(`/api/documents/${documentId}/presence`);
    expect(response.status).toBe(200);
    expect(response.body.total).toBe(response.body.items.length);
    return [...(response.body.items as PresenceUser[])].sort((a, b) => a.name.localeCompare(b.name));
  }

  const stateOf = (seer: CollabClient, seen: CollabClient) => seer.provider.awareness.getStates().get(seen.doc.clientID);

  it("stamps the server's record of the user over whatever name and agency the client claims, and keeps the cursor", async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const documentId = commitment.reportDocumentId;
    const mallory = open(fao, documentId);
    const colleague = open(wfp, documentId);
    await Promise.all([mallory.synced(), colleague.synced()]);

    const cursor = { anchor: { type: null, tname: 'default', item: null, assoc: 0 }, head: { type: null, tname: 'default', item: null, assoc: -1 } };
    mallory.provider.awareness.setLocalState({ user: { name: 'Mallory', agency: 'WFP', userId: wfpUser.id, color: '#000000' }, cursor });
    colleague.provider.awareness.setLocalStateField('cursor', null);
    await colleague.until((c) => stateOf(c, mallory)?.cursor !== undefined, "the colleague sees Mallory's cursor");
    const seen = stateOf(colleague, mallory)!;
    expect(seen.user).toEqual({ userId: faoUser.id, name: faoUser.displayName, agency: 'FAO', color: expect.stringMatching(COLOR) });
    expect(seen.cursor).toEqual(cursor);

    // A late joiner gets the states the server holds, stamped the same way.
    const late = open(unesco, documentId);
    await late.synced();
    late.provider.awareness.setLocalStateField('cursor', null);
    await late.until((c) => stateOf(c, mallory)?.cursor !== undefined, "the late joiner sees Mallory's state");
    expect(stateOf(late, mallory)).toEqual(seen);
    await late.until((c) => stateOf(c, colleague) !== undefined, "the late joiner sees the colleague's state");
    expect(stateOf(late, colleague)!.user).toEqual({ userId: wfpUser.id, name: wfpUser.displayName, agency: 'WFP', color: expect.stringMatching(COLOR) });

    // The REST presence list says the same, with the same colours.
    await eventually(async () => (await presence(documentId)).length === 3, 'three people in the document');
    const listed = await presence(documentId);
    const expected = [
      seen.user,
      stateOf(late, colleague)!.user,
      { userId: unescoUser.id, name: unescoUser.displayName, agency: 'UNESCO', color: expect.stringMatching(COLOR) },
    ].sort((a, b) => (a as PresenceUser).name.localeCompare((b as PresenceUser).name));
    expect(listed).toEqual(expected);
    expect(listed.map((entry) => entry.name)).not.toContain('Mallory');
  });

  it('lets editors who move their carets at the same moment each see the others’ latest moves', async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP', 'UNESCO'] });
    const editors = [open(fao, commitment.reportDocumentId), open(wfp, commitment.reportDocumentId), open(unesco, commitment.reportDocumentId)];
    await Promise.all(editors.map((editor) => editor.synced()));
    // Several moves from each, all in one turn: the server forwards them together.
    for (let move = 1; move <= 3; move += 1) {
      editors.forEach((editor, index) => editor.provider.awareness.setLocalState({ user: { name: `Claimed ${index}` }, cursor: { move, index } }));
    }
    for (const [index, editor] of editors.entries()) {
      for (const [otherIndex, other] of editors.entries()) {
        if (other === editor) continue;
        await editor.until((e) => (stateOf(e, other)?.cursor as { move?: number } | undefined)?.move === 3, `editor ${index} sees editor ${otherIndex}'s last move`);
        expect(stateOf(editor, other)).toMatchObject({ cursor: { move: 3, index: otherIndex }, user: { name: expect.not.stringMatching(/^Claimed/) } });
      }
      // The server's stamped copy of their own state never comes back to overwrite what they hold.
      expect(editor.provider.awareness.getLocalState()).toEqual({ user: { name: `Claimed ${index}` }, cursor: { move: 3, index } });
    }
  });

  it('shows a fast typist’s caret where it ends, not where the server’s rate limit cut it off', async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const typist = open(fao, commitment.reportDocumentId);
    const reader = open(wfp, commitment.reportDocumentId);
    await Promise.all([typist.synced(), reader.synced()]);
    const refusals: unknown[] = [];
    typist.socket.on('error', (_documentId: unknown, error: unknown) => refusals.push(error));
    // 80 characters typed at once, each an edit and a caret move: 160 messages sent one by one, past the server's 100 a
    // second; the carets go together, and the 80 edits stay within it.
    const text = typist.doc.getXmlFragment('default');
    for (let typed = 1; typed <= 80; typed += 1) {
      typist.doc.transact(() => text.insert(text.length, [new Y.XmlText('x')]));
      typist.provider.awareness.setLocalStateField('cursor', { typed });
    }
    await reader.until((r) => (stateOf(r, typist)?.cursor as { typed?: number } | undefined)?.typed === 80, 'the reader sees the caret after the last character');
    await typist.durable();
    expect(refusals).toEqual([]);
    expect(reader.doc.getXmlFragment('default').length).toBe(80);
  });

  it('removes a dropped socket from everyone\'s awareness and from the presence list', async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const documentId = commitment.reportDocumentId;
    const leaving = open(fao, documentId);
    const staying = open(wfp, documentId);
    await Promise.all([leaving.synced(), staying.synced()]);
    leaving.provider.awareness.setLocalStateField('cursor', { anchor: 3, head: 5 });
    staying.provider.awareness.setLocalStateField('cursor', null);
    await staying.until((c) => stateOf(c, leaving)?.cursor !== undefined, 'the stayer sees the leaver');
    await eventually(async () => (await presence(documentId)).length === 2, 'two people in the document');
    expect((await presence(documentId)).map((entry) => entry.userId).sort()).toEqual([faoUser.id, wfpUser.id].sort());

    // The connection drops without a `leave`: the server must clean up on disconnect.
    leaving.socket.disconnect();
    await staying.until((c) => stateOf(c, leaving) === undefined, "the stayer no longer sees the leaver's state");
    await eventually(async () => (await presence(documentId)).length === 1, 'one person left in the document');
    expect(await presence(documentId)).toEqual([
      { userId: wfpUser.id, name: wfpUser.displayName, agency: 'WFP', color: expect.stringMatching(COLOR) },
    ]);
  });

  it('lists a user with two tabs once, and keeps listing them while one tab is still open', async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const documentId = commitment.reportDocumentId;
    const firstTab = open(fao, documentId);
    const secondTab = open(fao, documentId);
    await Promise.all([firstTab.synced(), secondTab.synced()]);
    firstTab.provider.awareness.setLocalStateField('cursor', null);
    secondTab.provider.awareness.setLocalStateField('cursor', null);
    await firstTab.until((c) => stateOf(c, secondTab) !== undefined, 'the tabs see each other');
    await eventually(async () => (await presence(documentId)).length === 1, 'one person in the document');
    expect((await presence(documentId))[0].userId).toBe(faoUser.id);

    firstTab.socket.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await presence(documentId)).map((entry) => entry.userId)).toEqual([faoUser.id]);
    secondTab.socket.disconnect();
    await eventually(async () => (await presence(documentId)).length === 0, 'nobody left in the document');
  });

  it('shows a client that has just joined, before it moves its cursor', async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const documentId = commitment.reportDocumentId;
    const first = open(fao, documentId);
    await first.synced();
    // The reference provider announces its (empty) local state when it joins; the server and the others must take it.
    const second = open(wfp, documentId);
    await second.synced();
    await eventually(async () => (await presence(documentId)).length === 2, 'both clients listed by REST presence');
    await first.until((c) => stateOf(c, second) !== undefined, 'the first client sees the newcomer');
    expect(stateOf(first, second)!.user).toEqual({ userId: wfpUser.id, name: wfpUser.displayName, agency: 'WFP', color: expect.stringMatching(COLOR) });
    await second.until((c) => stateOf(c, first) !== undefined, 'the newcomer sees the first client');
  });

  it('shows a client again after its connection drops and comes back, and it sees the others again', async () => {
    const commitment = await t.factory.commitment({ lead: ['FAO'], contributing: ['WFP'] });
    const documentId = commitment.reportDocumentId;
    const flaky = open(fao, documentId);
    const steady = open(wfp, documentId);
    await Promise.all([flaky.synced(), steady.synced()]);
    flaky.provider.awareness.setLocalStateField('cursor', { anchor: 1, head: 1 });
    steady.provider.awareness.setLocalStateField('cursor', { anchor: 2, head: 2 });
    await steady.until((c) => stateOf(c, flaky)?.cursor !== undefined, 'the steady client sees the flaky one');
    await flaky.until((c) => stateOf(c, steady)?.cursor !== undefined, 'the flaky client sees the steady one');

    flaky.socket.disconnect();
    await steady.until((c) => stateOf(c, flaky) === undefined, 'the flaky client is gone');
    flaky.socket.connect();
    await flaky.until((c) => c.provider.status === 'synced' && c.socket.connected, 'the flaky client is back');
    await eventually(async () => (await presence(documentId)).length === 2, 'both listed by REST presence again');
    await steady.until((c) => stateOf(c, flaky)?.cursor !== undefined, 'the steady client sees the flaky one again');
    await flaky.until((c) => stateOf(c, steady)?.cursor !== undefined, 'the flaky client sees the steady one again');
  });

  it('answers 404 for the presence of an unknown document, and 401 without a session', async () => {
    const unknown = await unesco.get('/api/documents/00000000-0000-4000-8000-000000000000/presence');
    expect(unknown.status).toBe(404);
    const commitment = await t.factory.commitment({ lead: ['FAO'] });
    const anonymous = await t.anonymous().get(`/api/documents/${commitment.reportDocumentId}/presence`);
    expect(anonymous.status).toBe(401);
  });
});
