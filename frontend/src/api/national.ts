/** The national picture: every hub's figures (`GET /reports/hubs`) and coverage of England's schools. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { idempotent } from './http';
import type { components } from './schema';
export type HubRollup = components['schemas']['HubRollup'];
export type HubRow = components['schemas']['HubRow'];
export type HubFigures = components['schemas']['HubFigures'];
export type CoverageReport = components['schemas']['CoverageReport'];
export type CoverageRow = components['schemas']['CoverageRow'];
export type CoverageBy = components['schemas']['CoverageBy'];

export const nationalKeys = {
  hubRollup: (academicYear: string) => ['reports', 'hubs', academicYear] as const,
  coverage: (academicYear: string, by: CoverageBy) => ['reports', 'coverage', academicYear, by] as const,
  dataCuts: (academicYear: string) => ['data-cuts', academicYear] as const,
};

export function useHubRollup(academicYear: string) {
  return useQuery({
    queryKey: nationalKeys.hubRollup(academicYear),
    queryFn: async ({ signal }): Promise<HubRollup> => {
      const report = unwrap(await api.GET('/api/v1/reports/hubs', { params: { query: { academic_year: academicYear } }, signal }));
      // The operation also answers CSV (for `Accept: text/csv`); this asks for JSON.
      if (typeof report === 'string') throw new TypeError('The roll-up came back as text, not JSON.');
      return report;
    },
  });
}

export function useCoverage(academicYear: string, by: CoverageBy) {
  return useQuery({
    queryKey: nationalKeys.coverage(academicYear, by),
    queryFn: async ({ signal }): Promise<CoverageReport> =>
      unwrap(await api.GET('/api/v1/reports/coverage', { params: { query: { academic_year: academicYear, by } }, signal })),
  });
}

export type DataCut = components['schemas']['DataCutOut'];
export type DataCutSummary = components['schemas']['DataCutSummary'];
export type DataCutCreate = components['schemas']['DataCutCreate'];

/** The year's data cuts (oldest first) and the latest one's figures. */
export function useLatestDataCut(academicYear: string, enabled = true) {
  return useQuery({
    queryKey: nationalKeys.dataCuts(academicYear),
    queryFn: async ({ signal }): Promise<{ count: number; latest: DataCut | null }> => {
      const page = unwrap(await api.GET('/api/v1/data-cuts', { params: { query: { academic_year: academicYear, limit: 200 } }, signal }));
      const last = page.items.at(-1);
      if (!last) return { count: 0, latest: null };
      const cut = unwrap(await api.GET('/api/v1/data-cuts/{data_cut_id}', { params: { path: { data_cut_id: last.id } }, signal }));
      if (typeof cut === 'string') throw new TypeError('The data cut came back as text, not JSON.');
      return { count: page.items.length, latest: cut };
    },
    enabled,
  });
}

export function useTakeDataCut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: DataCutCreate) =>
      unwrap(await api.POST('/api/v1/data-cuts', { body, params: { header: idempotent() } })),
    onSuccess: (cut) => queryClient.invalidateQueries({ queryKey: nationalKeys.dataCuts(cut.academic_year) }),
  });
}
