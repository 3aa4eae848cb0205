import { useQueries, useQuery } from '@tanstack/react-query';
import { api, query } from './api';
import type { AccountabilityGrid, ActivityReport, ActivityReportPage, AgencyPage, ChangePage, Commitment, CommitmentPage, CyclePage, Framework, FrameworkPage, IndicatorValuePage } from './types';

/** The agencies (200 at most: the UN system has fewer). */
export const useAgencies = (enabled = true) => useQuery({ queryKey: ['agencies'], queryFn: () => api.get<AgencyPage>('/agencies?limit=200'), enabled });

export const useFrameworks = () => useQuery({ queryKey: ['frameworks'], queryFn: () => api.get<FrameworkPage>('/frameworks?limit=200') });

export const useFramework = (id: string) => useQuery({ queryKey: ['framework', id], queryFn: () => api.get<Framework>(`/frameworks/${id}`) });

export const useCommitments = (params: Record<string, string | number | undefined>) =>
  useQuery({ queryKey: ['commitments', params], queryFn: () => api.get<CommitmentPage>(`/commitments${query(params)}`) });

export const useCommitment = (id: string) => useQuery({ queryKey: ['commitment', id], queryFn: () => api.get<Commitment>(`/commitments/${id}`) });

export const useCycles = (frameworkId: string | undefined) =>
  useQuery({
    queryKey: ['cycles', frameworkId],
    queryFn: () => api.get<CyclePage>(`/cycles${query({ frameworkId, limit: 200 })}`),
    enabled: Boolean(frameworkId),
  });

export const useAccountability = (frameworkId: string, cycleId?: string) =>
  useQuery({
    queryKey: ['accountability', frameworkId, cycleId ?? 'current'],
    queryFn: () => api.get<AccountabilityGrid>(`/frameworks/${frameworkId}/accountability${query({ cycleId })}`),
  });

/** The current cycle's grid of every framework, for the dashboard. */
export const useAllAccountability = (frameworks: Framework[]) =>
  useQueries({
    queries: frameworks.map((framework) => ({
      queryKey: ['accountability', framework.id, 'current'],
      queryFn: () => api.get<AccountabilityGrid>(`/frameworks/${framework.id}/accountability`),
      retry: false,
    })),
  });

export const useActivityReports = (params: Record<string, string | number | undefined>) =>
  useQuery({ queryKey: ['activity-reports', params], queryFn: () => api.get<ActivityReportPage>(`/activity-reports${query(params)}`) });

export const useActivityReport = (id: string) =>
  useQuery({ queryKey: ['activity-report', id], queryFn: () => api.get<ActivityReport>(`/activity-reports/${id}`) });

export const useIndicatorValues = (indicatorId: string) =>
  useQuery({ queryKey: ['indicator-values', indicatorId], queryFn: () => api.get<IndicatorValuePage>(`/indicators/${indicatorId}/values?limit=200`) });

export const useChanges = (params: Record<string, string | number | undefined>) =>
  useQuery({ queryKey: ['changes', params], queryFn: () => api.get<ChangePage>(`/changes${query({ order: 'desc', limit: 30, ...params })}`) });
