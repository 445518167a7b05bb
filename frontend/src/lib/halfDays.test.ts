import { describe, expect, it } from 'vitest';
import { HALF_DAYS_MESSAGE, halfDaysError } from './halfDays';

describe('halfDaysError', () => {
  it.each([0.5, 1, 1.5, 15, '2', '2.5', '0.5', '.5'])('accepts %j', (value) => {
    expect(halfDaysError(value)).toBeNull();
  });

  it.each([0.25, '0.25', 1.3, '1.75', '0.1'])('refuses %j as not a whole number of half days, never rounding it', (value) => {
    expect(halfDaysError(value)).toBe(HALF_DAYS_MESSAGE);
  });

  it.each(['', 'abc', '1,5', -1])('asks for a number of days for %j', (value) => {
    expect(halfDaysError(value)).toMatch(/^Enter the number of days/);
  });

  it('refuses nothing at all unless zero is allowed (an entitlement may be 0)', () => {
    expect(halfDaysError(0)).toBe('Enter the number of days: at least half a day.');
    expect(halfDaysError(0, { allowZero: true })).toBeNull();
  });
});
