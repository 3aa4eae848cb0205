import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { io } from 'socket.io-client';
import type { CollabSocket } from '../../../src/collaboration/client/collab-provider';
import type { LiveChange } from '../../../src/collaboration/protocol';

const SocketContext = createContext<CollabSocket | null>(null);

/** One socket.io connection for the whole app: live documents and live dashboards share it. */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [socket] = useState<CollabSocket>(() => io('/collab', { transports: ['websocket'], withCredentials: true, autoConnect: false }));
  // Connected by the effect, so that React's development double mount disconnects and connects again.
  useEffect(() => {
    socket.connect();
    return () => void socket.disconnect();
  }, [socket]);
  return <SocketContext.Provider value={socket}>{children}</SocketContext.Provider>;
}

export function useSocket(): CollabSocket {
  const socket = useContext(SocketContext);
  if (!socket) throw new Error('useSocket outside LiveProvider');
  return socket;
}

/**
 * Follows the live changes of these frameworks: every change another user makes refreshes what the page shows,
 * without a reload. Calls `onChange` too, for pages that show the change itself.
 */
export function useLiveChanges(frameworkIds: string[], onChange?: (change: LiveChange) => void): void {
  const socket = useSocket();
  const queryClient = useQueryClient();
  const key = [...frameworkIds].sort().join(',');
  useEffect(() => {
    const ids = key ? key.split(',') : [];
    const watch = () => ids.forEach((id) => socket.emit('watch', id, () => undefined));
    const handle = (change: LiveChange) => {
      if (!change.frameworkId || !ids.includes(change.frameworkId)) return;
      void queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'session' });
      onChange?.(change);
    };
    watch();
    socket.on('connect', watch);
    socket.on('change', handle);
    return () => {
      socket.off('connect', watch);
      socket.off('change', handle);
      ids.forEach((id) => socket.emit('unwatch', id));
    };
    // onChange is read fresh on each event through the closure of the latest render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [socket, queryClient, key]);
}
