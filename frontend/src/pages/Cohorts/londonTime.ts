/**
 * The cohort form's dates and times are London wall time, as hub staff think of them
 * ("closes 15 June 2020 at 17:00"). The API takes exactly that: a date-time without an offset
 * is read as Europe/London (`2020-06-15T17:00` is 16:00 UTC in summer), and answers in UTC.
 */
import { LONDON } from '../../lib/format';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** `2020-06-15` and `17:00` → `2020-06-15T17:00`, London wall time for the API. */
export function londonWallTime(date: string, time: string): string {
  if (!DATE.test(date)) throw new RangeError(`Not a date: ${date}`);
  if (!TIME.test(time)) throw new RangeError(`Not a time: ${time}`);
  return `${date}T${time}`;
}

export function isTime(value: string): boolean {
  return TIME.test(value);
}

const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: LONDON, year: 'numeric', month: '2-digit', day: '2-digit' });
const londonClock = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant the API answered (`2020-06-15T16:00:00Z`) → the London day and time it shows: `2020-06-15`, `17:00`. */
export function londonParts(instant: string): { date: string; time: string } {
  const value = new Date(instant);
  if (Number.isNaN(value.getTime())) throw new RangeError(`Not an instant: ${instant}`);
  return { date: londonDate.format(value), time: londonClock.format(value) };
}

