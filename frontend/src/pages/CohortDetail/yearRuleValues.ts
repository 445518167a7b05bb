import type { CohortYearRule, YearRuleWrite } from '../../api/cohorts';
import { ACTIVITY_LABELS } from '../../lib/labels';
import type { Problem } from '../../lib/problem';
import { penceToPounds, poundsToPence } from './money';

export interface YearRuleValues {
  release_days: number | string;
  rates: { activity: string; amount: number | string }[];
  grants: { code: string; description: string; amount: number | string }[];
  notes: string;
}

export const RATE_OPTIONS = [
  { value: 'default', label: 'Any other activity' },
  ...Object.entries(ACTIVITY_LABELS).map(([value, label]) => ({ value, label })),
];

export function initialValues(rule: CohortYearRule | null): YearRuleValues {
  return {
    release_days: rule?.release_days ?? 15,
    rates: Object.entries(rule?.day_rates_pence ?? {}).map(([activity, pence]) => ({ activity, amount: penceToPounds(pence) })),
    grants: (rule?.grants ?? []).map((grant) => ({ code: grant.code, description: grant.description, amount: penceToPounds(grant.amount_pence) })),
    notes: rule?.notes ?? '',
  };
}

/** What the API takes: days as a number in half-day steps, every sum of money in integer pence. */
export function yearRuleBody(values: YearRuleValues): YearRuleWrite {
  return {
    release_days: Number(values.release_days),
    day_rates_pence: Object.fromEntries(values.rates.map((rate) => [rate.activity, poundsToPence(rate.amount) ?? 0])),
    grants: values.grants.map((grant) => ({
      code: grant.code.trim(),
      description: grant.description.trim(),
      amount_pence: poundsToPence(grant.amount) ?? 0,
    })),
    notes: values.notes.trim() || null,
  };
}

export const money = (value: number | string) => (poundsToPence(value) === null ? 'Enter an amount in pounds, such as 200 or 350.50.' : null);

/** The API's names for grant amounts are in pence; the form's are in pounds. */
export function toFormPaths(problem: Problem): Problem {
  return {
    ...problem,
    errors: problem.errors?.map((error) => ({
      ...error,
      field: error.field.replace(/^grants\.(\d+)\.amount_pence$/, 'grants.$1.amount').replace(/^day_rates_pence(\..*)?$/, 'rates'),
    })),
  };
}

