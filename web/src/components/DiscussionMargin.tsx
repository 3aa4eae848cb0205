import { Alert, Badge, Button, Card, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Editor } from '@tiptap/react';
import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { api } from '../lib/api';
import { type ThreadView, useLiveThreads, useThreads } from '../lib/discussions';
import { refusalMessage } from '../lib/error-messages';
import { errorMessage } from '../lib/errors';
import { formatDate, formatMoment } from '../lib/format';
import { useTranslation } from '../lib/i18n';
import { anchorRange, commentHighlightsKey, selectionAnchor } from './comment-highlights';
import { Loading } from './Loading';

const CommentComposer = lazy(async () => ({ default: (await import('./CommentComposer')).CommentComposer }));
const ActionItemForm = lazy(async () => ({ default: (await import('./ActionItemForm')).ActionItemForm }));

interface Props {
  documentId: string;
  editor: Editor | null;
}

type Draft = { anchor?: { start: string; end: string }; quote?: string };

/** Space between two cards of the margin, in pixels. */
const GAP = 8;

/**
 * The comment margin beside a live document: its threads in the order of their text, the anchored ranges highlighted
 * in the editor, a "Comment" button for the selected text (view-only readers too: commenting never changes the
 * document), replies with @mentions, resolve and reopen where the server says the reader may.
 */
export function DiscussionMargin({ documentId, editor }: Props) {
  const { t } = useTranslation();
  const threads = useThreads(documentId);
  useLiveThreads(documentId);
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [active, setActive] = useState<string | null>(() => new URLSearchParams(window.location.search).get('thread'));
  const [showResolved, setShowResolved] = useState(false);
  const [selected, setSelected] = useState(false);
  const [, rerender] = useState(0);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['threads', documentId] });

  useEffect(() => {
    if (!editor) return;
    const onSelection = () => setSelected(!editor.state.selection.empty);
    const onUpdate = () => rerender((n) => n + 1);
    editor.on('selectionUpdate', onSelection);
    editor.on('update', onUpdate);
    return () => {
      editor.off('selectionUpdate', onSelection);
      editor.off('update', onUpdate);
    };
  }, [editor]);

  const items = threads.data?.items ?? [];
  const open = items.filter((thread) => thread.state === 'open');
  useEffect(() => {
    if (!editor || editor.isDestroyed) return;
    const anchors = open.flatMap((thread) => (thread.anchor ? [{ threadId: thread.id, ...thread.anchor, active: thread.id === active }] : []));
    editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, anchors));
    // Keyed on what the highlights show, not on the list object.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editor, active, open.map((thread) => `${thread.id}:${thread.anchor?.start ?? ''}`).join(',')]);

  const create = useMutation({
    mutationFn: (comment: { body: string; mentions: string[] }) => api.post<ThreadView>(`/documents/${documentId}/threads`, { ...draft, ...comment }),
    onSuccess: (thread) => {
      setDraft(null);
      setActive(thread.id);
      refresh();
    },
  });

  const position = (thread: ThreadView) => (thread.anchor && editor ? (anchorRange(editor.state, thread.anchor)?.from ?? Number.MAX_SAFE_INTEGER) : -1);
  const shown = (showResolved ? items : open).slice().sort((a, b) => position(a) - position(b));
  const can = threads.data?.can;

  // Each card lines up with its text where there is room: the space above it is what separates its text from the
  // previous card's bottom (cards never overlap; below the editor, on a narrow screen, they simply follow each other).
  const list = useRef<HTMLDivElement>(null);
  const cards = useRef(new Map<string, HTMLDivElement>());
  // Measured layout, written straight to the cards (no state: it would render again for what it just measured).
  useLayoutEffect(() => {
    if (!editor || editor.isDestroyed || !list.current) return;
    const top = list.current.getBoundingClientRect().top;
    let bottom = 0;
    for (const thread of shown) {
      const card = cards.current.get(thread.id);
      if (!card) continue;
      const range = thread.anchor ? anchorRange(editor.state, thread.anchor) : null;
      const wanted = range ? editor.view.coordsAtPos(range.from).top - top : bottom;
      const space = Math.max(0, Math.round(wanted - bottom));
      card.style.marginTop = `${space}px`;
      bottom += space + card.offsetHeight + GAP;
    }
  });

  return (
    <Stack gap="xs" component="section" aria-label={t('discussion.comments')}>
      <Group justify="space-between" gap="xs">
        <Title order={3} size="h5">
          {t('discussion.count', { count: open.length })}
        </Title>
        <Switch size="xs" label={t('discussion.showResolved')} checked={showResolved} onChange={(event) => setShowResolved(event.currentTarget.checked)} />
      </Group>
      {can && !can.comment && (
        <Alert color="gray" variant="light" py={6}>
          {refusalMessage(can.closedRefusal) ?? can.closedReason}
        </Alert>
      )}
      {can?.comment && !draft && (
        <Group gap="xs">
          <Button
            size="xs"
            disabled={!selected}
            title={selected ? undefined : t('discussion.selectToComment')}
            onClick={() => {
              const selection = editor && selectionAnchor(editor.state);
              if (selection) setDraft(selection);
            }}
          >
            {t('discussion.comment')}
          </Button>
          <Button size="xs" variant="light" onClick={() => setDraft({})}>
            {t('discussion.commentWhole')}
          </Button>
        </Group>
      )}
      {draft && (
        <Card withBorder padding="xs">
          <Text size="xs" c="dimmed" mb={4}>
            {draft.quote ? t('discussion.onQuote', { quote: draft.quote.slice(0, 120) }) : t('discussion.aboutWhole')}
          </Text>
          <Suspense fallback={<Loading size="xs" />}>
            <CommentComposer
              label={t('discussion.newComment')}
              submitLabel={t('discussion.comment')}
              autoFocus
              send={(comment) => create.mutateAsync(comment)}
              onCancel={() => setDraft(null)}
            />
          </Suspense>
        </Card>
      )}
      {threads.isSuccess && shown.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('discussion.none')}
        </Text>
      )}
      <div ref={list}>
      {shown.map((thread) => (
        <div
          key={thread.id}
          ref={(element) => {
            if (element) cards.current.set(thread.id, element);
            else cards.current.delete(thread.id);
          }}
          style={{ marginBottom: GAP }}
        >
        <ThreadCard
          thread={thread}
          active={thread.id === active}
          onDeletedText={Boolean(thread.anchor && editor && !anchorRange(editor.state, thread.anchor))}
          canReply={Boolean(can?.comment)}
          onActivate={() => {
            setActive(thread.id);
            const range = thread.anchor && editor ? anchorRange(editor.state, thread.anchor) : null;
            if (range && editor) editor.commands.setTextSelection(range);
          }}
          onChanged={refresh}
        />
        </div>
      ))}
      </div>
    </Stack>
  );
}

function ThreadCard({
  thread,
  active,
  onDeletedText,
  canReply,
  onActivate,
  onChanged,
}: {
  thread: ThreadView;
  active: boolean;
  onDeletedText: boolean;
  canReply: boolean;
  onActivate: () => void;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const reply = useMutation({
    mutationFn: (comment: { body: string; mentions: string[] }) => api.post(`/threads/${thread.id}/comments`, comment),
    onSuccess: onChanged,
  });
  const setState = useMutation({
    mutationFn: (to: 'resolve' | 'reopen') => api.post(`/threads/${thread.id}/${to}`),
    onSuccess: onChanged,
  });
  const [replying, setReplying] = useState(false);
  const [assigning, setAssigning] = useState(false);
  const clearAction = useMutation({ mutationFn: () => api.delete(`/threads/${thread.id}/action`), onSuccess: onChanged });
  return (
    <Card withBorder padding="xs" shadow={active ? 'sm' : undefined} style={active ? { borderColor: 'var(--mantine-color-orange-6)' } : undefined} data-thread-id={thread.id}>
      <Stack gap={6}>
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Button variant="subtle" size="compact-xs" onClick={onActivate}>
            {thread.anchor ? (onDeletedText ? t('discussion.onDeletedText') : t('discussion.showInText')) : t('discussion.wholeDocument')}
          </Button>
          <Group gap={4}>
            {thread.state === 'resolved' && <Badge color="teal" variant="light">{t('discussion.resolved')}</Badge>}
            {thread.action && (
              <Badge color={thread.action.done ? 'teal' : 'orange'} variant="light">
                {t('discussion.action', { agency: thread.action.assigneeAgency, due: formatDate(thread.action.dueDate), done: thread.action.done })}
              </Badge>
            )}
          </Group>
        </Group>
        {thread.quote && (
          <Text size="xs" c="dimmed" fs="italic" td={onDeletedText ? 'line-through' : undefined}>
            “{thread.quote}”
          </Text>
        )}
        {thread.comments.map((comment) => (
          <div key={comment.id}>
            <Text size="xs" fw={600}>
              {comment.author.displayName} <Text span size="xs" c="dimmed">{comment.author.agencyCode} · {formatMoment(comment.createdAt)}{comment.editedAt ? ` · ${t('discussion.edited')}` : ''}</Text>
            </Text>
            {comment.deleted ? (
              <Text size="sm" c="dimmed" fs="italic">
                {t('discussion.deleted')}
              </Text>
            ) : (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {comment.body}
              </Text>
            )}
          </div>
        ))}
        <Group gap="xs" justify="flex-end">
          {canReply && !replying && (
            <Button size="compact-xs" variant="light" onClick={() => setReplying(true)}>
              {t('discussion.reply')}
            </Button>
          )}
          {thread.can.setAction && !assigning && (!thread.action || thread.action.done) && (
            <Button size="compact-xs" variant="light" color="orange" onClick={() => setAssigning(true)}>
              {t('discussion.makeAction')}
            </Button>
          )}
          {thread.can.setAction && thread.action && !thread.action.done && (
            <Button size="compact-xs" variant="subtle" color="gray" loading={clearAction.isPending} onClick={() => clearAction.mutate()}>
              {t('discussion.removeAction')}
            </Button>
          )}
          {thread.can.resolve && (
            <Button size="compact-xs" variant="light" color={thread.state === 'open' ? 'teal' : 'gray'} loading={setState.isPending} onClick={() => setState.mutate(thread.state === 'open' ? 'resolve' : 'reopen')}>
              {thread.state === 'open' ? t('discussion.resolve') : t('discussion.reopen')}
            </Button>
          )}
        </Group>
        {clearAction.error && (
          <Text size="xs" c="red" role="alert">
            {errorMessage(clearAction.error)}
          </Text>
        )}
        {assigning && (
          <Suspense fallback={<Loading size="xs" />}>
            <ActionItemForm
              threadId={thread.id}
              onDone={() => {
                setAssigning(false);
                onChanged();
              }}
              onCancel={() => setAssigning(false)}
            />
          </Suspense>
        )}
        {replying && (
          <Suspense fallback={<Loading size="xs" />}>
            <CommentComposer
              label={t('discussion.reply')}
              submitLabel={t('discussion.reply')}
              autoFocus
              send={async (comment) => {
                await reply.mutateAsync(comment);
                setReplying(false);
              }}
              onCancel={() => setReplying(false)}
            />
          </Suspense>
        )}
      </Stack>
    </Card>
  );
}
