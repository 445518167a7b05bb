import { describe, expect, it } from 'vitest';
import { activityError, amountError, initialRates, ratesBody, sortedRates, toFormPaths } from './values';

describe('day rates in pounds, sent as pence', () => {
  it.each([
    ['350', 35000],
    ['350.5', 35050],
    ['£1,200.50', 120050],
    [' 0.29 ', 29],
    ['0', 0],
  ])('%s → %i pence', (typed, pence) => {
    expect(amountError(typed)).toBeNull();
    expect(ratesBody({ rates: [{ activity: 'default', amount: typed }] })).toEqual({ day_rates_pence: { default: pence } });
  });

  it.each([
    ['', 'Enter the rate in pounds, such as 350.'],
    ['350.505', 'Enter an amount in pounds, such as 350 or 350.50.'],
    ['-20', 'Enter an amount in pounds, such as 350 or 350.50.'],
    ['three hundred', 'Enter an amount in pounds, such as 350 or 350.50.'],
    ['100000.01', 'A day rate can be at most £100,000.00.'],
  ])('refuses %j', (typed, message) => {
    expect(amountError(typed)).toBe(message);
  });

  it('never sends a rate that did not parse', () => {
    expect(() => ratesBody({ rates: [{ activity: 'default', amount: 'lots' }] })).toThrow(RangeError);
  });

  it('starts from the hub’s rates, else the national rule, else one empty default row', () => {
    const national = { work_group_session: 35000, default: 20000 };
    expect(initialRates(null, national).rates).toEqual([
      { activity: 'default', amount: '200.00' },
      { activity: 'work_group_session', amount: '350.00' },
    ]);
    expect(initialRates({ planning: 15050 }, national).rates).toEqual([{ activity: 'planning', amount: '150.50' }]);
    expect(initialRates(null, {}).rates).toEqual([{ activity: 'default', amount: '' }]);
  });

  it('orders rates default first, then the programme’s activities, unknown codes last', () => {
    expect(sortedRates({ zzz: 1, planning: 2, default: 3, residential: 4 }).map(([key]) => key)).toEqual([
      'default',
      'residential',
      'planning',
      'zzz',
    ]);
  });

  it('allows each activity once', () => {
    const values = { rates: [{ activity: 'default', amount: '1' }, { activity: 'default', amount: '2' }, { activity: '', amount: '3' }] };
    expect(activityError(values, 0)).toBeNull();
    expect(activityError(values, 1)).toBe('Each activity may have one rate.');
    expect(activityError(values, 2)).toBe('Choose the activity.');
  });

  it('puts the API’s rate errors on the list of rates', () => {
    const problem = toFormPaths({
      type: 'about:blank',
      title: 'Some of the details need correcting',
      status: 422,
      code: 'validation_error',
      errors: [{ field: 'day_rates_pence', message: 'A day rate cannot be negative.' }],
    });
    expect(problem.errors).toEqual([{ field: 'rates', message: 'A day rate cannot be negative.' }]);
  });
});
