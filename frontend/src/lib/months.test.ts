import { describe, expect, it } from 'vitest';
import { addMonths, daysOf, londonMonth, londonToday, monthBounds, monthLabel, monthParam, monthWeeks, parseMonth } from './months';

describe('months', () => {
  it('reads the month from the address, or nothing when it is not a month', () => {
    expect(parseMonth('2026-11')).toEqual({ year: 2026, month: 11 });
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('2026-00')).toBeNull();
    expect(parseMonth('2026-1')).toBeNull();
    expect(parseMonth('November')).toBeNull();
    expect(parseMonth(null)).toBeNull();
  });

  it('steps across years both ways', () => {
    expect(monthParam(addMonths({ year: 2026, month: 12 }, 1))).toBe('2027-01');
    expect(monthParam(addMonths({ year: 2027, month: 1 }, -1))).toBe('2026-12');
    expect(monthParam(addMonths({ year: 2026, month: 11 }, -23))).toBe('2024-12');
  });

  it('gives the inclusive bounds the API asks for, leap years included', () => {
    expect(monthBounds({ year: 2026, month: 11 })).toEqual({ first: '2026-11-01', last: '2026-11-30' });
    expect(monthBounds({ year: 2024, month: 2 })).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(daysOf({ year: 2025, month: 2 })).toHaveLength(28);
    expect(monthLabel({ year: 2026, month: 11 })).toBe('November 2026');
  });

  it('lays the month out in weeks from Monday, blank outside the month', () => {
    // 1 November 2026 is a Sunday: the first week is six blanks and the 1st.
    const weeks = monthWeeks({ year: 2026, month: 11 });
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-11-01']);
    expect(weeks[1]?.[0]).toBe('2026-11-02');
    expect(weeks.at(-1)).toEqual(['2026-11-30', null, null, null, null, null, null]);
    expect(weeks).toHaveLength(6);
    expect(weeks.every((week) => week.length === 7)).toBe(true);
    // February 2021 starts on a Monday and fills exactly four weeks.
    expect(monthWeeks({ year: 2021, month: 2 })).toHaveLength(4);
  });

  it('takes today and this month from London, which can differ from UTC', () => {
    // 23:30 UTC on 30 June is already 1 July in London (BST).
    expect(londonToday(new Date('2020-06-30T23:30:00Z'))).toBe('2020-07-01');
    expect(londonMonth(new Date('2020-06-30T23:30:00Z'))).toEqual({ first: '2020-07-01', last: '2020-07-31', label: 'July 2020' });
    expect(londonMonth(new Date('2024-02-10T12:00:00Z'))).toEqual({ first: '2024-02-01', last: '2024-02-29', label: 'February 2024' });
    // In winter London is on GMT: 23:30 UTC on 30 November is still November.
    expect(londonToday(new Date('2026-11-30T23:30:00Z'))).toBe('2026-11-30');
  });
});
