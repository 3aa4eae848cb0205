import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../lib/api';
import { type NotificationView, useLiveNotifications, useNotifications } from '../lib/discussions';
import { formatMoment, formatNumber } from '../lib/format';
import { useTranslation } from '../lib/i18n';
import { notificationText } from '../lib/notification-text';
import type { UnreadCount } from '../lib/types';

/** The header's bell: the unread count, live; the latest notifications; marking them read. */
export function NotificationBell() {
  const { t } = useTranslation();
  const notifications = useNotifications();
  useLiveNotifications();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const read = useMutation({
    mutationFn: (body: { ids: string[] } | { all: true }) => api.post<UnreadCount>('/me/notifications/read', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const unread = notifications.data?.unread ?? 0;
  const items = (notifications.data?.items ?? []).slice(0, 20);
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" trapFocus>
      <Indicator label={formatNumber(unread)} size={16} disabled={unread === 0} color="red" offset={4}>
        <Popover.Target>
          <ActionIcon variant="subtle" size="lg" onClick={() => setOpened((o) => !o)} aria-label={unread === 0 ? t('notifications.label') : t('notifications.labelUnread', { count: unread })}>
            <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2">
              <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
              <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
            </svg>
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown>
        <Group justify="space-between" mb="xs">
          <Text fw={600} size="sm">
            {t('notifications.label')}
          </Text>
          <Button size="compact-xs" variant="subtle" disabled={unread === 0} onClick={() => read.mutate({ all: true })}>
            {t('notifications.markAllRead')}
          </Button>
        </Group>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('notifications.none')}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={400}>
            <Stack gap={4}>
              {items.map((item) => (
                <UnstyledButton
                  key={item.id}
                  p={6}
                  style={{ borderRadius: 4, background: item.read ? undefined : 'var(--mantine-color-blue-0)' }}
                  onClick={() => {
                    if (!item.read) read.mutate({ ids: [item.id] });
                    setOpened(false);
                    void navigate(item.url);
                  }}
                >
                  <NotificationLines notification={item} />
                  <Text size="xs" c="dimmed">
                    {formatMoment(item.createdAt)}
                    {item.read ? '' : ` · ${t('notifications.unread')}`}
                  </Text>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

/** One notification in the reader's language: what happened, the document it is about, the words it quotes. */
function NotificationLines({ notification }: { notification: NotificationView }) {
  const text = notificationText(notification);
  return (
    <>
      <Text size="sm">{text.headline}</Text>
      {text.document && (
        <Text size="xs" fw={500}>
          {text.document}
        </Text>
      )}
      {text.excerpt && (
        <Text size="xs" c="dimmed" lineClamp={2}>
          {text.excerpt}
        </Text>
      )}
    </>
  );
}
