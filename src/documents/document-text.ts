import sanitizeHtml from 'sanitize-html';
import * as Y from 'yjs';
import { escapeHtml } from '../common/escape-html';

/** The XML fragment TipTap's Collaboration extension edits (its default `field`). */
export const DOCUMENT_FIELD = 'default';

export interface RenderedDocument {
  text: string;
  html: string;
  /** The heading each paragraph of `text` falls under, for saying which section an edit touched. */
  sections: { heading: string; text: string }[];
}

const BLOCK_TAGS: Record<string, string> = {
  paragraph: 'p',
  bulletList: 'ul',
  orderedList: 'ol',
  listItem: 'li',
  blockquote: 'blockquote',
  codeBlock: 'pre',
  table: 'table',
  tableRow: 'tr',
  tableHeader: 'th',
  tableCell: 'td',
  horizontalRule: 'hr',
  hardBreak: 'br',
};

/** Blocks that keep the direction the editor gave them (TipTap's `dir`: auto takes it from the block's own text). */
const DIRECTED_TAGS = ['p', 'h1', 'h2', 'h3', 'h4', 'li', 'blockquote'];
const DIRECTIONS = ['ltr', 'rtl', 'auto'];

/**
 * Plain text and sanitized HTML of a TipTap document held in Yjs, for search, exports and digests. The HTML is built
 * from escaped text and a fixed set of tags, then passed through sanitize-html all the same.
 */
export function renderDocument(doc: Y.Doc): RenderedDocument {
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  const blocks: { heading: string | null; text: string }[] = [];
  const html: string[] = [];
  // Walked with a stack, not recursion: a valid update may nest elements thousands deep.
  const stack: (Y.XmlElement | Y.XmlText | Y.XmlHook | string)[] = fragment.toArray().reverse();
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      html.push(item);
      continue;
    }
    if (item instanceof Y.XmlText) {
      html.push(renderText(item));
      continue;
    }
    if (!(item instanceof Y.XmlElement)) continue;
    const name = item.nodeName;
    let tag = BLOCK_TAGS[name];
    if (name === 'heading') {
      tag = `h${Math.min(4, Math.max(1, Number(item.getAttribute('level')) || 2))}`;
      blocks.push({ heading: plainText(item), text: '' });
    } else if (name === 'paragraph' || name === 'codeBlock') {
      blocks.push({ heading: null, text: plainText(item) });
    }
    if (tag === 'hr' || tag === 'br') {
      html.push(`<${tag}>`);
      continue;
    }
    if (tag) {
      const dir = item.getAttribute('dir');
      html.push(DIRECTED_TAGS.includes(tag) && dir !== undefined && DIRECTIONS.includes(dir) ? `<${tag} dir="${dir}">` : `<${tag}>`);
      stack.push(`</${tag}>`);
    }
    stack.push(...item.toArray().reverse());
  }
  const sections: RenderedDocument['sections'] = [];
  let current = { heading: '', text: [] as string[] };
  for (const block of blocks) {
    if (block.heading !== null) {
      if (current.heading || current.text.length) sections.push({ heading: current.heading, text: current.text.join('\n') });
      current = { heading: block.heading, text: [] };
    } else if (block.text) current.text.push(block.text);
  }
  if (current.heading || current.text.length) sections.push({ heading: current.heading, text: current.text.join('\n') });
  return {
    text: blocks
      .map((b) => b.heading ?? b.text)
      .filter(Boolean)
      .join('\n'),
    html: sanitizeHtml(html.join(''), {
      allowedTags: ['h1', 'h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'blockquote', 'pre', 'table', 'tr', 'th', 'td', 'hr', 'br', 'strong', 'em', 's', 'u', 'code', 'a'],
      allowedAttributes: {
        a: ['href'],
        ...Object.fromEntries(DIRECTED_TAGS.map((tag) => [tag, [{ name: 'dir', multiple: false, values: DIRECTIONS }]])),
      },
      allowedSchemes: ['http', 'https', 'mailto'],
    }),
    sections,
  };
}

function renderText(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown; attributes?: Record<string, { href?: unknown } | true> }[])
    .map(({ insert, attributes }) => {
      if (typeof insert !== 'string') return '';
      let html = escapeHtml(insert);
      if (attributes?.bold) html = `<strong>${html}</strong>`;
      if (attributes?.italic) html = `<em>${html}</em>`;
      if (attributes?.strike) html = `<s>${html}</s>`;
      if (attributes?.underline) html = `<u>${html}</u>`;
      if (attributes?.code) html = `<code>${html}</code>`;
      const link = attributes?.link;
      if (link && typeof link === 'object' && typeof link.href === 'string') html = `<a href="${escapeHtml(link.href)}">${html}</a>`;
      return html;
    })
    .join('');
}

/** The text inside an element, however deep. */
function plainText(node: Y.XmlElement): string {
  const parts: string[] = [];
  const stack: (Y.XmlElement | Y.XmlText | Y.XmlHook)[] = node.toArray().reverse();
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item instanceof Y.XmlText) {
      for (const { insert } of item.toDelta() as { insert: unknown }[]) if (typeof insert === 'string') parts.push(insert);
    } else if (item instanceof Y.XmlElement) {
      stack.push(...item.toArray().reverse());
    }
  }
  return parts.join('');
}

/** A document's initial content: a heading per section, then its paragraphs (for new and demo documents). */
export function writeSections(doc: Y.Doc, sections: { heading: string; paragraphs: string[] }[]): void {
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  doc.transact(() => {
    for (const section of sections) {
      const heading = new Y.XmlElement('heading');
      // A number, as TipTap writes it (a string would be taken as level 1); Yjs's types say attributes are strings.
      heading.setAttribute('level', 2 as unknown as string);
      heading.insert(0, [new Y.XmlText(section.heading)]);
      fragment.push([heading]);
      for (const paragraph of section.paragraphs) {
        const element = new Y.XmlElement('paragraph');
        element.insert(0, [new Y.XmlText(paragraph)]);
        fragment.push([element]);
      }
    }
  });
}
