import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../../test/fakeApi';
import { renderWithApp } from '../../test/render';
import { ClaimForm } from './ClaimForm';

const CLAIMS = '/api/v1/specialists/sp-1/release-days';

async function claim(days: string) {
  const user = userEvent.setup({ delay: null });
  await user.type(screen.getByRole('textbox', { name: /^date/i }), '4 October 2027');
  await user.tab();
  const daysInput = screen.getByRole('textbox', { name: /^days/i });
  await user.clear(daysInput);
  await user.type(daysInput, days);
  await user.click(screen.getByRole('button', { name: 'Claim' }));
}

describe('ClaimForm', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks for half-day steps before calling the API', async () => {
    const sent = fakeApi({});
    renderWithApp(<ClaimForm specialistId="sp-1" academicYear="2027/28" remaining={3} />);
    await claim('1.3');
    const days = screen.getByRole('textbox', { name: /^days/i });
    await waitFor(() => expect(days).toHaveAttribute('aria-invalid', 'true'));
    expect(days).toHaveAccessibleDescription(expect.stringContaining('Release days are counted in half days'));
    expect(sent).toEqual([]);
  });

  it('refuses a quarter day beside the field and never rounds it to a half', async () => {
    const sent = fakeApi({});
    renderWithApp(<ClaimForm specialistId="sp-1" academicYear="2027/28" remaining={3} />);
    await claim('0.25');
    const days = screen.getByRole('textbox', { name: /^days/i });
    await waitFor(() => expect(days).toHaveAttribute('aria-invalid', 'true'));
    expect(days).toHaveAccessibleDescription(expect.stringContaining('Release days are counted in half days'));
    expect(days).toHaveValue('0.25');
    expect(sent).toEqual([]);
  });

  it('posts the claim with an idempotency key: the typed date as ISO, days as a number', async () => {
    const sent = fakeApi({
      [`POST ${CLAIMS}`]: json({ id: 'e-1', days: 1.5, activity: 'school_support_visit' }, 201),
    });
    renderWithApp(<ClaimForm specialistId="sp-1" academicYear="2027/28" remaining={3} />);
    await claim('1.5');
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.body).toEqual({
      kind: 'release_days',
      date: '2027-10-04',
      days: 1.5,
      activity: 'school_support_visit',
      note: null,
    });
    expect(sent[0]?.headers.get('Idempotency-Key')).toMatch(/.{16,}/);
  });

  it('shows the cap refusal beside the days field, with what remains', async () => {
    fakeApi({
      [`POST ${CLAIMS}`]: json(
        {
          type: 'https://masteryhub.test/problems/release_day_cap_exceeded',
          title: 'That would go past the year’s release days',
          status: 409,
          code: 'release_day_cap_exceeded',
          detail: '2 days claimed would exceed 15 days.',
          remaining_days: 0.5,
        },
        409,
      ),
    });
    renderWithApp(<ClaimForm specialistId="sp-1" academicYear="2027/28" remaining={3} />);
    await claim('2');
    const days = screen.getByRole('textbox', { name: /^days/i });
    await waitFor(() => expect(days).toHaveAttribute('aria-invalid', 'true'));
    expect(days).toHaveAccessibleDescription(
      expect.stringContaining('Only 0.5 days left for 2027/28. 2 days claimed would exceed 15 days.'),
    );
  });

  it('puts a validation problem on the field it names', async () => {
    fakeApi({
      [`POST ${CLAIMS}`]: json(
        {
          type: 'https://masteryhub.test/problems/validation_failed',
          title: 'Some of the details need correcting',
          status: 422,
          code: 'validation_failed',
          errors: [{ field: 'date', message: 'The date is outside the specialist’s programme.' }],
        },
        422,
      ),
    });
    renderWithApp(<ClaimForm specialistId="sp-1" academicYear="2027/28" remaining={3} />);
    await claim('1');
    const date = screen.getByRole('textbox', { name: /^date/i });
    await waitFor(() => expect(date).toHaveAttribute('aria-invalid', 'true'));
    expect(date).toHaveAccessibleDescription('The date is outside the specialist’s programme.');
  });
});
