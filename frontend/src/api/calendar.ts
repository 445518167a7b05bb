import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';
export type CalendarEvent = components['schemas']['CalendarEvent'];


export const calendarKeys = {
  all: ['calendar'] as const,
  events: (from: string, to: string) => [...calendarKeys.all, 'events', { from, to }] as const,
};
export type CalendarEventKind = components['schemas']['CalendarEventKind'];

/** Residentials, TRG meetings and work-group sessions on or overlapping `from`…`to` (London dates, inclusive). */
export function useCalendarEvents(from: string, to: string) {
  return useQuery({
    queryKey: calendarKeys.events(from, to),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/calendar/events', { params: { query: { from, to } }, signal })),
  });
}

/** Issue (or rotate, invalidating the old one) the caller's secret ICS feed URL; shown once. */
export function useIssueCalendarFeed() {
  return useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/v1/me/calendar-feed')),
  });
}

export function useRevokeCalendarFeed() {
  return useMutation({
    mutationFn: async () => {
      unwrap(await api.DELETE('/api/v1/me/calendar-feed'));
    },
  });
}
