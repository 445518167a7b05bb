import type { DayOfWeek } from '@mantine/dates';

/**
 * Props every calendar gets, for WCAG 2.2 AA: names for the calendar's arrow buttons, and no
 * red-6 weekends or half-transparent days from other months (both under 4.5:1 contrast).
 * The level controls keep their visible text ("November 2026") as their name (WCAG 2.5.3).
 * British conventions: weeks start on Monday.
 */
export const CALENDAR_DEFAULTS = {
  firstDayOfWeek: 1 as DayOfWeek,
  weekendDays: [] as DayOfWeek[],
  hideOutsideDates: true,
  ariaLabels: {
    nextMonth: 'Next month',
    previousMonth: 'Previous month',
    nextYear: 'Next year',
    previousYear: 'Previous year',
    nextDecade: 'Next decade',
    previousDecade: 'Previous decade',
  },
};

/**
 * For the pick-only inputs (DatePickerInput: date ranges in filters), whose dates read
 * `15 June 2020`. A date people type goes in `DateField`, which reads it the British way.
 */
export const DATE_PICKER_DEFAULTS = {
  ...CALENDAR_DEFAULTS,
  valueFormat: 'D MMMM YYYY',
};
