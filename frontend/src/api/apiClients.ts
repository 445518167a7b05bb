import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components, paths } from './schema';
export type ApiClient = components['schemas']['ApiClientRead'];
export type ApiClientCreate = components['schemas']['ApiClientCreate'];
export type ApiClientCreated = components['schemas']['ApiClientCreated'];
export type Scope = ApiClientCreate['scopes'][number];
export type ApiClientFilters = NonNullable<paths['/api/v1/api-clients']['get']['parameters']['query']>;


export const apiClientKeys = {
  all: ['api-clients'] as const,
  list: (filters: ApiClientFilters) => [...apiClientKeys.all, 'list', filters] as const,
};

export function useApiClients(filters: ApiClientFilters) {
  return useQuery({
    queryKey: apiClientKeys.list(filters),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/api-clients', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** The answer carries `client_secret`, shown once: it is never cached or fetched again. */
export function useCreateApiClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ApiClientCreate) => unwrap(await api.POST('/api/v1/api-clients', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: apiClientKeys.all }),
  });
}

export function useRevokeApiClient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => {
      unwrap(await api.DELETE('/api/v1/api-clients/{api_client_id}', { params: { path: { api_client_id: id } } }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiClientKeys.all }),
  });
}
