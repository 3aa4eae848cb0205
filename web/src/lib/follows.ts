import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './api';

export interface Follow {
  targetType: 'framework' | 'commitment';
  targetId: string;
  label: string;
  reason: 'follows' | 'agency_leads' | 'agency_contributes';
}

export interface DigestPreferences {
  frequency: 'off' | 'daily' | 'weekly';
  hour: number;
  timeZone: string;
}

export const useFollows = () => useQuery({ queryKey: ['follows'], queryFn: () => api.get<{ items: Follow[]; total: number }>('/me/follows') });

export const useDigestPreferences = () => useQuery({ queryKey: ['digest-preferences'], queryFn: () => api.get<DigestPreferences>('/me/digest-preferences') });

/** Follow or unfollow a framework or commitment; answers the new list of follows. */
export function useSetFollow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ targetType, targetId, follow }: { targetType: Follow['targetType']; targetId: string; follow: boolean }) =>
      follow
        ? api.put<{ items: Follow[] }>(`/me/follows/${targetType}s/${targetId}`, {})
        : api.delete<{ items: Follow[] }>(`/me/follows/${targetType}s/${targetId}`),
    onSuccess: (follows) => queryClient.setQueryData(['follows'], follows),
  });
}
