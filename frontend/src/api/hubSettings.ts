/** A hub's money settings: how meeting time maps to release days, the grant threshold, and whether payment waits for the head. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { etagOf, ifMatch } from './http';
import type { components } from './schema';
export type HubSettings = components['schemas']['HubSettings'];
export type HubSettingsUpdate = components['schemas']['HubSettingsUpdate'];

export const hubSettingsKeys = {
  all: ['hub-settings'] as const,
  detail: (hubId: string) => [...hubSettingsKeys.all, hubId] as const,
};

/** The settings with the ETag they were read at (the change sends it back as If-Match). */
export function useHubSettings(hubId: string | null) {
  return useQuery({
    queryKey: hubSettingsKeys.detail(hubId ?? ''),
    queryFn: async ({ signal }) => {
      const result = await api.GET('/api/v1/hubs/{hub_id}/settings', { params: { path: { hub_id: hubId ?? '' } }, signal });
      return { settings: unwrap(result), etag: etagOf(result) };
    },
    enabled: Boolean(hubId),
    staleTime: 0,
  });
}

/** Change the settings at the version read; 412 if someone changed them meanwhile. */
export function useUpdateHubSettings(hubId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, etag }: { body: HubSettingsUpdate; etag: string | null }) =>
      unwrap(
        await api.PATCH('/api/v1/hubs/{hub_id}/settings', {
          params: { path: { hub_id: hubId }, header: ifMatch(etag) },
          body,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: hubSettingsKeys.detail(hubId) }),
  });
}
