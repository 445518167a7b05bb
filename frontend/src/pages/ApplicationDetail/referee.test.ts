import { describe, expect, it } from 'vitest';
import { application } from './fixture.test-data';
import { movedMessage } from './moved';
import { placesWords } from './places';
import { referenceLog, resendWait } from './referee';

describe('the referee panel', () => {
  it('says when the link can next be sent, in London time, or nothing once it can', () => {
    const now = new Date('2026-06-10T09:00:00Z');
    expect(resendWait('2026-06-11T14:30:00Z', now)).toBe(
      'The link was sent again less than 48 hours ago, so it can next be sent on 11 June 2026 at 15:30 (London time).',
    );
    expect(resendWait('2026-06-10T08:59:00Z', now)).toBeNull();
    expect(resendWait(null, now)).toBeNull();
  });

  it('lists the links sent by hand and the chasers in the order they went', () => {
    const log = referenceLog(
      application({
        reference_resends: [{ sent_at: '2026-06-09T10:00:00Z', sent_to: 'pat@school.example.org', sent_by: 'Hana Lead' }],
        reference_status: {
          ...application().reference_status,
          chasers: [
            { recipient: 'headteacher', day: 7, sent_at: '2026-06-08T07:00:00Z' },
            { recipient: 'applicant', day: 10, sent_at: '2026-06-11T07:00:00Z' },
          ],
        },
      }),
    );
    expect(log.map((line) => line.text)).toEqual([
      'Reminder to the headteacher, 7 days after the link was sent.',
      'New link sent by Hana Lead to pat@school.example.org.',
      'Reminder to the applicant to nudge their headteacher, 10 days after the link was sent.',
    ]);
  });
});

describe('places and moves', () => {
  it('counts places filled, or appointments when the cohort sets no number', () => {
    expect(placesWords({ filled: 3, total: 4 })).toBe('3 of 4');
    expect(placesWords({ filled: 2, total: null })).toBe('2 appointed (no set number of places)');
  });

  it('says plainly when matching a school moved the application to another hub', () => {
    const before = application({ school: null, school_unmatched: true });
    const after = application({
      hub: { id: 'hub-south', code: 'south', name: 'South Maths Hub' },
      school: { id: 's-9', urn: '999101', name: 'Solent Way Primary School', phase_name: 'Primary', la_name: 'Southampton' },
    });
    expect(movedMessage(before, after)).toBe(
      'Sam Bright’s application has moved to South Maths Hub, because Solent Way Primary School is in its area. North Maths Hub can no longer open it; its reviews, notes and reference went with it.',
    );
    expect(movedMessage(before, application())).toBeNull();
  });
});
