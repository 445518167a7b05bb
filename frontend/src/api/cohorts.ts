import { keepPreviousData, useQuery } from '@tanstack/react-query';
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
