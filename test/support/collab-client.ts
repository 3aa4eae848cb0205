import { io } from 'socket.io-client';
import * as Y from 'yjs';
import { CollabProvider, type CollabSocket } from '../../src/collaboration/client/collab-provider';
import { COLLAB_NAMESPACE } from '../../src/collaboration/protocol';
import type { ApiClient } from './api-client';

/** A real socket.io + Yjs client of a live document, as the browser client runs it, logged in as `client`'s user. */
export class CollabClient {
  readonly doc = new Y.Doc();
  readonly provider: CollabProvider;

  private constructor(readonly socket: CollabSocket, documentId: string) {
    this.provider = new CollabProvider(socket, documentId, this.doc);
  }

  static connect(baseUrl: string, client: ApiClient | null, documentId: string): CollabClient {
    const socket: CollabSocket = io(`${baseUrl}${COLLAB_NAMESPACE}`, {
      transports: ['websocket'],
      extraHeaders: client?.sessionCookie ? { cookie: client.sessionCookie } : {},
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
      forceNew: true,
    });
    return new CollabClient(socket, documentId);
  }

  get text(): Y.XmlFragment {
    return this.doc.getXmlFragment('default');
  }

  /** The document's plain text: paragraphs joined by newlines. */
  plain(): string {
    return this.text
      .toArray()
      .map((node) => (node instanceof Y.XmlElement ? node.toArray().map((t) => (t instanceof Y.XmlText ? t.toString() : '')).join('') : ''))
      .join('\n');
  }

  /** Appends a paragraph, as typing in the editor would. */
  type(paragraph: string): void {
    const element = new Y.XmlElement('paragraph');
    element.insert(0, [new Y.XmlText(paragraph)]);
    this.text.push([element]);
  }

  /** Resolves once the provider reached `status` (or the predicate holds), polling briefly. */
  async until(predicate: (client: CollabClient) => boolean, what: string, timeoutMs = 5_000): Promise<void> {
    const started = Date.now();
    while (!predicate(this)) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for: ${what} (status ${this.provider.status}, text ${JSON.stringify(this.plain())})`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  synced(): Promise<void> {
    return this.until((c) => c.provider.status === 'synced', 'synced');
  }

  /** Every local update has been acknowledged as stored (those of an earlier connection included). */
  durable(): Promise<void> {
    return this.until((c) => c.provider.saved, 'all updates acknowledged');
  }

  close(): void {
    this.provider.destroy();
    this.socket.disconnect();
    this.doc.destroy();
  }
}
