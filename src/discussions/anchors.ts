import * as Y from 'yjs';

/** The fragment TipTap (y-prosemirror) keeps a document's text in. */
export const TEXT_FRAGMENT = 'default';

/** A base64 relative position, decoded; null when the bytes are not one. */
export function decodeAnchor(base64: string): Y.RelativePosition | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return null;
  try {
    const position = Y.decodeRelativePosition(new Uint8Array(Buffer.from(base64, 'base64')));
    // A relative position names an item, a type by id, or a root type by name; decoding garbage gives none of them.
    if (position.item === null && position.type === null && position.tname === null) return null;
    return position;
  } catch {
    return null;
  }
}

/**
 * Whether the position points into `doc`'s text: the item (or type) it names exists in this document, and lies in
 * its `default` fragment. A position made in another document names items this one never had.
 */
export function pointsIntoText(doc: Y.Doc, position: Y.RelativePosition): boolean {
  if (position.tname !== null && position.tname !== TEXT_FRAGMENT) return false;
  for (const id of [position.item, position.type]) {
    if (id && Y.getState(doc.store, id.client) <= id.clock) return false;
  }
  const fragment = doc.getXmlFragment(TEXT_FRAGMENT);
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc);
  if (!absolute) return false;
  let type: Y.AbstractType<unknown> | null = absolute.type;
  while (type && type !== fragment) type = type._item?.parent instanceof Y.AbstractType ? type._item.parent : null;
  return type === fragment;
}
