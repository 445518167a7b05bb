import { ACTIVITY_LABELS } from '../../lib/labels';
import type { Problem } from '../../lib/problem';
import { penceToPounds, poundsToPence } from '../CohortDetail/money';

export interface RateRow {
  activity: string;
  amount: string;
}

export interface DayRateValues {
  rates: RateRow[];
}

/** `default` first (it is what most claims use), then the activities in the programme's order. */
const ORDER = ['default', ...Object.keys(ACTIVITY_LABELS)];

export const RATE_LABELS: Record<string, string> = { default: 'Any other activity', ...ACTIVITY_LABELS };

/** The words for a rate key; an unknown code from a newer API shows as itself, not as blank. */
export function rateLabel(key: string): string {
  return RATE_LABELS[key] ?? key;
}

/** Rates in the order people read them, each as `[label, '£350.00']` ready to show. */
export function sortedRates(rates: Record<string, number>): [string, number][] {
  return Object.entries(rates).sort(([a], [b]) => rank(a) - rank(b));
}

function rank(key: string): number {
  const index = ORDER.indexOf(key);
  return index === -1 ? ORDER.length : index;
}

/** The form starts from the hub's own rates, or from the national rule when the hub has none. */
export function initialRates(hub: Record<string, number> | null, national: Record<string, number>): DayRateValues {
  const start = hub ?? national;
  const rows = sortedRates(start).map(([activity, pence]) => ({ activity, amount: penceToPounds(pence) }));
  return { rates: rows.length > 0 ? rows : [{ activity: 'default', amount: '' }] };
}

/** Pounds as typed (`350`, `£1,200.50`) → the API's pence by activity. Call after validation. */
export function ratesBody(values: DayRateValues): { day_rates_pence: Record<string, number> } {
  return {
    day_rates_pence: Object.fromEntries(
      values.rates.map((row) => {
        const pence = poundsToPence(row.amount);
        if (pence === null) throw new RangeError(`Not an amount in pounds: ${row.amount}`);
        return [row.activity, pence];
      }),
    ),
  };
}

export const MAX_DAY_RATE_PENCE = 100_000_00;

/** Beside a pounds field: nothing, or what to type instead. */
export function amountError(value: string): string | null {
  if (value.trim() === '') return 'Enter the rate in pounds, such as 350.';
  const pence = poundsToPence(value);
  if (pence === null) return 'Enter an amount in pounds, such as 350 or 350.50.';
  if (pence > MAX_DAY_RATE_PENCE) return 'A day rate can be at most £100,000.00.';
  return null;
}

/** Beside an activity: each activity (and the default) may have one rate. */
export function activityError(values: DayRateValues, index: number): string | null {
  const activity = values.rates[index]?.activity ?? '';
  if (!activity) return 'Choose the activity.';
  return values.rates.findIndex((row) => row.activity === activity) === index ? null : 'Each activity may have one rate.';
}

/** The API's `day_rates_pence…` errors belong to the list of rates on the form. */
export function toFormPaths(problem: Problem): Problem {
  return {
    ...problem,
    errors: problem.errors?.map((error) => ({
      ...error,
      field: /^(body\.)?day_rates_pence(\..*)?$/.test(error.field) ? 'rates' : error.field,
    })),
  };
}
