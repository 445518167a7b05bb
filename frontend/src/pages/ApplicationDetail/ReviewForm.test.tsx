import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Review } from '../../api/applications';
import { fakeApi, json } from '../../test/fakeApi';
import { renderWithApp } from '../../test/render';
import { ReviewForm } from './Reviews';

const REVIEWS = '/api/v1/applications/app-1/reviews';
const CRITERIA = [
  { id: 'c1', code: 'E1', kind: 'essential' as const, position: 1, wording: 'Is an excellent classroom practitioner' },
  { id: 'c2', code: 'D1', kind: 'desirable' as const, position: 2, wording: 'Has led professional development' },
];
const EXISTING: Review = {
  id: 'rev-1',
  application_id: 'app-1',
  reviewer_id: 'u-1',
  reviewer_name: 'Hana Lead',
  essential: { E1: 'unclear' },
  desirable: { D1: 1 },
  comment: 'Strong lesson study.',
  recommendation: 'interview',
  created_at: '2026-06-01T09:00:00Z',
  updated_at: '2026-06-01T09:00:00Z',
};

function renderForm(props: Partial<Parameters<typeof ReviewForm>[0]> = {}) {
  const onDone = vi.fn();
  const onStale = vi.fn();
  renderWithApp(
    <ReviewForm applicationId="app-1" criteria={CRITERIA} existing={null} etag={null} onDone={onDone} onStale={onStale} {...props} />,
  );
  return { onDone, onStale };
}

function group(name: string | RegExp) {
  return screen.getByRole('radiogroup', { name });
}

async function answer(user: ReturnType<typeof userEvent.setup>) {
  await user.click(within(group(/excellent classroom practitioner/)).getByRole('radio', { name: 'Met' }));
  await user.click(within(group(/led professional development/)).getByRole('radio', { name: '2' }));
  await user.click(within(group(/^Recommendation/)).getByRole('radio', { name: 'Appoint' }));
}

describe('ReviewForm', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks for every criterion and a recommendation before calling the API', async () => {
    const sent = fakeApi({});
    renderForm();
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Submit review' }));
    expect(await screen.findByText('Choose met, not met or unclear.')).toBeInTheDocument();
    expect(screen.getByText('Choose a score from 0 to 2.')).toBeInTheDocument();
    expect(screen.getByText('Choose a recommendation.')).toBeInTheDocument();
    expect(sent).toEqual([]);
  });

  it('submits the assessments per criterion code, desirable scores as numbers', async () => {
    const sent = fakeApi({ [`POST ${REVIEWS}`]: json({ ...EXISTING, recommendation: 'appoint' }, 201) });
    const { onDone } = renderForm();
    const user = userEvent.setup({ delay: null });
    await answer(user);
    await user.type(screen.getByRole('textbox', { name: 'Comment' }), '  Clear impact on colleagues. ');
    await user.click(screen.getByRole('button', { name: 'Submit review' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(sent[0]?.body).toEqual({
      essential: { E1: 'met' },
      desirable: { D1: 2 },
      comment: 'Clear impact on colleagues.',
      recommendation: 'appoint',
    });
    expect(sent[0]?.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('changes an existing review with If-Match, starting from its answers', async () => {
    const sent = fakeApi({ [`PATCH ${REVIEWS}/rev-1`]: json(EXISTING) });
    const { onDone } = renderForm({ existing: EXISTING, etag: 'W/"3"' });
    expect(within(group(/excellent classroom practitioner/)).getByRole('radio', { name: 'Unclear' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Comment' })).toHaveValue('Strong lesson study.');
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(sent[0]?.headers.get('If-Match')).toBe('W/"3"');
    expect(sent[0]?.body).toMatchObject({ essential: { E1: 'unclear' }, desirable: { D1: 1 }, recommendation: 'interview' });
  });

  it('hands a 412 to the page, which says someone else changed it and reloads', async () => {
    fakeApi({
      [`PATCH ${REVIEWS}/rev-1`]: json(
        { type: 'about:blank', title: 'Someone else changed this', status: 412, code: 'precondition_failed' },
        412,
      ),
    });
    const { onDone, onStale } = renderForm({ existing: EXISTING, etag: 'W/"2"' });
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onStale).toHaveBeenCalledTimes(1));
    expect(onDone).not.toHaveBeenCalled();
  });

  it('shows a problem naming a criterion beside that criterion', async () => {
    fakeApi({
      [`POST ${REVIEWS}`]: json(
        {
          type: 'https://masteryhub.test/problems/validation_failed',
          title: 'Some of the details need correcting',
          status: 422,
          code: 'validation_failed',
          errors: [{ field: 'essential.E1', message: 'Assess every essential criterion.' }],
        },
        422,
      ),
    });
    const { onDone } = renderForm();
    const user = userEvent.setup({ delay: null });
    await answer(user);
    await user.click(screen.getByRole('button', { name: 'Submit review' }));
    const criterion = group(/excellent classroom practitioner/);
    expect(await within(criterion.parentElement ?? criterion).findByText('Assess every essential criterion.')).toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();
  });
});
