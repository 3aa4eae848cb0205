import * as Y from 'yjs';
import { decodeAnchor, pointsIntoText } from './anchors';

const paragraphDoc = (text: string) => {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  doc.getXmlFragment('default').push([paragraph]);
  return doc;
};
const textOf = (doc: Y.Doc) => (doc.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText;
const encoded = (position: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(position)).toString('base64');

describe('anchors', () => {
  it('decodes a relative position of the text, which points into its own document only', () => {
    const doc = paragraphDoc('Progress in Malawi.');
    const other = paragraphDoc('Progress in Malawi.');
    const anchor = decodeAnchor(encoded(Y.createRelativePositionFromTypeIndex(textOf(doc), 12)));
    expect(anchor).not.toBeNull();
    expect(pointsIntoText(doc, anchor!)).toBe(true);
    // The same text typed in another document is other items: the position names nothing there.
    expect(pointsIntoText(other, anchor!)).toBe(false);
  });

  it('refuses what does not decode, and a position in another root type than the text', () => {
    expect(decodeAnchor('not base64!')).toBeNull();
    expect(decodeAnchor('')).toBeNull();
    const doc = paragraphDoc('Text.');
    const elsewhere = doc.getMap('other');
    elsewhere.set('x', 1);
    const notes = doc.getText('notes');
    notes.insert(0, 'Side notes');
    expect(pointsIntoText(doc, decodeAnchor(encoded(Y.createRelativePositionFromTypeIndex(notes, 3)))!)).toBe(false);
    expect(pointsIntoText(doc, decodeAnchor(encoded(Y.createRelativePositionFromTypeIndex(textOf(doc), 2)))!)).toBe(true);
  });
});
