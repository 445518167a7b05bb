import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { idempotent, ifMatch, etagOf } from './http';
import type { components, paths } from './schema';

export type Cohort = components['schemas']['CohortRead'];
export type CohortYearRule = components['schemas']['CohortYearRuleRead'];
export type Residential = components['schemas']['ResidentialRead'];
export type CohortFilters = NonNullable<paths['/api/v1/cohorts']['get']['parameters']['query']>;
export type CohortCreate = components['schemas']['CohortCreate'];
export type CohortUpdate = components['schemas']['CohortUpdate'];
export type YearRuleWrite = components['schemas']['YearRuleWrite'];
export type Grant = components['schemas']['Grant'];
export type ResidentialCreate = components['schemas']['ResidentialCreate'];
export type ResidentialUpdate = components['schemas']['ResidentialUpdate'];
export type DeliveryMode = components['schemas']['DeliveryMode'];

export const cohortKeys = {
  all: ['cohorts'] as const,
  lists: () => [...cohortKeys.all, 'list'] as const,
  list: (filters: CohortFilters) => [...cohortKeys.lists(), filters] as const,
  detail: (id: string) => [...cohortKeys.all, 'one', id] as const,
  edit: (id: string) => [...cohortKeys.detail(id), 'edit'] as const,
  yearRule: (id: string, programmeYear: number | null) => [...cohortKeys.detail(id), 'year-rules', programmeYear] as const,
};

export function useCohorts(filters: CohortFilters) {
  return useQuery({
    queryKey: cohortKeys.list(filters),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/cohorts', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useCohort(id: string) {
  return useQuery({
    queryKey: cohortKeys.detail(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/cohorts/{cohort_id}', { params: { path: { cohort_id: id } }, signal })),
  });
}

/** The cohort and the version (ETag) it was read at, which an edit sends back as If-Match. */
export function useCohortForEdit(id: string) {
  return useQuery({
    queryKey: cohortKeys.edit(id),
    queryFn: async ({ signal }) => {
      const result = await api.GET('/api/v1/cohorts/{cohort_id}', { params: { path: { cohort_id: id } }, signal });
      return { cohort: unwrap(result), etag: etagOf(result) };
    },
    // An edit starts from the latest version, never from a cached one.
    staleTime: 0,
    gcTime: 0,
  });
}

export function useCreateCohort() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: CohortCreate) =>
      unwrap(await api.POST('/api/v1/cohorts', { params: { header: idempotent() }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cohortKeys.all }),
  });
}

export function useUpdateCohort(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, etag }: { body: CohortUpdate; etag: string | null }) =>
      unwrap(
        await api.PATCH('/api/v1/cohorts/{cohort_id}', {
          params: { path: { cohort_id: id }, header: ifMatch(etag) },
          body,
        }),
      ),
    // Not on a 412: the form keeps the version it was opened at until the user reloads.
    onSuccess: (saved) => {
      queryClient.setQueryData(cohortKeys.detail(id), saved);
      return queryClient.invalidateQueries({ queryKey: cohortKeys.lists() });
    },
  });
}

/** A programme year's rule with its ETag, or null (and no ETag) when the cohort has none yet. */
export async function fetchYearRuleForEdit(cohortId: string, programmeYear: number) {
  const result = await api.GET('/api/v1/cohorts/{cohort_id}/year-rules/{programme_year}', {
    params: { path: { cohort_id: cohortId, programme_year: programmeYear } },
  });
  if (result.response.status === 404) return { rule: null, etag: null };
  return { rule: unwrap(result), etag: etagOf(result) };
}

/** A programme year's rule for reading (its grants, day rates); null when none is set yet. */
export function useYearRule(cohortId: string, programmeYear: number | null) {
  return useQuery({
    queryKey: cohortKeys.yearRule(cohortId, programmeYear),
    queryFn: async ({ signal }) => {
      const result = await api.GET('/api/v1/cohorts/{cohort_id}/year-rules/{programme_year}', {
        params: { path: { cohort_id: cohortId, programme_year: programmeYear ?? 0 } },
        signal,
      });
      return result.response.status === 404 ? null : unwrap(result);
    },
    enabled: programmeYear !== null && programmeYear >= 1,
    staleTime: 5 * 60_000,
  });
}

export function usePutYearRule(cohortId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ programmeYear, body, etag }: { programmeYear: number; body: YearRuleWrite; etag: string | null }) =>
      unwrap(
        await api.PUT('/api/v1/cohorts/{cohort_id}/year-rules/{programme_year}', {
          params: { path: { cohort_id: cohortId, programme_year: programmeYear }, header: ifMatch(etag) },
          body,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: cohortKeys.detail(cohortId) }),
  });
}

/** A residential with its ETag, read when it is opened for editing. */
export async function fetchResidentialForEdit(residentialId: string) {
  const result = await api.GET('/api/v1/residentials/{residential_id}', { params: { path: { residential_id: residentialId } } });
  return { residential: unwrap(result), etag: etagOf(result) };
}

export function useCreateResidential(cohortId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ResidentialCreate) =>
      unwrap(
        await api.POST('/api/v1/cohorts/{cohort_id}/residentials', {
          params: { path: { cohort_id: cohortId }, header: idempotent() },
          body,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: cohortKeys.detail(cohortId) }),
  });
}

export function useUpdateResidential(cohortId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ residentialId, body, etag }: { residentialId: string; body: ResidentialUpdate; etag: string | null }) =>
      unwrap(
        await api.PATCH('/api/v1/residentials/{residential_id}', {
          params: { path: { residential_id: residentialId }, header: ifMatch(etag) },
          body,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: cohortKeys.detail(cohortId) }),
  });
}
