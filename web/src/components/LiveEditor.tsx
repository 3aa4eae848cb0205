import { Alert, Avatar, Badge, Group, Paper, Text, Tooltip } from '@mantine/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { TableKit } from '@tiptap/extension-table';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useMemo, useState } from 'react';
import * as Y from 'yjs';
import { CollabProvider } from '../../../src/collaboration/client/collab-provider';
import { type PresenceUser, presenceColor } from '../../../src/collaboration/protocol';
import { useSocket } from '../lib/live';
import { useSession } from '../lib/session';

interface Props {
  documentId: string;
  /** What the document is, for its accessible name ("Live report of BPoA-4"). */
  label: string;
}

/**
 * A live document: TipTap over Yjs, synced through Concert's socket protocol, with the carets and names of the
 * others in it, a read-only mode that says why, and the state of the connection.
 */
export function LiveEditor({ documentId, label }: Props) {
  const socket = useSocket();
  const session = useSession();
  const [doc] = useState(() => new Y.Doc());
  const provider = useMemo(() => new CollabProvider(socket, documentId, doc), [socket, documentId, doc]);
  const [, rerender] = useState(0);
  const [present, setPresent] = useState<PresenceUser[]>([]);

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
        StarterKit.configure({ undoRedo: false }),
        TableKit,
        Collaboration.configure({ document: doc, field: 'default' }),
        // The server replaces name and colour with its own record of the user; these are the same values.
        CollaborationCaret.configure({ provider, user: { name: session.user.displayName, color: presenceColor(session.user.id) } }),
      ],
      editable: false,
      editorProps: { attributes: { 'aria-label': label, role: 'textbox', 'aria-multiline': 'true' } },
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
      : provider.status === 'offline' && provider.pending > 0
        ? { color: 'orange', text: 'Offline: edits pending' }
        : provider.status === 'offline'
          ? { color: 'orange', text: 'Reconnecting…' }
          : provider.status === 'synced'
            ? provider.pending > 0
              ? { color: 'blue', text: 'Saving…' }
              : { color: 'teal', text: 'Saved' }
            : { color: 'gray', text: 'Connecting…' };

  return (
    <Paper withBorder>
      <Group justify="space-between" px="sm" py={6} bg="gray.0" wrap="wrap" gap="xs">
        <Group gap={6} aria-label="People in this document">
          {present.map((user) => (
            <Tooltip key={user.userId} label={`${user.name} (${user.agency})`}>
              <Avatar size="sm" color={user.color} variant="filled" radius="xl" aria-label={`${user.name}, ${user.agency}`}>
                {user.agency.slice(0, 3)}
              </Avatar>
            </Tooltip>
          ))}
          {present.length === 1 && (
            <Text size="xs" c="dimmed">
              Nobody else is here
            </Text>
          )}
        </Group>
        <Badge color={connection.color} variant="light" aria-live="polite">
          {connection.text}
        </Badge>
      </Group>
      {provider.access === 'view' && (
        <Alert color="gray" variant="light" radius={0} py={6} role="status">
          {provider.readOnlyReason ?? 'You are viewing this document.'}
        </Alert>
      )}
      {provider.status === 'refused' && (
        <Alert color="red" variant="light" radius={0} role="alert">
          {provider.lastError?.message ?? 'This document cannot be opened.'}
        </Alert>
      )}
      <EditorContent editor={editor} />
    </Paper>
  );
}
