/** Hub day rates: what a hub pays a day, per cohort × programme year, beside the national rule. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { ifMatch, etagOf } from './http';
import type { components } from './schema';
export type DayRates = components['schemas']['DayRates'];
export type DayRatesWrite = components['schemas']['DayRatesWrite'];

export const dayRateKeys = {
  all: ['day-rates'] as const,
  list: (hubId: string | undefined, cohortCode: string | undefined) => [...dayRateKeys.all, 'list', hubId ?? null, cohortCode ?? null] as const,
  edit: (target: Target | null) =>
    [...dayRateKeys.all, 'edit', target?.cohortId ?? null, target?.programmeYear ?? null, target?.hubId ?? null] as const,
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

export interface Target {
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

/**
 * One cohort × year read afresh for an edit, with the ETag of the hub's rates (none while the
 * hub has set none), which the change sends back as If-Match.
 */
export function useDayRatesForEdit(target: Target | null) {
  return useQuery({
    queryKey: dayRateKeys.edit(target),
    queryFn: async ({ signal }) => {
      const result = await api.GET('/api/v1/cohorts/{cohort_id}/year-rules/{programme_year}/day-rates', {
        params: path(target ?? { cohortId: '', programmeYear: 0 }),
        signal,
      });
      return { rates: unwrap(result), etag: etagOf(result) };
    },
    enabled: target !== null,
    // An edit starts from the latest version, never from a cached one.
    staleTime: 0,
    gcTime: 0,
  });
}

/** Set the hub's own rates for a cohort's programme year (replaces what the hub had); 412 if changed meanwhile. */
export function useSetDayRates() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ target, body, etag }: { target: Target; body: DayRatesWrite; etag: string | null }) =>
      unwrap(
        await api.PUT('/api/v1/cohorts/{cohort_id}/year-rules/{programme_year}/day-rates', {
          params: { ...path(target), header: ifMatch(etag) },
          body,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: dayRateKeys.all }),
  });
}

/** Remove the hub's own rates: claims pay the national rule again; 412 if changed meanwhile. */
export function useClearDayRates() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ target, etag }: { target: Target; etag: string | null }) => {
      unwrap(
        await api.DELETE('/api/v1/cohorts/{cohort_id}/year-rules/{programme_year}/day-rates', {
          params: { ...path(target), header: ifMatch(etag) },
        }),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: dayRateKeys.all }),
  });
}
