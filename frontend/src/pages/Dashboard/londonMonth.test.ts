import { describe, expect, it } from 'vitest';
import { londonMonth } from '.';

describe('londonMonth', () => {
  it('is the London month, which can differ from the UTC one', () => {
    // 23:30 UTC on 30 June is already 1 July in London (BST).
    expect(londonMonth(new Date('2020-06-30T23:30:00Z'))).toEqual({ first: '2020-07-01', last: '2020-07-31', label: 'July 2020' });
    expect(londonMonth(new Date('2024-02-10T12:00:00Z'))).toEqual({ first: '2024-02-01', last: '2024-02-29', label: 'February 2024' });
  });
});
