/** TRG meetings (backend trg_meetings): the list, one meeting read with its version (ETag), record, change (If-Match) and delete. */
import { useMutation, useQuery, useQueryClient, keepPreviousData } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { idempotent, ifMatch, etagOf } from './http';
import type { components, paths } from './schema';

export type TrgMeetingCreate = components['schemas']['TrgMeetingCreate'];
export type TrgMeetingUpdate = components['schemas']['TrgMeetingUpdate'];
export type AttendeeRead = components['schemas']['AttendeeRead'];
export type TrgMeeting = components['schemas']['TrgMeetingRead'];
export type TrgMeetingKind = components['schemas']['TrgMeetingKind'];
export type TrgMeetingFilters = NonNullable<paths['/api/v1/trg-meetings']['get']['parameters']['query']>;

export const trgMeetingKeys = {
  all: ['trg-meetings'] as const,
  lists: () => [...trgMeetingKeys.all, 'list'] as const,
  list: (filters: TrgMeetingFilters) => [...trgMeetingKeys.lists(), filters] as const,
  detail: (id: string) => [...trgMeetingKeys.all, 'one', id] as const,
};

export function useTrgMeeting(id: string) {
  return useQuery({
    queryKey: trgMeetingKeys.detail(id),
    queryFn: async ({ signal }) => {
      const result = await api.GET('/api/v1/trg-meetings/{trg_meeting_id}', {
        params: { path: { trg_meeting_id: id } },
        signal,
      });
      return { meeting: unwrap(result), etag: etagOf(result) };
    },
  });
}

export function useCreateTrgMeeting() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TrgMeetingCreate) =>
      unwrap(
        await api.POST('/api/v1/trg-meetings', {
          // A key per submission: a request retried over a flaky network records one meeting.
          params: { header: idempotent() },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trgMeetingKeys.all }),
  });
}

/** Change a meeting, guarded by the version it was opened at (412 when someone else changed it). */
export function useUpdateTrgMeeting(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, etag }: { body: TrgMeetingUpdate; etag: string | null }) =>
      unwrap(
        await api.PATCH('/api/v1/trg-meetings/{trg_meeting_id}', {
          params: { path: { trg_meeting_id: id }, header: ifMatch(etag) },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: trgMeetingKeys.all }),
  });
}

export function useDeleteTrgMeeting(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (etag: string | null) =>
      unwrap(
        await api.DELETE('/api/v1/trg-meetings/{trg_meeting_id}', {
          params: { path: { trg_meeting_id: id }, header: ifMatch(etag) },
        }),
      ),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: trgMeetingKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: trgMeetingKeys.lists() });
    },
  });
}

export function useTrgMeetings(filters: TrgMeetingFilters) {
  return useQuery({
    queryKey: trgMeetingKeys.list(filters),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/trg-meetings', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}
