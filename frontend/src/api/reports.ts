/** Reports (backend reports): the release-day summary, and the finance export — one row per ledger entry for an academic year, as JSON pages or CSV. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { session } from '../auth/instance';
import { api, unwrap } from './client';
import { fetchCsv, saveFile } from './download';
import type { components, paths } from './schema';

type Operation = paths['/api/v1/reports/release-days/entries']['get'];

export type FinanceFilters = NonNullable<Operation['parameters']['query']>;
export type FinancePage = components['schemas']['EntryExport'];
export type FinanceRow = components['schemas']['EntryLine'];
export type ReleaseDayReport = components['schemas']['ReleaseDayReport'];

export const reportKeys = {
  all: ['reports'] as const,
  releaseDays: (academicYear: string) => [...reportKeys.all, 'release-days', academicYear] as const,
  financeEntries: (filters: object) => [...reportKeys.all, 'release-days', 'entries', filters] as const,
};

export function useFinanceEntries(filters: FinanceFilters) {
  return useQuery({
    queryKey: reportKeys.financeEntries(filters),
    queryFn: async ({ signal }): Promise<FinancePage> => {
      const page = unwrap(await api.GET('/api/v1/reports/release-days/entries', { params: { query: filters }, signal }));
      // The operation also answers CSV (for `Accept: text/csv`); this asks for JSON.
      if (typeof page === 'string') throw new TypeError('The finance export came back as text, not JSON.');
      return page;
    },
    placeholderData: keepPreviousData,
  });
}

/** Every row of the filter (no paging) as the CSV a finance system loads, saved as a file. */
export async function downloadFinanceEntries(filters: Omit<FinanceFilters, 'limit' | 'cursor'>): Promise<void> {
  const query: Record<string, string | undefined> = {
    academic_year: filters.academic_year ?? undefined,
    status: filters.status ?? undefined,
    school_urn: filters.school_urn ?? undefined,
    specialist_id: filters.specialist_id ?? undefined,
    from: filters.from ?? undefined,
    to: filters.to ?? undefined,
    hub_id: filters.hub_id ?? undefined,
  };
  saveFile(
    await fetchCsv(session, '/api/v1/reports/release-days/entries', query, `release-day-entries-${(filters.academic_year ?? 'this-year').replace('/', '-')}.csv`),
  );
}

/** The hub's release days per specialist and per funded school in an academic year (JSON). */
export function useReleaseDayReport(academicYear: string, enabled = true) {
  return useQuery({
    queryKey: reportKeys.releaseDays(academicYear),
    queryFn: async ({ signal }): Promise<ReleaseDayReport> => {
      const report = unwrap(await api.GET('/api/v1/reports/release-days', { params: { query: { academic_year: academicYear } }, signal }));
      // The operation also answers CSV (for `Accept: text/csv`); this asks for JSON.
      if (typeof report === 'string') throw new TypeError('The release-day report came back as text, not JSON.');
      return report;
    },
    enabled,
  });
}

/**
 * The release-day summary as CSV: the same report as JSON, asked for with `Accept: text/csv`,
 * saved as a file.
 */
export async function downloadReleaseDayReport(academicYear: string): Promise<void> {
  saveFile(
    await fetchCsv(session, '/api/v1/reports/release-days', { academic_year: academicYear }, `release-days-${academicYear.replace('/', '-')}.csv`),
  );
}
