import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from '../api/calendar';
import { busyDays, eventPath, eventsByDay, eventTime, formatDayHeading } from './calendarEvents';
import { daysOf } from './months';

function event(fields: Partial<CalendarEvent> & Pick<CalendarEvent, 'id' | 'kind' | 'starts_on'>): CalendarEvent {
  return {
    title: fields.id,
    ends_on: fields.starts_on,
    starts_at: null,
    ends_at: null,
    mode: 'in_person',
    location: null,
    cohort_id: null,
    work_group_id: null,
    trg_meeting_id: null,
    ...fields,
  };
}

const residential = event({ id: 'r', kind: 'residential', starts_on: '2026-10-31', ends_on: '2026-11-01', cohort_id: 'c1' });
const meeting = event({ id: 'm', kind: 'trg_meeting', starts_on: '2026-11-01', starts_at: '15:45', ends_at: '17:00', trg_meeting_id: 'm' });
const session = event({ id: 's', kind: 'work_group_session', starts_on: '2026-11-23', starts_at: '09:30', work_group_id: 'wg1' });

describe('calendar events by day', () => {
  it('puts each event on every day of the month it spans, in the order the API sent', () => {
    const byDay = eventsByDay([residential, meeting, session], daysOf({ year: 2026, month: 11 }));
    expect(byDay.size).toBe(30);
    // The residential began in October: in November it is on the 1st only.
    expect(byDay.get('2026-11-01')?.map((e) => e.id)).toEqual(['r', 'm']);
    expect(byDay.get('2026-11-02')).toEqual([]);
    expect(busyDays(byDay).map(([day, events]) => [day, events.length])).toEqual([
      ['2026-11-01', 2],
      ['2026-11-23', 1],
    ]);
    // October sees the same residential on the 31st.
    expect(busyDays(eventsByDay([residential], daysOf({ year: 2026, month: 10 }))).map(([day]) => day)).toEqual(['2026-10-31']);
  });

  it('links each kind to its own page and says when it is', () => {
    expect(eventPath(residential)).toBe('/cohorts/c1');
    expect(eventPath(meeting)).toBe('/trg-meetings/m');
    expect(eventPath(session)).toBe('/work-groups/wg1');
    expect(eventTime(residential)).toBe('All day');
    expect(eventTime(meeting)).toBe('15:45–17:00');
    expect(eventTime(session)).toBe('09:30');
    expect(formatDayHeading('2026-11-23')).toBe('Monday 23 November 2026');
  });
});
