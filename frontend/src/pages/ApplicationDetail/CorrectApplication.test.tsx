import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../../test/fakeApi';
import { renderWithApp } from '../../test/render';
import { CorrectApplication } from './CorrectApplication';
import { application, lead } from './fixture.test-data';

const PATH = '/api/v1/applications/app-1';

function open({ me = lead(), onStale = vi.fn(), onClose = vi.fn() } = {}) {
  renderWithApp(<CorrectApplication application={application()} etag={'"v1"'} opened onClose={onClose} onStale={onStale} />, { me });
  return { onStale, onClose };
}

function sentUrl(): URL {
  const calls = vi.mocked(fetch).mock.calls;
  const request = calls.at(-1)?.[0] as Request;
  return new URL(request.url);
}

describe('CorrectApplication', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks “Send a new link to …?” before saving a new headteacher address, and sends it when told to', async () => {
    const saved = application({ headteacher: { ...application().headteacher, email: 'deputy@school.example.org' } });
    const sent = fakeApi({ [`PATCH ${PATH}`]: json(saved, 200, { ETag: '"v2"' }) });
    const { onClose } = open();
    const user = userEvent.setup({ delay: null });
    const email = screen.getByLabelText(/^Headteacher’s email address/);
    // An email input has no text selection in jsdom, so user-event cannot paste into it.
    fireEvent.change(email, { target: { value: 'deputy@school.example.org' } });
    await user.click(screen.getByRole('button', { name: 'Save corrections' }));

    expect(await screen.findByText('Send a new link to deputy@school.example.org?')).toBeInTheDocument();
    expect(sent).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Save and send the link' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent).toHaveLength(1);
    expect(sent[0]?.body).toEqual({ headteacher: { email: 'deputy@school.example.org' } });
    expect(sent[0]?.headers.get('If-Match')).toBe('"v1"');
    expect(sentUrl().searchParams.get('resend_reference')).toBe('true');
  });

  it('saves without a new link when told so', async () => {
    const sent = fakeApi({ [`PATCH ${PATH}`]: json(application(), 200, { ETag: '"v2"' }) });
    open();
    const user = userEvent.setup({ delay: null });
    const email = screen.getByLabelText(/^Headteacher’s email address/);
    // An email input has no text selection in jsdom, so user-event cannot paste into it.
    fireEvent.change(email, { target: { value: 'deputy@school.example.org' } });
    await user.click(screen.getByRole('button', { name: 'Save corrections' }));
    await user.click(await screen.findByRole('button', { name: 'Save without sending' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sentUrl().searchParams.get('resend_reference')).toBeNull();
  });

  it('shows the API’s problems beside the fields', async () => {
    fakeApi({
      [`PATCH ${PATH}`]: json(
        {
          type: 'about:blank',
          title: 'Some of the details need correcting',
          status: 422,
          code: 'validation_failed',
          errors: [{ field: 'applicant.email', message: 'Enter a valid email address.' }],
        },
        422,
      ),
    });
    open();
    const user = userEvent.setup({ delay: null });
    const email = screen.getByLabelText(/^Email address/);
    fireEvent.change(email, { target: { value: 'sam@example.con' } });
    await user.click(screen.getByRole('button', { name: 'Save corrections' }));
    expect(await screen.findByText('Enter a valid email address.')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Email address/)).toHaveAttribute('aria-invalid', 'true');
  });

  it('hands a stale version (412) to the page', async () => {
    fakeApi({
      [`PATCH ${PATH}`]: json({ type: 'about:blank', title: 'Someone else changed this', status: 412, code: 'precondition_failed' }, 412),
    });
    const { onStale } = open();
    const user = userEvent.setup({ delay: null });
    await user.clear(screen.getByLabelText(/^Role/));
    await user.paste('Deputy head');
    await user.click(screen.getByRole('button', { name: 'Save corrections' }));
    await waitFor(() => expect(onStale).toHaveBeenCalled());
  });

  it('leaves the headteacher’s address to a hub lead', () => {
    fakeApi({});
    open({ me: lead({ role: 'hub_staff' }) });
    expect(screen.getByLabelText(/^Headteacher’s email address/)).toBeDisabled();
    expect(screen.getByText('Only a hub lead can change the headteacher’s email address.')).toBeInTheDocument();
  });
});
