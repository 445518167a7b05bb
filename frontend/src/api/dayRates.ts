/** Hub day rates: what a hub pays a day, per cohort × programme year, beside the national rule. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type DayRates = components['schemas']['DayRates'];
export type DayRatesWrite = components['schemas']['DayRatesWrite'];

export const dayRateKeys = {
  all: ['day-rates'] as const,
  list: (hubId: string | undefined, cohortCode: string | undefined) => ['day-rates', 'list', hubId ?? null, cohortCode ?? null] as const,
};

/** Every cohort × programme year with a year rule; national admins name the hub (`hubId`). */
export function useDayRates({ hubId, cohortCode, enabled = true }: { hubId?: string; cohortCode?: string; enabled?: boolean }) {
  return useQuery({
    queryKey: dayRateKeys.list(hubId, cohortCode),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/day-rates', { params: { query: { hub_id: hubId, cohort_code: cohortCode } }, signal })),
    enabled,
  });
}

interface Target {
  cohortId: string;
  programmeYear: number;
  /** Only for national admins, who act for a hub they name. */
  hubId?: string;
}

function path({ cohortId, programmeYear, hubId }: Target) {
  return {
    path: { cohort_id: cohortId, programme_year: programmeYear },
    query: hubId ? { hub_id: hubId } : {},
  };
}

/** Set the hub's own rates for a cohort's programme year (replaces what the hub had). */
export function useSetDayRates() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ target, body }: { target: Target; body: DayRatesWrite }) =>
      unwrap(await api.PUT('/api/v1/cohorts/{cohort_id}/year-rules/{programme_year}/day-rates', { params: path(target), body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dayRateKeys.all }),
  });
}

/** Remove the hub's own rates: claims pay the national rule again. */
export function useClearDayRates() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (target: Target) => {
      unwrap(await api.DELETE('/api/v1/cohorts/{cohort_id}/year-rules/{programme_year}/day-rates', { params: path(target) }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: dayRateKeys.all }),
  });
}
