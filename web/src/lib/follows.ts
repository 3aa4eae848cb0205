import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';
import type { DigestPreferences, Follow, FollowPage } from './types';

export type { DigestPreferences, Follow } from './types';

export const useFollows = () => useQuery({ queryKey: ['follows'], queryFn: () => api.get<FollowPage>('/me/follows') });

export const useDigestPreferences = () => useQuery({ queryKey: ['digest-preferences'], queryFn: () => api.get<DigestPreferences>('/me/digest-preferences') });

/** Follow or unfollow a framework or commitment; answers the new list of follows. */
export function useSetFollow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ targetType, targetId, follow }: { targetType: Follow['targetType']; targetId: string; follow: boolean }) =>
      follow
        ? api.put<FollowPage>(`/me/follows/${targetType}s/${targetId}`, {})
        : api.delete<FollowPage>(`/me/follows/${targetType}s/${targetId}`),
    onSuccess: (follows) => queryClient.setQueryData(['follows'], follows),
  });
}
