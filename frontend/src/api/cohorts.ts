import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components, paths } from './schema';

export type Cohort = components['schemas']['CohortRead'];
export type CohortYearRule = components['schemas']['CohortYearRuleRead'];
export type Residential = components['schemas']['ResidentialRead'];
export type ProgrammeCode = components['schemas']['ProgrammeCode'];
export type Programme = components['schemas']['ProgrammeRead'];
export type CohortFilters = NonNullable<paths['/api/v1/cohorts']['get']['parameters']['query']>;

export function useCohorts(filters: CohortFilters) {
  return useQuery({
    queryKey: ['cohorts', 'list', filters],
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/cohorts', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useCohort(id: string) {
  return useQuery({
    queryKey: ['cohorts', 'one', id],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/cohorts/{cohort_id}', { params: { path: { cohort_id: id } }, signal })),
  });
}

/** The programme's criteria (essential and desirable), shared by all its cohorts. */
export function useProgramme(id: string | undefined) {
  return useQuery({
    queryKey: ['programmes', 'one', id],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/programmes/{programme_id}', { params: { path: { programme_id: id ?? '' } }, signal })),
    enabled: id !== undefined,
    staleTime: 10 * 60_000,
  });
}

export type CohortCreate = components['schemas']['CohortCreate'];
export type CohortUpdate = components['schemas']['CohortUpdate'];
export type YearRuleWrite = components['schemas']['YearRuleWrite'];
export type Grant = components['schemas']['Grant'];
export type ResidentialCreate = components['schemas']['ResidentialCreate'];
export type ResidentialUpdate = components['schemas']['ResidentialUpdate'];
export type DeliveryMode = components['schemas']['DeliveryMode'];
export type AttendanceStatus = components['schemas']['AttendanceStatus'];
export type AttendanceRecordIn = components['schemas']['AttendanceRecordIn'];
export type ResidentialAttendance = components['schemas']['ResidentialAttendanceRead'];

/** A fresh key per user action: a retried request (a flaky network) is applied once. */
function idempotencyKey(): string {
  return crypto.randomUUID();
}

function ifMatch(etag: string | null): { 'If-Match'?: string } {
  return etag ? { 'If-Match': etag } : {};
}

/** The cohort and the version (ETag) it was read at, which an edit sends back as If-Match. */
export function useCohortForEdit(id: string) {
  return useQuery({
    queryKey: ['cohorts', 'one', id, 'edit'],
    queryFn: async ({ signal }) => {
      const result = await api.GET('/api/v1/cohorts/{cohort_id}', { params: { path: { cohort_id: id } }, signal });
      return { cohort: unwrap(result), etag: result.response.headers.get('ETag') };
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
      unwrap(await api.POST('/api/v1/cohorts', { params: { header: { 'Idempotency-Key': idempotencyKey() } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cohorts'] }),
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
      queryClient.setQueryData(['cohorts', 'one', id], saved);
      return queryClient.invalidateQueries({ queryKey: ['cohorts', 'list'] });
    },
  });
}

/** A programme year's rule with its ETag, or null (and no ETag) when the cohort has none yet. */
export async function fetchYearRuleForEdit(cohortId: string, programmeYear: number) {
  const result = await api.GET('/api/v1/cohorts/{cohort_id}/year-rules/{programme_year}', {
    params: { path: { cohort_id: cohortId, programme_year: programmeYear } },
  });
  if (result.response.status === 404) return { rule: null, etag: null };
  return { rule: unwrap(result), etag: result.response.headers.get('ETag') };
}

/** A programme year's rule for reading (its grants, day rates); null when none is set yet. */
export function useYearRule(cohortId: string, programmeYear: number | null) {
  return useQuery({
    queryKey: ['cohorts', 'one', cohortId, 'year-rules', programmeYear],
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
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['cohorts', 'one', cohortId] }),
  });
}

/** A residential with its ETag, read when it is opened for editing. */
export async function fetchResidentialForEdit(residentialId: string) {
  const result = await api.GET('/api/v1/residentials/{residential_id}', { params: { path: { residential_id: residentialId } } });
  return { residential: unwrap(result), etag: result.response.headers.get('ETag') };
}

export function useCreateResidential(cohortId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ResidentialCreate) =>
      unwrap(
        await api.POST('/api/v1/cohorts/{cohort_id}/residentials', {
          params: { path: { cohort_id: cohortId }, header: { 'Idempotency-Key': idempotencyKey() } },
          body,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['cohorts', 'one', cohortId] }),
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
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['cohorts', 'one', cohortId] }),
  });
}

/** The register: every specialist of the cohort the caller may see, recorded or not. */
export function useResidentialAttendance(residentialId: string, enabled = true) {
  return useQuery({
    queryKey: ['residentials', residentialId, 'attendance'],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/residentials/{residential_id}/attendance', {
          params: { path: { residential_id: residentialId } },
          signal,
        }),
      ),
    enabled,
  });
}

export function useRecordAttendance(residentialId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (records: AttendanceRecordIn[]) =>
      unwrap(
        await api.PUT('/api/v1/residentials/{residential_id}/attendance', {
          params: { path: { residential_id: residentialId } },
          body: records,
        }),
      ),
    onSuccess: (register) => queryClient.setQueryData(['residentials', residentialId, 'attendance'], register),
  });
}
