import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConfirmationView } from '../../api/releaseConfirmations';
import { fakeApi, json } from '../../test/fakeApi';
import { renderWithApp } from '../../test/render';
import { daysInWords } from './daysInWords';
import { Component as ConfirmReleasePage } from './index';

const LINK = '/api/v1/release-confirmation-links/tok-123';
const VIEW: ConfirmationView = {
  school_name: 'Ashfield Primary',
  school_urn: '100001',
  hub_name: 'North Maths Hub',
  term: 'summer',
  term_label: 'Summer term 2027',
  academic_year: '2026/27',
  term_starts_on: '2027-04-01',
  term_ends_on: '2027-08-31',
  headteacher_name: 'Dr Jo Head',
  link_expires_at: '2027-08-07T08:00:00Z',
  lines: [
    { id: 'line-1', specialist_name: 'Amira Khan', date: '2027-06-15', activity: 'school_trg', activity_label: 'School TRG', days: 0.5 },
    { id: 'line-2', specialist_name: 'Amira Khan', date: '2027-06-22', activity: 'planning', activity_label: 'Planning', days: 1 },
  ],
};

function openLink() {
  renderWithApp(<ConfirmReleasePage />, { path: '/confirm-release/:token', url: '/confirm-release/tok-123' });
}

describe('the headteacher’s confirmation page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('lists each day in words and asks for an answer to every one before sending', async () => {
    const sent = fakeApi({ [`GET ${LINK}`]: json(VIEW) });
    openLink();
    expect(await screen.findByRole('heading', { name: '15 June 2027: Amira Khan' })).toBeInTheDocument();
    expect(screen.getByText('School TRG, ½ day')).toBeInTheDocument();
    expect(screen.getByText('Planning, 1 day')).toBeInTheDocument();
    expect(screen.getByText(/summer term 2027 \(1 April 2027 to 31 August 2027\)/)).toBeInTheDocument();
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Send answer' }));
    expect(await screen.findAllByText('Confirm this day or say it was not as listed.')).toHaveLength(2);
    expect(sent.map((request) => request.method)).toEqual(['GET']);
  });

  it('needs a comment on a disputed day, then sends every answer once and shows the receipt', async () => {
    const sent = fakeApi({
      [`GET ${LINK}`]: json(VIEW),
      [`POST ${LINK}`]: json({ answered_at: '2027-07-12T09:00:00Z', confirmed: 1, disputed: 1 }),
    });
    openLink();
    const user = userEvent.setup({ delay: null });
    const first = await screen.findByRole('radiogroup', { name: /released on 15 June 2027/ });
    await user.click(within(first).getByRole('radio', { name: 'Yes, as listed' }));
    const second = screen.getByRole('radiogroup', { name: /released on 22 June 2027/ });
    await user.click(within(second).getByRole('radio', { name: 'No, or not as listed' }));
    await user.click(screen.getByRole('button', { name: 'Send answer' }));
    expect(await screen.findByText('Say what was not as listed, so the Maths Hub can put it right.')).toBeInTheDocument();
    expect(sent.map((request) => request.method)).toEqual(['GET']);

    await user.type(screen.getByRole('textbox', { name: /What was not as listed/ }), ' She was teaching that day. ');
    await user.click(screen.getByRole('button', { name: 'Send answer' }));

    expect(await screen.findByRole('status')).toHaveTextContent('1 day confirmed, 1 disputed');
    expect(sent[1]?.body).toEqual({
      answers: [
        { line_id: 'line-1', answer: 'confirmed' },
        { line_id: 'line-2', answer: 'disputed', comment: 'She was teaching that day.' },
      ],
      name: 'Dr Jo Head',
    });
    expect(screen.queryByRole('button', { name: 'Send answer' })).not.toBeInTheDocument();
  });

  it('says plainly when the link was already used', async () => {
    fakeApi({
      [`GET ${LINK}`]: json(
        { type: 'about:blank', title: 'These release days have already been confirmed', status: 410, code: 'release_confirmation_answered' },
        410,
      ),
    });
    openLink();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('already been answered through this link');
    expect(screen.queryByRole('button', { name: 'Send answer' })).not.toBeInTheDocument();
  });

  it('writes days as a head reads them', () => {
    expect([0.5, 1, 1.5, 2].map(daysInWords)).toEqual(['½ day', '1 day', '1½ days', '2 days']);
  });
});
