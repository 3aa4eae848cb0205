import { Client } from 'pg';
import * as Y from 'yjs';

/** A TipTap fragment's paragraphs as plain strings (a heading or list counts as one paragraph of its text). */
export function paragraphsOf(fragment: Y.XmlFragment): string[] {
  return fragment
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.toArray().map((t) => (t instanceof Y.XmlText ? t.toString() : '')).join('') : ''));
}

/**
 * The paragraphs of a live document as the database holds it (the snapshot, then the whole log), read with SQL on a
 * connection of its own: what survives whatever the server process does.
 */
export async function storedParagraphs(databaseUrl: string, documentId: string): Promise<string[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows: [document] } = await db.query<{ snapshot: Buffer | null }>('SELECT snapshot FROM documents WHERE id = $1', [documentId]);
    const { rows: log } = await db.query<{ update: Buffer }>('SELECT update FROM document_updates WHERE document_id = $1 ORDER BY id', [documentId]);
    const doc = new Y.Doc();
    try {
      for (const bytes of [...(document.snapshot ? [document.snapshot] : []), ...log.map((row) => row.update)]) Y.applyUpdate(doc, new Uint8Array(bytes));
      return paragraphsOf(doc.getXmlFragment('default'));
    } finally {
      doc.destroy();
    }
  } finally {
    await db.end();
  }
}
