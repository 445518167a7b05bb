/**
 * How MasteryHub writes dates, times, money and academic years: British English, Europe/London.
 *
 * The API speaks RFC 3339 instants in UTC (`2020-06-15T16:00:00Z`), calendar dates
 * (`2020-06-15`), money as integer pence and academic years as `2020/21`. People read
 * `15 June 2020`, `17:00` (London time, BST or GMT as the date requires) and `£3,000.00`.
 */

export const LONDON = 'Europe/London';
const LOCALE = 'en-GB';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

const longDateInLondon = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: LONDON,
});

// A calendar date has no time zone: format it as the same day everywhere.
const longDateAsWritten = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

const timeInLondon = new Intl.DateTimeFormat(LOCALE, {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: LONDON,
});

const pounds = new Intl.NumberFormat(LOCALE, {
  style: 'currency',
  currency: 'GBP',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

function parseInstant(value: string | Date): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`Not a date: ${String(value)}`);
  }
  return date;
}

/**
 * `2020-06-15` → `15 June 2020`; an instant such as `2020-06-15T16:00:00Z` → the London
 * calendar day it falls on (`2020-06-15T23:30:00Z` is already 16 June in BST).
 */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string') {
    const match = DATE_ONLY.exec(value);
    if (match) {
      const [, year, month, day] = match;
      return longDateAsWritten.format(new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))));
    }
  }
  return longDateInLondon.format(parseInstant(value));
}

/** `2020-06-15T16:00:00Z` → `17:00` (BST); `2020-12-01T16:00:00Z` → `16:00` (GMT). */
export function formatTime(value: string | Date): string {
  return timeInLondon.format(parseInstant(value));
}

/** `2020-06-15T16:00:00Z` → `15 June 2020, 17:00`. */
export function formatDateTime(value: string | Date): string {
  return `${formatDate(parseInstant(value))}, ${formatTime(value)}`;
}

/**
 * Integer pence → `£3,000.00`; negative amounts (reversals) → `−£200.00`, with a true minus sign
 * (read as "minus") joined to the pound sign so the two never wrap onto separate lines.
 */
export function formatPence(pence: number): string {
  if (!Number.isSafeInteger(pence)) {
    throw new RangeError(`Money must be a whole number of pence, got ${pence}`);
  }
  // Split into pounds and pence as integers so no binary fraction ever reaches the output.
  const negative = pence < 0;
  const absolute = Math.abs(pence);
  const whole = Math.trunc(absolute / 100);
  const rest = absolute % 100;
  const text = pounds.format(whole).replace(/\.00$/, `.${String(rest).padStart(2, '0')}`);
  return negative ? `\u2212\u2060${text}` : text;
}

/** The academic year starting in September of `startYear`: 2020 → `2020/21`. */
export function formatAcademicYear(startYear: number): string {
  if (!Number.isInteger(startYear) || startYear < 1000 || startYear > 9998) {
    throw new RangeError(`Not a year: ${startYear}`);
  }
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

const ACADEMIC_YEAR = /^(\d{4})\/(\d{2})$/;

/** `2020/21` → 2020; throws on `2020/22` or `2020-21`. */
export function parseAcademicYear(value: string): number {
  const match = ACADEMIC_YEAR.exec(value);
  const start = match ? Number(match[1]) : NaN;
  if (!match || (start + 1) % 100 !== Number(match[2])) {
    throw new RangeError(`Not an academic year: ${value}`);
  }
  return start;
}

const londonParts = new Intl.DateTimeFormat(LOCALE, {
  year: 'numeric',
  month: 'numeric',
  timeZone: LONDON,
});

/**
 * The academic year (1 September to 31 August) a day belongs to, in London:
 * 31 August 2021 → `2020/21`, 1 September 2021 → `2021/22`.
 */
export function academicYearOf(value: string | Date): string {
  let year: number;
  let month: number;
  const match = typeof value === 'string' ? DATE_ONLY.exec(value) : null;
  if (match) {
    year = Number(match[1]);
    month = Number(match[2]);
  } else {
    const parts = londonParts.formatToParts(parseInstant(value));
    year = Number(parts.find((part) => part.type === 'year')?.value);
    month = Number(parts.find((part) => part.type === 'month')?.value);
  }
  return formatAcademicYear(month >= 9 ? year : year - 1);
}

/** Release days in half-day steps: 1 → `1 day`, 1.5 → `1.5 days`, 0.5 → `0.5 days`. */
export function formatDays(days: number): string {
  if (!Number.isInteger(days * 2)) {
    throw new RangeError(`Days come in half-day steps, got ${days}`);
  }
  // A reversal's days are negative: `−1 day`, with a minus sign, never `-1 days`.
  const count = Math.abs(days);
  return `${days < 0 ? '\u2212' : ''}${count} ${count === 1 ? 'day' : 'days'}`;
}

/** Whole days from `now` until `closes`, counted in London calendar days (0 on the day). */
export function daysUntil(closes: string | Date, now: Date = new Date()): number {
  const day = (date: Date) => {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone: LONDON }).format(date);
    return Date.parse(`${parts}T00:00:00Z`);
  };
  return Math.round((day(parseInstant(closes)) - day(now)) / 86_400_000);
}

function londonOffsetMinutes(epochMs: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: LONDON,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
      .formatToParts(new Date(epochMs))
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  const asUtc = Date.UTC(parts.year ?? 0, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return Math.round((asUtc - epochMs) / 60_000);
}

/**
 * The instant a London calendar day begins, as RFC 3339 UTC — for turning a date picked in a
 * filter into the API's `occurred_after`: `2020-06-15` → `2020-06-14T23:00:00.000Z` (BST).
 */
export function startOfLondonDay(date: string): string {
  const match = DATE_ONLY.exec(date);
  if (!match) throw new RangeError(`Not a date: ${date}`);
  const utcMidnight = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return new Date(utcMidnight - londonOffsetMinutes(utcMidnight) * 60_000).toISOString();
}

/** The day after a `YYYY-MM-DD` date, for exclusive upper bounds (`occurred_before`). */
export function nextDay(date: string): string {
  const match = DATE_ONLY.exec(date);
  if (!match) throw new RangeError(`Not a date: ${date}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1)).toISOString().slice(0, 10);
}
