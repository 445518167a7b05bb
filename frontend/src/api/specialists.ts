import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { etagOf, ifMatch } from './http';
import type { components, paths } from './schema';
import { SEARCH_PAGE } from './schools';

export type Specialist = components['schemas']['SpecialistRead'];
export type SpecialistStatus = components['schemas']['SpecialistStatus'];
export type SpecialistSort = components['schemas']['SpecialistSort'];
export type SpecialistFilters = NonNullable<paths['/api/v1/specialists']['get']['parameters']['query']>;
export type SpecialistProgress = components['schemas']['SpecialistProgress'];
export type SpecialistUpdate = components['schemas']['SpecialistUpdate'];
export type AccreditationStatus = components['schemas']['AccreditationStatus'];
export type ClaimableEvent = components['schemas']['ClaimableEvent'];
export type SpecialistPage = components['schemas']['Page_SpecialistRead_'];

export interface SpecialistSearchOptions {
  /** With their programme year in this academic year (and nothing until it is a valid one). */
  academicYear?: string;
  /** Only specialists with this status (the work group's leads: active ones). */
  status?: SpecialistStatus;
}

export const specialistKeys = {
  all: ['specialists'] as const,
  list: (filters: SpecialistFilters) => [...specialistKeys.all, 'list', filters] as const,
  search: (term: string, options: SpecialistSearchOptions) => [...specialistKeys.all, 'search', term, options] as const,
  /** Everything about one specialist: their record, progress, ledger and claimable events. */
  detail: (id: string) => [...specialistKeys.all, 'one', id] as const,
  record: (id: string, academicYear: string | undefined) => [...specialistKeys.detail(id), academicYear] as const,
  progress: (id: string, academicYear: string | undefined) => [...specialistKeys.detail(id), 'progress', academicYear] as const,
  ledger: (id: string, academicYear: string | undefined) => [...specialistKeys.detail(id), 'ledger', academicYear] as const,
  claimableEvents: (id: string, academicYear: string) => [...specialistKeys.detail(id), 'claimable-events', academicYear] as const,
};

/**
 * The hub's specialists whose name contains `q` (all of them, a page, while `q` is empty; a
 * specialist is only ever shown their own records); `select` shapes the page for the picker.
 */
export function useSpecialistSearch<T = SpecialistPage>(
  q: string,
  { academicYear, status }: SpecialistSearchOptions = {},
  select?: (page: SpecialistPage) => T,
) {
  const term = q.trim();
  return useQuery({
    queryKey: specialistKeys.search(term, { academicYear, status }),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/specialists', {
          params: { query: { q: term || undefined, academic_year: academicYear, status, limit: SEARCH_PAGE } },
          signal,
        }),
      ),
    enabled: academicYear === undefined || /^\d{4}\/\d{2}$/.test(academicYear),
    placeholderData: keepPreviousData,
    select,
  });
}

export function useSpecialists(filters: SpecialistFilters) {
  return useQuery({
    queryKey: specialistKeys.list(filters),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/specialists', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useSpecialist(id: string, academicYear: string | undefined) {
  return useQuery({
    queryKey: specialistKeys.record(id, academicYear),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/specialists/{specialist_id}', {
          params: { path: { specialist_id: id }, query: { academic_year: academicYear } },
          signal,
        }),
      ),
  });
}

/** The specialist as it is now, with its version (ETag) for an edit guarded by If-Match. */
export async function fetchSpecialistForEdit(id: string): Promise<{ specialist: Specialist; etag: string | null }> {
  const result = await api.GET('/api/v1/specialists/{specialist_id}', { params: { path: { specialist_id: id } } });
  return { specialist: unwrap(result), etag: etagOf(result) };
}

/** Change status, accreditation or the linked sign-in (hub leads); 412 when it changed meanwhile. */
export function useUpdateSpecialist(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, etag }: { body: SpecialistUpdate; etag: string | null }) =>
      unwrap(
        await api.PATCH('/api/v1/specialists/{specialist_id}', {
          params: { path: { specialist_id: id }, header: ifMatch(etag) },
          body,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: specialistKeys.all }),
  });
}

export function useProgress(id: string, academicYear: string | undefined) {
  return useQuery({
    queryKey: specialistKeys.progress(id, academicYear),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/specialists/{specialist_id}/progress', {
          params: { path: { specialist_id: id }, query: { academic_year: academicYear } },
          signal,
        }),
      ),
  });
}

/**
 * The specialist's own recorded events in an academic year that a claim can name as its evidence
 * (TRGs they led, sessions of their work groups, their cohort's residentials), newest first.
 */
export function useClaimableEvents(id: string, academicYear: string) {
  return useQuery({
    queryKey: specialistKeys.claimableEvents(id, academicYear),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/specialists/{specialist_id}/claimable-events', {
          params: { path: { specialist_id: id }, query: { academic_year: academicYear } },
          signal,
        }),
      ).items,
  });
}
