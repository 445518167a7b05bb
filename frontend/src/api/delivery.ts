/** TRG meetings and work groups: what specialists deliver. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components, paths } from './schema';

export type TrgMeeting = components['schemas']['TrgMeetingRead'];
export type TrgMeetingKind = components['schemas']['TrgMeetingKind'];
export type TrgMeetingFilters = NonNullable<paths['/api/v1/trg-meetings']['get']['parameters']['query']>;
export type WorkGroup = components['schemas']['WorkGroupRead'];
export type WorkGroupPhase = components['schemas']['WorkGroupPhase'];
export type WorkGroupStatus = components['schemas']['WorkGroupStatus'];
export type WorkGroupFilters = NonNullable<paths['/api/v1/work-groups']['get']['parameters']['query']>;
export type DeliveryMode = components['schemas']['DeliveryMode'];


export const trgMeetingKeys = {
  all: ['trg-meetings'] as const,
  lists: () => [...trgMeetingKeys.all, 'list'] as const,
  list: (filters: TrgMeetingFilters) => [...trgMeetingKeys.lists(), filters] as const,
  detail: (id: string) => [...trgMeetingKeys.all, 'one', id] as const,
};

export const workGroupKeys = {
  all: ['work-groups'] as const,
  lists: () => [...workGroupKeys.all, 'list'] as const,
  list: (filters: WorkGroupFilters) => [...workGroupKeys.lists(), filters] as const,
  search: (term: string) => [...workGroupKeys.all, 'search', term] as const,
  detail: (id: string) => [...workGroupKeys.all, 'one', id] as const,
  session: (id: string, sessionId: string) => [...workGroupKeys.detail(id), 'sessions', sessionId] as const,
};

export function useTrgMeetings(filters: TrgMeetingFilters) {
  return useQuery({
    queryKey: trgMeetingKeys.list(filters),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/trg-meetings', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useWorkGroups(filters: WorkGroupFilters) {
  return useQuery({
    queryKey: workGroupKeys.list(filters),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/work-groups', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}
