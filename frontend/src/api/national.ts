/** The national picture: every hub's figures (`GET /reports/hubs`) and coverage of England's schools. */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type HubRollup = components['schemas']['HubRollup'];
export type HubRow = components['schemas']['HubRow'];
export type HubFigures = components['schemas']['HubFigures'];
export type CoverageReport = components['schemas']['CoverageReport'];
export type CoverageRow = components['schemas']['CoverageRow'];
export type CoverageBy = components['schemas']['CoverageBy'];

export function useHubRollup(academicYear: string) {
  return useQuery({
    queryKey: ['reports', 'hubs', academicYear],
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
    queryKey: ['reports', 'coverage', academicYear, by],
    queryFn: async ({ signal }): Promise<CoverageReport> =>
      unwrap(await api.GET('/api/v1/reports/coverage', { params: { query: { academic_year: academicYear, by } }, signal })),
  });
}
