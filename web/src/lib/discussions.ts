import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { DiscussionPerson, DiscussionThread, LiveNotification, Refusal, ThreadEvent } from '../../../src/collaboration/protocol';
import { api, query } from './api';
import { useSocket } from './live';

export type { DiscussionComment, DiscussionPerson, DiscussionThread } from '../../../src/collaboration/protocol';

/** A thread as the REST API gives it to this reader: with what they may do (the server decides). */
export interface ThreadView extends DiscussionThread {
  can: { resolve: boolean; setAction: boolean };
}

export interface ThreadList {
  items: ThreadView[];
  total: number;
  /** Why not `comment`: in English, and as a refusal said in the user's language (error-messages.ts refusalMessage). */
  can: { comment: boolean; setAction: boolean; closedReason?: string; closedRefusal?: Refusal };
}

/** Each kind of notification with its own parameters, as the list gives it (without the live event's count). */
type WithoutUnread<N> = N extends LiveNotification ? Omit<N, 'unread'> : never;
export type NotificationView = WithoutUnread<LiveNotification>;

export interface NotificationList {
  items: NotificationView[];
  total: number;
  unread: number;
}

export interface ActionItem {
  threadId: string;
  documentId: string;
  documentTitle: string;
  assigneeAgency: string;
  assigneeUser: DiscussionPerson | null;
  dueDate: string;
  done: boolean;
  overdue: boolean;
  quote: string | null;
  summary: string;
  url: string;
  /** Whether the reader may mark it done (its agency, or a reviewer of its document), as the server decides. */
  can: { complete: boolean };
}

export const useThreads = (documentId: string) =>
  useQuery({ queryKey: ['threads', documentId], queryFn: () => api.get<ThreadList>(`/documents/${documentId}/threads`) });

export const usePeople = (q: string | null) =>
  useQuery({
    queryKey: ['people', q],
    queryFn: () => api.get<{ items: DiscussionPerson[] }>(`/people${query({ q: q ?? '' })}`),
    enabled: q !== null,
    staleTime: 30_000,
  });

export const useNotifications = () => useQuery({ queryKey: ['notifications'], queryFn: () => api.get<NotificationList>('/me/notifications') });

export const useActionItems = (params: Record<string, string | undefined>) =>
  useQuery({ queryKey: ['action-items', params], queryFn: () => api.get<{ items: ActionItem[]; total: number }>(`/action-items${query(params)}`) });

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
