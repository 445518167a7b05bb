import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../../test/fakeApi';
import { renderWithApp } from '../../test/render';
import { Component as ReferencePage } from './index';

const LINK = '/api/v1/references/tok-123';
const VIEW = {
  applicant_name: 'Priya Shah',
  school_name: 'Northgate Primary School',
  school_urn: '100001',
  cohort_name: 'Primary Cohort 6',
  programme: 'primary',
  closes_at: '2026-06-15T16:00:00Z',
  link_expires_at: '2026-06-29T16:00:00Z',
  headteacher_name: 'Dr Ada Jones',
  asks: ['Confirm the school will release the applicant for the programme’s days.'],
  criteria: [{ code: 'E1', kind: 'essential', wording: 'Is an excellent classroom practitioner' }],
};

function openLink() {
  renderWithApp(<ReferencePage />, { path: '/references/:token', url: '/references/tok-123' });
}

describe('the headteacher’s reference page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('explains the application with London dates and asks for the statement before sending', async () => {
    const sent = fakeApi({ [`GET ${LINK}`]: json(VIEW) });
    openLink();
    expect(await screen.findByText('Priya Shah')).toBeInTheDocument();
    expect(screen.getByText(/Applications close on 15 June 2026, 17:00/)).toBeInTheDocument();
    expect(screen.getByText(/This link works until 29 June 2026/)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Your name' })).toHaveValue('Dr Ada Jones');
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Send reference' }));
    expect(await screen.findByText('Write your statement in support of the application.')).toBeInTheDocument();
    expect(sent.map((request) => request.method)).toEqual(['GET']);
  });

  it('sends the statement and commitment once, then shows the receipt', async () => {
    const sent = fakeApi({
      [`GET ${LINK}`]: json(VIEW),
      [`POST ${LINK}`]: json({ application_id: 'a-1', reference: 'PMS6-000042', received_at: '2026-06-10T08:30:00Z' }, 201),
    });
    openLink();
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByRole('textbox', { name: /Your statement/ }), ' A superb teacher. ');
    await user.click(screen.getByRole('checkbox', { name: /commits to releasing the applicant/ }));
    await user.click(screen.getByRole('button', { name: 'Send reference' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'We received it on 10 June 2026, 09:30 for application PMS6-000042.',
    );
    expect(sent[1]?.body).toEqual({ statement: 'A superb teacher.', commits_to_release_time: true, name: 'Dr Ada Jones' });
    expect(screen.queryByRole('button', { name: 'Send reference' })).not.toBeInTheDocument();
  });

  it('says plainly when the link was already used', async () => {
    fakeApi({
      [`GET ${LINK}`]: json({ type: 'about:blank', title: 'This reference link has been used', status: 410, code: 'reference_used' }, 410),
    });
    openLink();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This reference link has been used');
    expect(alert).toHaveTextContent('A reference has already been given through this link');
    expect(screen.queryByRole('textbox', { name: /Your statement/ })).not.toBeInTheDocument();
  });

  it('turns to the link message when the reference is given elsewhere meanwhile', async () => {
    fakeApi({
      [`GET ${LINK}`]: json(VIEW),
      [`POST ${LINK}`]: json({ type: 'about:blank', title: 'This reference link has been used', status: 410, code: 'reference_used' }, 410),
    });
    openLink();
    const user = userEvent.setup({ delay: null });
    await user.type(await screen.findByRole('textbox', { name: /Your statement/ }), 'Yes.');
    await user.click(screen.getByRole('button', { name: 'Send reference' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('A reference has already been given'));
  });
});
