import { schoolKeys } from './schools';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components, paths } from './schema';
export type Hub = components['schemas']['HubRead'];
export type HubCreate = components['schemas']['HubCreate'];
export type HubFilters = NonNullable<paths['/api/v1/hubs']['get']['parameters']['query']>;


export const hubKeys = {
  all: ['hubs'] as const,
  list: (filters: HubFilters) => [...hubKeys.all, 'list', filters] as const,
  names: () => [...hubKeys.all, 'names'] as const,
  detail: (id: string) => [...hubKeys.all, 'one', id] as const,
  areas: (id: string | undefined) => [...hubKeys.all, 'areas', id] as const,
};

export function useHubs(filters: HubFilters) {
  return useQuery({
    queryKey: hubKeys.list(filters),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/hubs', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}

/**
 * Hub names for labelling other lists (which carry only `hub_id`). England has about 40 hubs,
 * so one page of 200 holds them all; a hub beyond it is shown by its id rather than guessed.
 */
export function useHubNames(enabled = true) {
  const hubs = useQuery({
    queryKey: hubKeys.names(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/hubs', { params: { query: { limit: 200 } }, signal })),
    staleTime: 10 * 60_000,
    enabled,
  });
  const names = new Map((hubs.data?.items ?? []).map((hub) => [hub.id, hub.name]));
  return { hubs, nameOf: (id: string | null | undefined) => (id ? (names.get(id) ?? id) : null) };
}

export function useCreateHub() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: HubCreate) => unwrap(await api.POST('/api/v1/hubs', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: hubKeys.all }),
  });
}

export type HubAreasReplaced = components['schemas']['HubAreasReplaced'];
export type LocalAuthority = components['schemas']['LocalAuthority'];

export function useHub(id: string) {
  return useQuery({
    queryKey: hubKeys.detail(id),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/hubs/{hub_id}', { params: { path: { hub_id: id } }, signal })),
  });
}

/** The LAs in a hub's area, with their GIAS names. */
export function useHubAreas(hubId: string | undefined) {
  return useQuery({
    queryKey: hubKeys.areas(hubId),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/hubs/{hub_id}/areas', { params: { path: { hub_id: hubId ?? '' } }, signal })),
    enabled: hubId !== undefined,
  });
}

/** Replace the hub's area; the answer says how many schools changed hub with it. */
export function useReplaceHubAreas(hubId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (laCodes: string[]) =>
      unwrap(await api.PUT('/api/v1/hubs/{hub_id}/areas', { params: { path: { hub_id: hubId } }, body: { la_codes: laCodes } })),
    onSuccess: (replaced) => {
      queryClient.setQueryData(hubKeys.areas(hubId), { hub_id: replaced.hub_id, la_codes: replaced.la_codes, areas: replaced.areas });
      // Schools that followed their LA now show another hub.
      return queryClient.invalidateQueries({ queryKey: schoolKeys.all });
    },
  });
}
