import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Interview } from '../../api/applications';
import { fakeApi, json, type SentRequest } from '../../test/fakeApi';
import { renderWithApp } from '../../test/render';
import { application } from './fixture.test-data';
import { InterviewPanel } from './Interview';

const URL = '/api/v1/applications/app-1/interview';

function interview(overrides: Partial<Interview> = {}): Interview {
  return {
    id: 'int-1',
    application_id: 'app-1',
    date: '2026-12-08',
    starts_at: '10:30',
    duration_minutes: 45,
    location: 'North Star Maths Hub',
    video_url: null,
    uid: 'interview-app-1@masteryhub',
    sequence: 0,
    created_at: '2026-11-20T09:00:00Z',
    updated_at: '2026-11-20T09:00:00Z',
    ...overrides,
  };
}

const puts = (sent: SentRequest[]) => sent.filter((request) => request.method === 'PUT');

async function moveTo(time: string) {
  const user = userEvent.setup({ delay: null });
  await user.click(screen.getByRole('button', { name: 'Reschedule' }));
  const starts = screen.getByLabelText(/^Starts/);
  await user.clear(starts);
  await user.type(starts, time);
  await user.click(screen.getByRole('button', { name: 'Save the new time' }));
}

describe('rescheduling an interview', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('sends the ETag of the interview on screen as If-Match', async () => {
    const shown = interview();
    const sent = fakeApi({
      [`GET ${URL}`]: json(shown, 200, { ETag: '"v1"' }),
      [`PUT ${URL}`]: json(interview({ starts_at: '11:00', sequence: 1 }), 200, { ETag: '"v2"' }),
      'GET /api/v1/applications/app-1': json(application({ status: 'interview', interview: shown })),
    });
    renderWithApp(<InterviewPanel application={application({ status: 'interview', interview: shown })} />);

    await moveTo('11:00');
    await waitFor(() => expect(puts(sent)).toHaveLength(1));
    expect(puts(sent)[0]?.headers.get('If-Match')).toBe('"v1"');
    expect(puts(sent)[0]?.headers.has('If-None-Match')).toBe(false);
    expect(puts(sent)[0]?.body).toMatchObject({ starts_at: '11:00' });
  });

  it('saves nothing and says someone else changed it when it was moved since it was shown', async () => {
    const shown = interview();
    const sent = fakeApi({
      // Someone moved it after this page showed it.
      [`GET ${URL}`]: json(interview({ starts_at: '14:00', sequence: 1, updated_at: '2026-11-21T12:00:00Z' }), 200, { ETag: '"v2"' }),
      'GET /api/v1/applications/app-1': json(application({ status: 'interview', interview: shown })),
    });
    renderWithApp(<InterviewPanel application={application({ status: 'interview', interview: shown })} />);

    await moveTo('11:00');
    expect(await screen.findByRole('alert')).toHaveTextContent('This interview changed after you opened it, so your change was not saved.');
    expect(puts(sent)).toEqual([]);
    expect(screen.queryByRole('button', { name: 'Save the new time' })).not.toBeInTheDocument();
  });

  it('shows the same alert when the API refuses a stale If-Match (412)', async () => {
    const shown = interview();
    fakeApi({
      [`GET ${URL}`]: json(shown, 200, { ETag: '"v1"' }),
      [`PUT ${URL}`]: json(
        { type: 'about:blank', title: 'The resource has changed since you read it', status: 412, code: 'precondition_failed', detail: 'Someone else changed this since you read it.' },
        412,
      ),
      'GET /api/v1/applications/app-1': json(application({ status: 'interview', interview: shown })),
    });
    renderWithApp(<InterviewPanel application={application({ status: 'interview', interview: shown })} />);

    await moveTo('11:00');
    expect(await screen.findByRole('alert')).toHaveTextContent('Someone else changed this');
  });

  async function scheduleFirst() {
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('button', { name: 'Schedule the interview' }));
    await user.type(screen.getByLabelText(/^Date/), '08/12/2026');
    await user.tab();
    await user.type(screen.getByLabelText(/^Starts/), '10:30');
    await user.type(screen.getByLabelText(/^Place/), 'The hub office');
    await user.click(screen.getByRole('button', { name: 'Schedule and email the applicant' }));
  }

  it('schedules a first interview with If-None-Match: * and no If-Match', async () => {
    const sent = fakeApi({
      [`GET ${URL}`]: json(null),
      [`PUT ${URL}`]: json(interview(), 201, { ETag: '"v1"' }),
      'GET /api/v1/applications/app-1': json(application({ status: 'interview', interview: interview() })),
    });
    renderWithApp(<InterviewPanel application={application({ status: 'shortlisted' })} />);
    await scheduleFirst();
    await waitFor(() => expect(puts(sent)).toHaveLength(1));
    expect(puts(sent)[0]?.headers.has('If-Match')).toBe(false);
    expect(puts(sent)[0]?.headers.get('If-None-Match')).toBe('*');
  });

  it('shows the stale alert when someone scheduled one between the read and the PUT (412)', async () => {
    const sent = fakeApi({
      [`GET ${URL}`]: json(null),
      [`PUT ${URL}`]: json(
        {
          type: 'about:blank',
          title: 'The resource has changed since you read it',
          status: 412,
          code: 'precondition_failed',
          detail: 'Someone else scheduled this interview since you read the application.',
        },
        412,
      ),
      'GET /api/v1/applications/app-1': json(application({ status: 'shortlisted' })),
    });
    renderWithApp(<InterviewPanel application={application({ status: 'shortlisted' })} />);
    await scheduleFirst();
    expect(await screen.findByRole('alert')).toHaveTextContent('Someone else changed this');
    expect(puts(sent)).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Schedule and email the applicant' })).not.toBeInTheDocument();
  });

  it('does not schedule over an interview someone else scheduled meanwhile', async () => {
    const sent = fakeApi({
      [`GET ${URL}`]: json(interview()),
      'GET /api/v1/applications/app-1': json(application({ status: 'shortlisted' })),
    });
    renderWithApp(<InterviewPanel application={application({ status: 'shortlisted' })} />);
    await scheduleFirst();
    expect(await screen.findByRole('alert')).toHaveTextContent('This interview changed after you opened it');
    expect(puts(sent)).toEqual([]);
  });
});
