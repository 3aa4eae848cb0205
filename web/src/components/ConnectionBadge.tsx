import { Badge } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from '../lib/i18n';
import { useSocket } from '../lib/live';

/** Whether live updates are flowing. */
export function ConnectionBadge() {
  const { t } = useTranslation();
  const socket = useSocket();
  const [connected, setConnected] = useState(socket.connected);
  useEffect(() => {
    const on = () => setConnected(true);
    const off = () => setConnected(false);
    socket.on('connect', on);
    socket.on('disconnect', off);
    return () => {
      socket.off('connect', on);
      socket.off('disconnect', off);
    };
  }, [socket]);
  return (
    <Badge color={connected ? 'teal' : 'orange'} variant="light" visibleFrom="xs" aria-live="polite">
      {connected ? t('connection.live') : t('connection.reconnecting')}
    </Badge>
  );
}
