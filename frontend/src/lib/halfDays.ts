/**
 * Release days are counted in half days (`0.5`, `1`, `1.5`): never rounded, so a quarter day
 * typed is refused, not quietly paid as a half.
 */
export const HALF_DAYS_MESSAGE = 'Release days are counted in half days, such as 0.5, 1 or 1.5.';

/** The days a typed value holds, or null when it is not a number of days (`''`, `1,5`, `abc`). */
export function typedDays(value: number | string): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  const text = value.trim();
  if (!/^\d*\.?\d+$|^\d+\.$/.test(text)) return null;
  return Number(text);
}

/** The message for a days field, or null when the value is a whole number of half days. */
export function halfDaysError(value: number | string, { allowZero = false }: { allowZero?: boolean } = {}): string | null {
  const days = typedDays(value);
  if (days === null) return 'Enter the number of days.';
  if (days === 0 && !allowZero) return 'Enter the number of days: at least half a day.';
  if (days < 0) return 'Enter the number of days.';
  return Number.isInteger(days * 2) ? null : HALF_DAYS_MESSAGE;
}
