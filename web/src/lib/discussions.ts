import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ThreadEvent } from '../../../src/collaboration/protocol';
import { api, query } from './api';
import { useSocket } from './live';
import type { ActionItemPage, NotificationList, PeopleSearch, ThreadList } from './types';

export type { DiscussionComment, DiscussionPerson, DiscussionThread } from '../../../src/collaboration/protocol';

export type { ActionItem, NotificationList, NotificationView, ThreadList, ThreadView } from './types';

export const useThreads = (documentId: string) =>
  useQuery({ queryKey: ['threads', documentId], queryFn: () => api.get<ThreadList>(`/documents/${documentId}/threads`) });

export const usePeople = (q: string | null) =>
  useQuery({
    queryKey: ['people', q],
    queryFn: () => api.get<PeopleSearch>(`/people${query({ q: q ?? '' })}`),
    enabled: q !== null,
    staleTime: 30_000,
  });

export const useNotifications = () => useQuery({ queryKey: ['notifications'], queryFn: () => api.get<NotificationList>('/me/notifications') });

export const useActionItems = (params: Record<string, string | undefined>) =>
  useQuery({ queryKey: ['action-items', params], queryFn: () => api.get<ActionItemPage>(`/action-items${query(params)}`) });

/** Threads of this document change live: another reader's comment refreshes the margin without a reload. */
export function useLiveThreads(documentId: string): void {
  const socket = useSocket();
  const queryClient = useQueryClient();
  useEffect(() => {
    const handle = (event: ThreadEvent) => {
      if (event.documentId === documentId) void queryClient.invalidateQueries({ queryKey: ['threads', documentId] });
    };
    socket.on('thread', handle);
    return () => void socket.off('thread', handle);
  }, [socket, queryClient, documentId]);
}

/** The bell's count follows new notifications live. */
export function useLiveNotifications(): void {
  const socket = useSocket();
  const queryClient = useQueryClient();
  useEffect(() => {
    const handle = () => void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    socket.on('notification', handle);
    return () => void socket.off('notification', handle);
  }, [socket, queryClient]);
}
