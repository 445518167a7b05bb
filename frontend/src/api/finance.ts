/** The finance export: one row per ledger entry for an academic year, as JSON pages or CSV. */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { session } from '../auth/instance';
import { api, unwrap } from './client';
import { fetchCsv, saveFile } from './download';
import type { paths } from './schema';

type Operation = paths['/api/v1/reports/release-days/entries']['get'];
export type FinanceFilters = NonNullable<Operation['parameters']['query']>;
export type FinancePage = Exclude<Operation['responses'][200]['content']['application/json'], string>;
export type FinanceRow = FinancePage['items'][number];

export function useFinanceEntries(filters: FinanceFilters) {
  return useQuery({
    queryKey: ['reports', 'release-days', 'entries', filters],
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
  const query = Object.fromEntries(Object.entries(filters).map(([key, value]) => [key, value === undefined || value === null ? undefined : String(value)]));
  saveFile(
    await fetchCsv(session, '/api/v1/reports/release-days/entries', query, `release-day-entries-${filters.academic_year.replace('/', '-')}.csv`),
  );
}
