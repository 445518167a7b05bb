import { describe, expect, it } from 'vitest';
import { parseBritishDate } from './britishDate';

describe('parseBritishDate', () => {
  it.each([
    ['30/11/2026', '2026-11-30'],
    ['30-11-2026', '2026-11-30'],
    ['30.11.2026', '2026-11-30'],
    ['30 Nov 2026', '2026-11-30'],
    ['30 November 2026', '2026-11-30'],
    ['30 nov. 2026', '2026-11-30'],
    ['30th November 2026', '2026-11-30'],
    ['Monday 30 November 2026', '2026-11-30'],
    ['  30  November   2026 ', '2026-11-30'],
    ['2026-11-30', '2026-11-30'],
    // Day first, always: never the American month/day reading.
    ['01/02/2027', '2027-02-01'],
    ['1/2/2027', '2027-02-01'],
    ['12/01/2027', '2027-01-12'],
    ['13/01/2027', '2027-01-13'],
    ['4 October 2027', '2027-10-04'],
    ['1 Sept 2027', '2027-09-01'],
    ['29/02/2028', '2028-02-29'],
    ['31/12/2026', '2026-12-31'],
  ])('reads %j as %s', (typed, expected) => {
    expect(parseBritishDate(typed)).toBe(expected);
  });

  it.each([
    ['31/02/2027', 'no 31 February'],
    ['29/02/2027', '2027 is not a leap year'],
    ['31/04/2027', 'April has 30 days'],
    ['00/01/2027', 'no day 0'],
    ['12/13/2027', 'no 13th month (nor the US reading of 13 December)'],
    ['11/30/2026', 'US order: there is no 30th month'],
    ['2027-02-30', 'ISO, impossible'],
    ['30/11/26', 'a two-digit year is not guessed at'],
    ['30/11-2026', 'mixed separators'],
    ['30 Novembr 2026', 'not a month'],
    ['November 30, 2026', 'month first'],
    ['30/11/2026 12:00', 'a time as well'],
    ['30/11/0026', 'a year out of range'],
    ['', 'nothing typed'],
    ['tomorrow', 'words'],
  ])('refuses %j (%s)', (typed) => {
    expect(parseBritishDate(typed)).toBeNull();
  });
});
