import { describe, expect, it } from 'vitest';
import { flag } from './fixture.test-data';
import { groupFlags, screeningSummary, verdictOf } from './screening';

describe('screening flags', () => {
  it('says essential failures in red, desirable ones in amber, unknowns in grey, and never the code', () => {
    expect(verdictOf(flag('qts', { label: 'QTS', passed: false, outcome: 'failed' }))).toEqual({ text: 'Not met (essential)', colour: 'red' });
    expect(verdictOf(flag('years_experience', { criterion_kind: 'desirable', passed: false, outcome: 'not_met' }))).toEqual({
      text: 'Not met (desirable)',
      colour: 'yellow',
    });
    expect(verdictOf(flag('phase', { passed: null, outcome: 'unknown' }))).toEqual({ text: 'Not known yet', colour: 'gray' });
    expect(verdictOf(flag('qts'))).toEqual({ text: 'Met', colour: 'green' });
    expect(verdictOf(flag('school_unmatched', { criterion_kind: null }))).toEqual({ text: 'Matched', colour: 'green' });
    expect(verdictOf(flag('school_unmatched', { criterion_kind: null, passed: false, outcome: 'not_met' }))).toEqual({
      text: 'Action needed',
      colour: 'yellow',
    });
  });

  it('groups the applicant’s checks and the school’s, the match first among the school’s', () => {
    const groups = groupFlags([
      flag('qts'),
      flag('phase'),
      flag('state_funded'),
      flag('years_experience'),
      flag('school_unmatched', { criterion_kind: null }),
    ]);
    expect(groups.map((group) => [group.title, group.flags.map((item) => item.code)])).toEqual([
      ['The applicant', ['qts', 'years_experience']],
      ['The school', ['school_unmatched', 'phase', 'state_funded']],
    ]);
  });

  it('sums up what needs a look in one sentence', () => {
    expect(screeningSummary([flag('qts')])).toBe('Every check the system can make is met.');
    expect(
      screeningSummary([
        flag('qts', { outcome: 'failed', passed: false }),
        flag('years_experience', { criterion_kind: 'desirable', outcome: 'not_met', passed: false }),
        flag('phase', { outcome: 'unknown', passed: null }),
        flag('in_england', { outcome: 'unknown', passed: null }),
      ]),
    ).toBe(
      '1 essential check not met, 1 desirable check not met and 2 checks not known yet. A failed check never rejects an application: the hub decides.',
    );
    expect(
      screeningSummary([
        flag('school_unmatched', { criterion_kind: null, outcome: 'not_met', passed: false }),
        flag('phase', { outcome: 'unknown', passed: null }),
      ]),
    ).toBe('The school is not matched yet and 1 check not known until it is. A failed check never rejects an application: the hub decides.');
  });
});
