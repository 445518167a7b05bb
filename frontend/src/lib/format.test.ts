import { describe, expect, it } from 'vitest';
import {
  academicYearOf,
  daysUntil,
  formatAcademicYear,
  formatDate,
  formatDateTime,
  formatDays,
  formatPence,
  formatTime,
  nextDay,
  parseAcademicYear,
  startOfLondonDay,
} from './format';

describe('formatDate', () => {
  it('writes calendar dates the British way', () => {
    expect(formatDate('2020-06-15')).toBe('15 June 2020');
    expect(formatDate('2021-01-01')).toBe('1 January 2021');
  });

  it('puts an instant on its London calendar day', () => {
    // 23:30 UTC on 15 June is 00:30 BST on 16 June.
    expect(formatDate('2020-06-15T23:30:00Z')).toBe('16 June 2020');
    // In winter London is on GMT, so the day does not change.
    expect(formatDate('2020-12-15T23:30:00Z')).toBe('15 December 2020');
  });

  it('refuses what is not a date', () => {
    expect(() => formatDate('next Tuesday')).toThrow(RangeError);
  });
});

describe('formatTime', () => {
  it('shows London time, in BST and in GMT', () => {
    expect(formatTime('2020-06-15T16:00:00Z')).toBe('17:00');
    expect(formatTime('2020-12-01T16:00:00Z')).toBe('16:00');
    expect(formatTime('2020-06-15T08:05:00Z')).toBe('09:05');
  });

  it('joins date and time for the cohort closing moment', () => {
    expect(formatDateTime('2020-06-15T16:00:00Z')).toBe('15 June 2020, 17:00');
  });
});

describe('formatPence', () => {
  it('writes integer pence as pounds', () => {
    expect(formatPence(300000)).toBe('£3,000.00');
    expect(formatPence(525000)).toBe('£5,250.00');
    expect(formatPence(0)).toBe('£0.00');
    expect(formatPence(5)).toBe('£0.05');
    expect(formatPence(123456789)).toBe('£1,234,567.89');
  });

  it('writes a reversal with a minus sign', () => {
    expect(formatPence(-20000)).toBe('\u2212\u2060£200.00');
    expect(formatPence(-1)).toBe('\u2212\u2060£0.01');
  });

  it('refuses fractions of a penny', () => {
    expect(() => formatPence(10.5)).toThrow(RangeError);
  });
});

describe('academic years', () => {
  it('writes and reads 2020/21', () => {
    expect(formatAcademicYear(2020)).toBe('2020/21');
    expect(formatAcademicYear(2099)).toBe('2099/00');
    expect(parseAcademicYear('2020/21')).toBe(2020);
    expect(() => parseAcademicYear('2020/22')).toThrow(RangeError);
    expect(() => parseAcademicYear('2020-21')).toThrow(RangeError);
  });

  it('runs from 1 September to 31 August', () => {
    expect(academicYearOf('2021-08-31')).toBe('2020/21');
    expect(academicYearOf('2021-09-01')).toBe('2021/22');
    // 23:30 UTC on 31 August is already 1 September in London.
    expect(academicYearOf('2021-08-31T23:30:00Z')).toBe('2021/22');
  });
});

describe('formatDays', () => {
  it('counts half days', () => {
    expect(formatDays(1)).toBe('1 day');
    expect(formatDays(1.5)).toBe('1.5 days');
    expect(formatDays(15)).toBe('15 days');
    expect(() => formatDays(1.25)).toThrow(RangeError);
    expect(formatDays(-1)).toBe('\u22121 day');
    expect(formatDays(-0.5)).toBe('\u22120.5 days');
  });
});

describe('daysUntil', () => {
  it('counts London calendar days to a closing time', () => {
    const now = new Date('2020-06-01T10:00:00Z');
    expect(daysUntil('2020-06-15T16:00:00Z', now)).toBe(14);
    expect(daysUntil('2020-06-01T16:00:00Z', now)).toBe(0);
  });
});

describe('startOfLondonDay', () => {
  it('finds London midnight in summer, in winter and on the clock-change days', () => {
    expect(startOfLondonDay('2020-06-15')).toBe('2020-06-14T23:00:00.000Z');
    expect(startOfLondonDay('2020-12-15')).toBe('2020-12-15T00:00:00.000Z');
    // Clocks go forward at 01:00 GMT on 29 March 2020: the day still starts at 00:00 GMT.
    expect(startOfLondonDay('2020-03-29')).toBe('2020-03-29T00:00:00.000Z');
    // Clocks go back at 02:00 BST on 25 October 2020: the day starts at 00:00 BST.
    expect(startOfLondonDay('2020-10-25')).toBe('2020-10-24T23:00:00.000Z');
  });

  it('steps to the next day across month and year ends', () => {
    expect(nextDay('2020-08-31')).toBe('2020-09-01');
    expect(nextDay('2020-12-31')).toBe('2021-01-01');
  });
});
