/** Work groups: the list, one work group and its sessions (read with their ETags), and the search pickers use (backend work_groups). */
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { idempotent, ifMatch, etagOf } from './http';
import type { components, paths } from './schema';
import { SEARCH_PAGE } from './schools';

export type WorkGroupCreate = components['schemas']['WorkGroupCreate'];
export type WorkGroupUpdate = components['schemas']['WorkGroupUpdate'];
export type WorkGroupSchool = components['schemas']['WorkGroupSchoolRead'];
export type WorkGroupSchoolIn = components['schemas']['WorkGroupSchoolIn'];
export type WorkGroupSession = components['schemas']['WorkGroupSessionRead'];
export type WorkGroupSessionCreate = components['schemas']['WorkGroupSessionCreate'];
export type WorkGroupSessionUpdate = components['schemas']['WorkGroupSessionUpdate'];
export type WorkGroupPage = components['schemas']['Page_WorkGroupRead_'];
export type WorkGroup = components['schemas']['WorkGroupRead'];
export type WorkGroupPhase = components['schemas']['WorkGroupPhase'];
export type WorkGroupStatus = components['schemas']['WorkGroupStatus'];
export type WorkGroupFilters = NonNullable<paths['/api/v1/work-groups']['get']['parameters']['query']>;

export const workGroupKeys = {
  all: ['work-groups'] as const,
  lists: () => [...workGroupKeys.all, 'list'] as const,
  list: (filters: WorkGroupFilters) => [...workGroupKeys.lists(), filters] as const,
  search: (term: string) => [...workGroupKeys.all, 'search', term] as const,
  detail: (id: string) => [...workGroupKeys.all, 'one', id] as const,
  session: (id: string, sessionId: string) => [...workGroupKeys.detail(id), 'sessions', sessionId] as const,
};

/** One work group and the version (ETag) it was read at, which every change sends back as If-Match. */
export function useWorkGroup(id: string) {
  return useQuery(workGroupQuery(id));
}

function workGroupQuery(id: string) {
  return queryOptions({
    queryKey: workGroupKeys.detail(id),
    queryFn: async ({ signal }) => {
      const result = await api.GET('/api/v1/work-groups/{work_group_id}', { params: { path: { work_group_id: id } }, signal });
      return { workGroup: unwrap(result), etag: etagOf(result) };
    },
  });
}

/**
 * One work group's title for a link (a TRG meeting carries only its id): the same query as
 * `useWorkGroup`, so the two never cache different shapes under one key.
 */
export function useWorkGroupTitle(id: string | null) {
  return useQuery({ ...workGroupQuery(id ?? ''), enabled: id !== null, select: (read) => read.workGroup.title });
}

/** One session and its ETag, read when it is opened for editing. */
export function useWorkGroupSession(workGroupId: string, sessionId: string) {
  return useQuery({
    queryKey: workGroupKeys.session(workGroupId, sessionId),
    queryFn: async ({ signal }) => {
      const result = await api.GET('/api/v1/work-groups/{work_group_id}/sessions/{session_id}', {
        params: { path: { work_group_id: workGroupId, session_id: sessionId } },
        signal,
      });
      return { session: unwrap(result), etag: etagOf(result) };
    },
  });
}

function useWorkGroupMutation<V, R>(run: (variables: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: workGroupKeys.all }),
  });
}

export function useCreateWorkGroup() {
  return useWorkGroupMutation(async (body: WorkGroupCreate) =>
    unwrap(await api.POST('/api/v1/work-groups', { params: { header: idempotent() }, body })),
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
        params: { path: { work_group_id: workGroupId }, header: idempotent() },
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

/** Work groups whose title or code contains `q`, a page at a time; `select` shapes the page. */
export function useWorkGroupSearch<T = WorkGroupPage>(q: string, select?: (page: WorkGroupPage) => T) {
  const term = q.trim();
  return useQuery({
    queryKey: workGroupKeys.search(term),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/work-groups', { params: { query: { q: term || undefined, limit: SEARCH_PAGE } }, signal })),
    placeholderData: keepPreviousData,
    select,
  });
}

export function useWorkGroups(filters: WorkGroupFilters) {
  return useQuery({
    queryKey: workGroupKeys.list(filters),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/work-groups', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}

export type WorkGroupGrant = components['schemas']['GrantRead'];

export const grantKeys = {
  forWorkGroup: (id: string) => [...workGroupKeys.detail(id), 'grants'] as const,
};

/** Each school's grant from the work group, and its reversal if recovered (hub team). */
export function useWorkGroupGrants(id: string, enabled = true) {
  return useQuery({
    queryKey: grantKeys.forWorkGroup(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/work-groups/{work_group_id}/grants', { params: { path: { work_group_id: id } }, signal })).items,
    enabled,
  });
}

/** Recover the grant of a school that withdrew: a reversing entry, paid back in the next run (hub leads). */
export function useRecoverGrant(workGroupId: string) {
  return useWorkGroupMutation(async ({ schoolId, reason, key }: { schoolId: string; reason: string; key: string }) =>
    unwrap(
      await api.POST('/api/v1/work-groups/{work_group_id}/schools/{school_id}/clawback', {
        params: { path: { work_group_id: workGroupId, school_id: schoolId }, header: idempotent(key) },
        body: { reason },
      }),
    ),
  );
}
