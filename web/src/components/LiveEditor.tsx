import { Alert, Avatar, Badge, Grid, Group, Paper, Text, Tooltip } from '@mantine/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TableKit } from '@tiptap/extension-table';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useMemo, useState } from 'react';
import * as Y from 'yjs';
import { CollabProvider } from '../../../src/collaboration/client/collab-provider';
import { type PresenceUser, presenceColor } from '../../../src/collaboration/protocol';
import { collabErrorMessage, refusalMessage } from '../lib/error-messages';
import { useTranslation } from '../lib/i18n';
import { useSocket } from '../lib/live';
import { useSession } from '../lib/session';
import { CommentHighlights } from './comment-highlights';
import { DiscussionMargin } from './DiscussionMargin';
import { isAllowedLinkHref } from './editor-links';
import { EditorToolbar } from './EditorToolbar';
import './LiveEditor.css';

interface Props {
  documentId: string;
  /** What the document is, for its accessible name ("Live report of BPoA-4"). */
  label: string;
}

/**
 * A live document: TipTap over Yjs, synced through Concert's socket protocol, with the carets and names of the
 * others in it, a formatting toolbar for those who may edit, a read-only mode that says why, and the state of the
 * connection.
 */
export function LiveEditor({ documentId, label }: Props) {
  const { t } = useTranslation();
  const socket = useSocket();
  const session = useSession();
  const [doc] = useState(() => new Y.Doc());
  const provider = useMemo(() => new CollabProvider(socket, documentId, doc), [socket, documentId, doc]);
  const [, rerender] = useState(0);
  const [present, setPresent] = useState<PresenceUser[]>([]);
  const [linkPromptOpen, setLinkPromptOpen] = useState(false);

  useEffect(() => {
    const stop = provider.onChange(() => rerender((n) => n + 1));
    const onAwareness = () => {
      const users = new Map<string, PresenceUser>();
      users.set(session.user.id, { userId: session.user.id, name: `${session.user.displayName} (you)`, agency: session.agency.code, color: presenceColor(session.user.id) });
      for (const state of provider.awareness.getStates().values()) {
        const user = (state as { user?: PresenceUser }).user;
        if (user?.userId && user.userId !== session.user.id) users.set(user.userId, user);
      }
      setPresent([...users.values()]);
    };
    onAwareness();
    provider.awareness.on('change', onAwareness);
    return () => {
      stop();
      provider.awareness.off('change', onAwareness);
      provider.destroy();
    };
  }, [provider, session]);

  useEffect(() => () => doc.destroy(), [doc]);

  const editor = useEditor(
    {
      extensions: [
        // Undo and redo are the collaboration extension's (this person's own changes only), not StarterKit's history.
        StarterKit.configure({
          undoRedo: false,
          link: {
            // In the editor a click places the caret; read-only, the link is a plain anchor the browser follows.
            openOnClick: false,
            // Typed, pasted and received links alike: web and email addresses only.
            isAllowedUri: (url) => isAllowedLinkHref(url),
            shouldAutoLink: (url) => isAllowedLinkHref(url),
          },
        }),
        TableKit,
        Collaboration.configure({ document: doc, field: 'default' }),
        // The server replaces name and colour with its own record of the user; these are the same values.
        CollaborationCaret.configure({ provider, user: { name: session.user.displayName, color: presenceColor(session.user.id) } }),
        CommentHighlights,
      ],
      // Each paragraph, heading and list item takes its direction from its own text (dir="auto"): an Arabic paragraph
      // reads right to left, an English quotation beside it left to right, whatever the interface's language.
      textDirection: 'auto',
      editable: false,
      editorProps: {
        attributes: { 'aria-label': label, role: 'textbox', 'aria-multiline': 'true' },
        handleKeyDown: (view, event) => {
          const modifier = event.ctrlKey || event.metaKey;
          if (!view.editable || !modifier || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'k') return false;
          event.preventDefault();
          setLinkPromptOpen(true);
          return true;
        },
      },
    },
    [provider],
  );

  const canEdit = provider.access === 'edit' && provider.status === 'synced';
  useEffect(() => {
    editor?.setEditable(canEdit);
    editor?.view.dom.setAttribute('aria-readonly', String(!canEdit));
  }, [editor, canEdit]);

  const connection =
    provider.status === 'refused'
      ? { color: 'red', text: 'Cannot open' }
      : provider.status === 'offline' && !provider.saved
        ? { color: 'orange', text: 'Offline: edits pending' }
        : provider.status === 'offline'
          ? { color: 'orange', text: 'Reconnecting…' }
          : provider.status === 'synced'
            ? !provider.saved
              ? { color: 'blue', text: t('editor.saving') }
              : { color: 'teal', text: t('common.saved') }
            : { color: 'gray', text: t('editor.connecting') };

  return (
    <Grid>
      <Grid.Col span={{ base: 12, lg: 8 }}>
    <Paper withBorder>
      <Group justify="space-between" px="sm" py={6} bg="gray.0" wrap="wrap" gap="xs">
        <Group gap={6} aria-label={t('editor.people')}>
          {present.map((user) => (
            <Tooltip key={user.userId} label={`${user.name} (${user.agency})`}>
              <Avatar size="sm" color={user.color} variant="filled" radius="xl" aria-label={`${user.name}, ${user.agency}`}>
                {user.agency.slice(0, 3)}
              </Avatar>
            </Tooltip>
          ))}
          {present.length === 1 && (
            <Text size="xs" c="dimmed">
              {t('editor.alone')}
            </Text>
          )}
        </Group>
        <Badge color={connection.color} variant="light" aria-live="polite">
          {connection.text}
        </Badge>
      </Group>
      {provider.access === 'view' && (
        <Alert color="gray" variant="light" radius={0} py={6} role="status">
          {refusalMessage(provider.readOnlyRefusal) ?? provider.readOnlyReason ?? 'You are viewing this document.'}
        </Alert>
      )}
      {provider.status === 'refused' && (
        <Alert color="red" variant="light" radius={0} role="alert">
          {provider.lastError ? collabErrorMessage(provider.lastError) : 'This document cannot be opened.'}
        </Alert>
      )}
      {/* The access the server gave: view-only members get no toolbar. */}
      {provider.access === 'edit' && (
        <EditorToolbar editor={editor} disabled={!canEdit} linkPromptOpen={linkPromptOpen} onLinkPromptChange={setLinkPromptOpen} />
      )}
      <EditorContent editor={editor} />
    </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 4 }}>
        <DiscussionMargin documentId={documentId} editor={editor} />
      </Grid.Col>
    </Grid>
  );
}
