import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';

/** A thread's anchor as the margin hands it to the editor: base64 relative positions (docs/collaboration-protocol.md). */
export interface HighlightedAnchor {
  threadId: string;
  start: string;
  end: string;
  active: boolean;
}

export const commentHighlightsKey = new PluginKey<HighlightedAnchor[]>('commentHighlights');

const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

type Mapping = Parameters<typeof relativePositionToAbsolutePosition>[3];

interface SyncState {
  doc: Y.Doc;
  type: Y.XmlFragment;
  binding: { mapping: Mapping } | null;
}

function syncState(state: EditorState): SyncState | null {
  const sync = ySyncPluginKey.getState(state) as SyncState | undefined;
  return sync?.binding ? sync : null;
}

/** Where an anchor is in the editor now (ProseMirror positions); null when its text was deleted or not rendered yet. */
export function anchorRange(state: EditorState, anchor: { start: string; end: string }): { from: number; to: number } | null {
  const sync = syncState(state);
  if (!sync?.binding) return null;
  try {
    const from = relativePositionToAbsolutePosition(sync.doc, sync.type, Y.decodeRelativePosition(fromBase64(anchor.start)), sync.binding.mapping);
    const to = relativePositionToAbsolutePosition(sync.doc, sync.type, Y.decodeRelativePosition(fromBase64(anchor.end)), sync.binding.mapping);
    return from !== null && to !== null && from < to ? { from, to } : null;
  } catch {
    return null;
  }
}

/** The selection as a thread's anchor and quote; null when nothing is selected. */
export function selectionAnchor(state: EditorState): { anchor: { start: string; end: string }; quote: string } | null {
  const sync = syncState(state);
  const { from, to, empty } = state.selection;
  if (!sync?.binding || empty) return null;
  const start = absolutePositionToRelativePosition(from, sync.type, sync.binding.mapping) as Y.RelativePosition;
  const end = absolutePositionToRelativePosition(to, sync.type, sync.binding.mapping) as Y.RelativePosition;
  return {
    anchor: { start: toBase64(Y.encodeRelativePosition(start)), end: toBase64(Y.encodeRelativePosition(end)) },
    quote: state.doc.textBetween(from, to, ' ').slice(0, 2_000),
  };
}

/**
 * The ranges open threads are anchored to, drawn as editor decorations (never marks: the document is not changed).
 * The margin sets the anchors with `tr.setMeta(commentHighlightsKey, anchors)`; positions are resolved afresh from the
 * relative positions on every change, so a highlight follows its text whoever edits it.
 */
export const CommentHighlights = Extension.create({
  name: 'commentHighlights',
  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightedAnchor[]>({
        key: commentHighlightsKey,
        state: {
          init: () => [],
          apply: (tr, anchors) => (tr.getMeta(commentHighlightsKey) as HighlightedAnchor[] | undefined) ?? anchors,
        },
        props: {
          decorations(state) {
            const anchors = commentHighlightsKey.getState(state) ?? [];
            const decorations = anchors.flatMap((anchor) => {
              const range = anchorRange(state, anchor);
              return range
                ? [Decoration.inline(range.from, range.to, { class: anchor.active ? 'comment-highlight comment-highlight--active' : 'comment-highlight', 'data-thread-id': anchor.threadId })]
                : [];
            });
            return DecorationSet.create(state.doc, decorations);
          },
        },
      }),
    ];
  },
});
