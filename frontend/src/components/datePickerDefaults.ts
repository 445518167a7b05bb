import type { DayOfWeek } from '@mantine/dates';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Typed dates: `2027-10-04` or `4 October 2027` → `2027-10-04`; null when it is neither. */
export function parseTypedDate(text: string): string | null {
  const trimmed = text.trim();
  if (ISO_DATE.test(trimmed)) return trimmed;
  const parsed = new Date(`${trimmed} 12:00 UTC`);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString().slice(0, 10);
}

/**
 * Props every date picker gets, for WCAG 2.2 AA: names for the calendar's arrow buttons, and no
 * red-6 weekends or half-transparent days from other months (both under 4.5:1 contrast).
 * The level controls keep their visible text ("November 2026") as their name (WCAG 2.5.3).
 * British conventions: weeks start on Monday, dates read `15 June 2020`, and a date can be
 * typed as `15 June 2020` or `2020-06-15`.
 */
export const DATE_PICKER_DEFAULTS = {
  valueFormat: 'D MMMM YYYY',
  firstDayOfWeek: 1 as DayOfWeek,
  weekendDays: [] as DayOfWeek[],
  hideOutsideDates: true,
  dateParser: parseTypedDate,
  ariaLabels: {
    nextMonth: 'Next month',
    previousMonth: 'Previous month',
    nextYear: 'Next year',
    previousYear: 'Previous year',
    nextDecade: 'Next decade',
    previousDecade: 'Previous decade',
  },
};
