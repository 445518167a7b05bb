import type { CalendarEvent, CalendarEventKind } from '../api/calendar';

export const EVENT_KIND_LABELS = {
  residential: 'Residential',
  trg_meeting: 'TRG meeting',
  work_group_session: 'Work-group session',
  interview: 'Interview',
} as const satisfies Record<CalendarEventKind, string>;

/**
 * The events on each of `days`, in the API's order (by date, all-day first, then by time). A
 * residential is on every day it spans, so a two-day one shows on both.
 */
export function eventsByDay(events: readonly CalendarEvent[], days: readonly string[]): Map<string, CalendarEvent[]> {
  const byDay = new Map<string, CalendarEvent[]>(days.map((day) => [day, []]));
  for (const event of events) {
    for (const day of days) {
      // `YYYY-MM-DD` strings compare as the dates they name.
      if (event.starts_on <= day && day <= event.ends_on) byDay.get(day)?.push(event);
    }
  }
  return byDay;
}

/** Only the days that have something on, for the agenda list. */
export function busyDays(byDay: Map<string, CalendarEvent[]>): [string, CalendarEvent[]][] {
  return [...byDay].filter(([, events]) => events.length > 0);
}

/** Where an event's own page is. */
export function eventPath(event: CalendarEvent): string | null {
  switch (event.kind) {
    case 'residential':
      return event.cohort_id ? `/cohorts/${event.cohort_id}` : null;
    case 'trg_meeting':
      return `/trg-meetings/${event.trg_meeting_id ?? event.id}`;
    case 'work_group_session':
      return event.work_group_id ? `/work-groups/${event.work_group_id}` : null;
    case 'interview':
      return event.application_id ? `/applications/${event.application_id}` : null;
  }
}

/** `15:45–17:00`, `15:45`, or `All day` (London wall-clock times, as the API sends them). */
export function eventTime(event: CalendarEvent): string {
  if (!event.starts_at) return 'All day';
  return event.ends_at ? `${event.starts_at}–${event.ends_at}` : event.starts_at;
}

const dayHeading = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `2026-11-23` → `Monday 23 November 2026`. */
export function formatDayHeading(day: string): string {
  const [year = 0, month = 1, date = 1] = day.split('-').map(Number);
  return dayHeading.format(new Date(Date.UTC(year, month - 1, date))).replace(',', '');
}
