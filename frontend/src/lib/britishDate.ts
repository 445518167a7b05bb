/**
 * Dates as people in England type them, read day first: `30/11/2026`, `30-11-2026`,
 * `30.11.2026`, `30 Nov 2026`, `30 November 2026` (and ISO `2026-11-30`, as other systems
 * write it). `01/02/2027` is 1 February 2027, never 2 January. Years are written in full, as
 * GOV.UK asks: `30/11/26` is not accepted rather than guessed at.
 */

/** What every date field says when the text is not a date it can read. */
export const DATE_FIELD_MESSAGE = 'Enter a real date, for example 30/11/2026.';

const MONTHS: Record<string, number> = {
  jan: 1, january: 1,
  feb: 2, february: 2,
  mar: 3, march: 3,
  apr: 4, april: 4,
  may: 5,
  jun: 6, june: 6,
  jul: 7, july: 7,
  aug: 8, august: 8,
  sep: 9, sept: 9, september: 9,
  oct: 10, october: 10,
  nov: 11, november: 11,
  dec: 12, december: 12,
};

const WEEKDAY = '(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*,?\\s+)?';
// Same separator twice: `30/11/2026`, `30-11-2026`, `30.11.2026`.
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
// `30 Nov 2026`, `30th November 2026`, `Monday 30 November 2026`, `30 Nov. 2026`.
const WORDS = new RegExp(`^${WEEKDAY}(\\d{1,2})(?:st|nd|rd|th)?\\s+([a-z]+)\\.?,?\\s+(\\d{4})$`);

const FIRST_YEAR = 1900;
const LAST_YEAR = 2199;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function iso(year: number, month: number, day: number): string | null {
  if (year < FIRST_YEAR || year > LAST_YEAR) return null;
  if (month < 1 || month > 12) return null;
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year)}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The ISO date (`2027-02-01`) a British date reads as, or null when it is not a real date. */
export function parseBritishDate(text: string): string | null {
  const typed = text.trim().toLowerCase().replace(/\s+/g, ' ');
  let match = NUMERIC.exec(typed);
  if (match) return iso(Number(match[4]), Number(match[3]), Number(match[1]));
  match = ISO.exec(typed);
  if (match) return iso(Number(match[1]), Number(match[2]), Number(match[3]));
  match = WORDS.exec(typed);
  if (match) {
    const month = MONTHS[match[2] ?? ''];
    return month === undefined ? null : iso(Number(match[3]), month, Number(match[1]));
  }
  return null;
}
