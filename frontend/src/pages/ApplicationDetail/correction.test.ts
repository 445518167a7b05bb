import { describe, expect, it } from 'vitest';
import { correctionBody, newLinkQuestion, savedMessage, valuesOf } from './correction';
import { application } from './fixture.test-data';

describe('correcting an application', () => {
  it('sends only what changed, clearing emptied optional answers', () => {
    const before = valuesOf(application({ applicant: { first_name: 'Sam', last_name: 'Bright', email: 'sam@example.org', trn: '1234567', phone: '0161 000 0000' } }));
    const after = {
      ...before,
      applicant: { ...before.applicant, last_name: ' Brighton ', phone: '' },
      years_teaching_maths: 7,
      is_maths_subject_leader: '' as const,
    };
    expect(correctionBody(before, after)).toEqual({
      applicant: { last_name: 'Brighton', phone: null },
      years_teaching_maths: 7,
      is_maths_subject_leader: null,
    });
    expect(correctionBody(before, before)).toEqual({});
  });

  it('treats an address differing only in case as unchanged', () => {
    const before = valuesOf(application());
    const after = { ...before, headteacher: { ...before.headteacher, email: 'PAT@school.example.org' } };
    expect(correctionBody(before, after)).toEqual({});
  });

  it('sends a school picked for an unmatched URN', () => {
    const unmatched = application({ school: null, school_urn: '990999', school_unmatched: true });
    const before = valuesOf(unmatched);
    expect(before.school_urn).toBeNull();
    expect(correctionBody(before, { ...before, school_urn: '999002' })).toEqual({ school_urn: '999002' });
  });

  it('asks to send a new link only for a new headteacher address while the reference is awaited', () => {
    const body = { headteacher: { email: 'deputy@school.example.org' } };
    expect(newLinkQuestion(application(), body)).toBe('deputy@school.example.org');
    expect(newLinkQuestion(application({ status: 'complete' }), body)).toBeNull();
    expect(newLinkQuestion(application(), { headteacher: { name: 'Pat Deputy' } })).toBeNull();
  });

  it('says where the new link went and that the old one no longer works', () => {
    const body = { headteacher: { email: 'deputy@school.example.org' } };
    expect(savedMessage(body, 'deputy@school.example.org', 'pat@school.example.org')).toBe(
      'The corrections are saved. A new reference link was sent to deputy@school.example.org; the link sent to pat@school.example.org no longer works.',
    );
    expect(savedMessage(body, null, 'pat@school.example.org')).toBe(
      'The corrections are saved. The link sent to pat@school.example.org no longer works; no new link was sent.',
    );
    expect(savedMessage({ role_title: 'Deputy head' }, null, 'pat@school.example.org')).toBe('The corrections are saved.');
  });
});
