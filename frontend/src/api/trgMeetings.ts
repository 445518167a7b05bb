/** One TRG meeting: read with its version (ETag), record, change (If-Match) and delete. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type TrgMeetingCreate = components['schemas']['TrgMeetingCreate'];
export type TrgMeetingUpdate = components['schemas']['TrgMeetingUpdate'];
export type AttendeeRead = components['schemas']['AttendeeRead'];

export function useTrgMeeting(id: string) {
  return useQuery({
    queryKey: ['trg-meetings', 'one', id],
    queryFn: async ({ signal }) => {
      const result = await api.GET('/api/v1/trg-meetings/{trg_meeting_id}', {
        params: { path: { trg_meeting_id: id } },
        signal,
      });
      return { meeting: unwrap(result), etag: result.response.headers.get('ETag') };
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
          params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['trg-meetings'] }),
  });
}

/** Change a meeting, guarded by the version it was opened at (412 when someone else changed it). */
export function useUpdateTrgMeeting(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, etag }: { body: TrgMeetingUpdate; etag: string | null }) =>
      unwrap(
        await api.PATCH('/api/v1/trg-meetings/{trg_meeting_id}', {
          params: { path: { trg_meeting_id: id }, header: etag ? { 'If-Match': etag } : {} },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['trg-meetings'] }),
  });
}

export function useDeleteTrgMeeting(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (etag: string | null) =>
      unwrap(
        await api.DELETE('/api/v1/trg-meetings/{trg_meeting_id}', {
          params: { path: { trg_meeting_id: id }, header: etag ? { 'If-Match': etag } : {} },
        }),
      ),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['trg-meetings', 'one', id] });
      return queryClient.invalidateQueries({ queryKey: ['trg-meetings', 'list'] });
    },
  });
}

/** One work group's title for a link (the meeting carries only its id). */
export function useWorkGroupTitle(id: string | null) {
  return useQuery({
    queryKey: ['work-groups', 'one', id],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/work-groups/{work_group_id}', { params: { path: { work_group_id: id ?? '' } }, signal }),
      ),
    enabled: id !== null,
    select: (group) => group.title,
  });
}
