/**
 * Calendar months as London sees them: `2026-11` in the address, `November 2026` on screen,
 * `2026-11-01`…`2026-11-30` for the API. Calendar dates carry no time zone, so they are
 * computed in UTC arithmetic; only "today" depends on the clock, and that is London's.
 */

import { LONDON } from './format';

export interface Month {
  year: number;
  /** 1 = January. */
  month: number;
}

const MONTH_PARAM = /^(\d{4})-(\d{2})$/;
const pad = (value: number) => String(value).padStart(2, '0');

/** The London calendar day of `now`, as `YYYY-MM-DD`. */
export function londonToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: LONDON, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export function monthOf(date: string): Month {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

/** `2026-11` → November 2026; anything else (absent, `2026-13`, `Nov`) → null. */
export function parseMonth(value: string | null | undefined): Month | null {
  const match = MONTH_PARAM.exec(value ?? '');
  if (!match) return null;
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? { year: Number(match[1]), month } : null;
}

export function monthParam({ year, month }: Month): string {
  return `${year}-${pad(month)}`;
}

export function addMonths({ year, month }: Month, count: number): Month {
  const index = year * 12 + (month - 1) + count;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

function daysIn({ year, month }: Month): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The first and last day, as the API's inclusive `from` and `to`. */
export function monthBounds(value: Month): { first: string; last: string } {
  const prefix = monthParam(value);
  return { first: `${prefix}-01`, last: `${prefix}-${pad(daysIn(value))}` };
}

export function monthLabel({ year, month }: Month): string {
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1)));
}

/** Every day of the month, `YYYY-MM-DD`. */
export function daysOf(value: Month): string[] {
  const prefix = monthParam(value);
  return Array.from({ length: daysIn(value) }, (_, index) => `${prefix}-${pad(index + 1)}`);
}

/**
 * The month as weeks from Monday to Sunday (as British calendars are laid out); the days of
 * the weeks that belong to the months either side are null.
 */
export function monthWeeks(value: Month): (string | null)[][] {
  const days = daysOf(value);
  const mondayFirst = (new Date(Date.UTC(value.year, value.month - 1, 1)).getUTCDay() + 6) % 7;
  const cells: (string | null)[] = [...Array<null>(mondayFirst).fill(null), ...days];
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}

/** The current month in London with its bounds and label (a dashboard's "this month"). */
export function londonMonth(now: Date): { first: string; last: string; label: string } {
  const month = monthOf(londonToday(now));
  return { ...monthBounds(month), label: monthLabel(month) };
}
