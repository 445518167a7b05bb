import { describe, expect, it } from 'vitest';
import { emptyEntry, entryBody, validateEntry, windowNotice, type EntryValues } from './entry';

function filled(): EntryValues {
  return {
    ...emptyEntry(),
    cohort_code: 'primary-6',
    applicant: { first_name: ' Ruth ', last_name: 'Adams', email: 'ruth@example.org', trn: '', phone: '' },
    school_urn: '100001',
    has_qts: 'yes',
    years_teaching_maths: 6,
    days_teaching_maths_per_week: 3.5,
    statement: 'I lead maths.',
    criteria_evidence: { qts: ' Since 2012 ', other: '   ' },
    headteacher: { name: 'Pat Head', email: 'head@example.org', statement: '' },
    consent_to_data_processing: true,
  };
}

function problems(values: EntryValues): Record<string, string> {
  return Object.fromEntries(Object.entries(validateEntry(values)).filter((entry): entry is [string, string] => entry[1] !== null));
}

describe('entering an application by hand', () => {
  it('finds nothing wrong with a complete form', () => {
    expect(problems(filled())).toEqual({});
  });

  it('says beside each field what the API would refuse', () => {
    const found = problems(emptyEntry());
    expect(Object.keys(found).sort()).toEqual(
      [
        'applicant.email',
        'applicant.first_name',
        'applicant.last_name',
        'cohort_code',
        'consent_to_data_processing',
        'has_qts',
        'headteacher.email',
        'headteacher.name',
        'school_urn',
        'statement',
      ].sort(),
    );
    const wrong = problems({
      ...filled(),
      applicant: { ...filled().applicant, email: 'ruth.example.org', trn: '12345' },
      school_urn: '12345',
      years_teaching_maths: 61,
      days_teaching_maths_per_week: 3.3,
    });
    expect(wrong).toEqual({
      'applicant.email': 'Enter an email address in the right form, like name@school.org.uk.',
      'applicant.trn': 'A teacher reference number is seven digits.',
      school_urn: 'A URN is six digits.',
      years_teaching_maths: 'Enter a whole number of years from 0 to 60.',
      days_teaching_maths_per_week: 'Enter days from 0 to 7, in half days (for example 3.5).',
    });
  });

  it('sends the API its body: trimmed, blanks left out, no headteacher statement means a link is emailed', () => {
    const body = entryBody(filled());
    expect(body.applicant).toEqual({ first_name: 'Ruth', last_name: 'Adams', email: 'ruth@example.org', trn: null, phone: null });
    expect(body.criteria_evidence).toEqual({ qts: 'Since 2012' });
    expect(body.headteacher.statement).toBeNull();
    expect(body.is_maths_subject_leader).toBeNull();
    expect(body.has_qts).toBe(true);
    expect(body.days_teaching_maths_per_week).toBe(3.5);
  });

  it('says plainly, after the cohort closed, that the application will be marked late', () => {
    const cohort = { name: 'Cohort 6', opens_at: '2020-05-01T08:00:00Z', closes_at: '2020-06-15T16:00:00Z' };
    expect(windowNotice(cohort, new Date('2020-06-16T09:00:00Z'))).toEqual({
      late: true,
      message: 'Applications to Cohort 6 closed on 15 June 2020, 17:00. This application will be marked late.',
    });
    expect(windowNotice(cohort, new Date('2020-06-01T09:00:00Z'))).toMatchObject({ late: false });
  });
});
