import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from './client';

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
