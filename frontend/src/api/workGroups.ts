/** One work group, its sessions, and the pickers its forms search (the list is in delivery.ts). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type WorkGroupCreate = components['schemas']['WorkGroupCreate'];
export type WorkGroupUpdate = components['schemas']['WorkGroupUpdate'];
export type WorkGroupSchool = components['schemas']['WorkGroupSchoolRead'];
export type WorkGroupSchoolIn = components['schemas']['WorkGroupSchoolIn'];
export type WorkGroupSession = components['schemas']['WorkGroupSessionRead'];
export type WorkGroupSessionCreate = components['schemas']['WorkGroupSessionCreate'];
export type WorkGroupSessionUpdate = components['schemas']['WorkGroupSessionUpdate'];

/** A fresh key per user action: a retried request (a flaky network) is applied once. */
function idempotencyKey(): string {
  return crypto.randomUUID();
}

function ifMatch(etag: string | null): Record<string, string> {
  return etag ? { 'If-Match': etag } : {};
}

/** One work group and the version (ETag) it was read at, which every change sends back as If-Match. */
export function useWorkGroup(id: string) {
  return useQuery({
    queryKey: ['work-groups', 'one', id],
    queryFn: async ({ signal }) => {
      const result = await api.GET('/api/v1/work-groups/{work_group_id}', { params: { path: { work_group_id: id } }, signal });
      return { workGroup: unwrap(result), etag: result.response.headers.get('ETag') };
    },
  });
}

/** One session and its ETag, read when it is opened for editing. */
export function useWorkGroupSession(workGroupId: string, sessionId: string) {
  return useQuery({
    queryKey: ['work-groups', 'one', workGroupId, 'sessions', sessionId],
    queryFn: async ({ signal }) => {
      const result = await api.GET('/api/v1/work-groups/{work_group_id}/sessions/{session_id}', {
        params: { path: { work_group_id: workGroupId, session_id: sessionId } },
        signal,
      });
      return { session: unwrap(result), etag: result.response.headers.get('ETag') };
    },
  });
}

function useWorkGroupMutation<V, R>(run: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['work-groups'] }),
  });
}

export function useCreateWorkGroup() {
  return useWorkGroupMutation(async (body: WorkGroupCreate) =>
    unwrap(await api.POST('/api/v1/work-groups', { params: { header: { 'Idempotency-Key': idempotencyKey() } }, body })),
  );
}

/** Change a work group at the version it was read at. `schools`, when sent, replaces the whole list. */
export function useUpdateWorkGroup(id: string) {
  return useWorkGroupMutation(async ({ body, etag }: { body: WorkGroupUpdate; etag: string | null }) =>
    unwrap(
      await api.PATCH('/api/v1/work-groups/{work_group_id}', {
        params: { path: { work_group_id: id }, header: ifMatch(etag) },
        body,
      }),
    ),
  );
}

export function useDeleteWorkGroup(id: string) {
  return useWorkGroupMutation(async ({ etag }: { etag: string | null }) =>
    unwrap(
      await api.DELETE('/api/v1/work-groups/{work_group_id}', { params: { path: { work_group_id: id }, header: ifMatch(etag) } }),
    ),
  );
}

export function useRecordSession(workGroupId: string) {
  return useWorkGroupMutation(async (body: WorkGroupSessionCreate) =>
    unwrap(
      await api.POST('/api/v1/work-groups/{work_group_id}/sessions', {
        params: { path: { work_group_id: workGroupId }, header: { 'Idempotency-Key': idempotencyKey() } },
        body,
      }),
    ),
  );
}

export function useUpdateSession(workGroupId: string, sessionId: string) {
  return useWorkGroupMutation(async ({ body, etag }: { body: WorkGroupSessionUpdate; etag: string | null }) =>
    unwrap(
      await api.PATCH('/api/v1/work-groups/{work_group_id}/sessions/{session_id}', {
        params: { path: { work_group_id: workGroupId, session_id: sessionId }, header: ifMatch(etag) },
        body,
      }),
    ),
  );
}

export function useDeleteSession(workGroupId: string, sessionId: string) {
  return useWorkGroupMutation(async ({ etag }: { etag: string | null }) =>
    unwrap(
      await api.DELETE('/api/v1/work-groups/{work_group_id}/sessions/{session_id}', {
        params: { path: { work_group_id: workGroupId, session_id: sessionId }, header: ifMatch(etag) },
      }),
    ),
  );
}

const PICKER_PAGE = 20;

/** Schools whose name contains `q` (a page of them: the register has ~50,000). */
export function useSchoolSearch(q: string) {
  return useQuery({
    queryKey: ['schools', 'search', q],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/schools', { params: { query: { q, limit: PICKER_PAGE } }, signal })),
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}

/** The hub's specialists whose name contains `q`, with their programme year in `academicYear`. */
export function useSpecialistSearch(q: string, academicYear: string) {
  return useQuery({
    queryKey: ['specialists', 'search', q, academicYear],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/specialists', {
          params: { query: { q: q || undefined, academic_year: academicYear, status: 'active', limit: PICKER_PAGE } },
          signal,
        }),
      ),
    enabled: /^\d{4}\/\d{2}$/.test(academicYear),
    placeholderData: keepPreviousData,
  });
}
