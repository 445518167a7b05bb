import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokenTransport } from '../../api/auth';
import { Session, TokenError } from '../../auth/session';
import { renderWithApp } from '../../test/render';
import { SignInForm } from './SignInForm';

function jsonResponse(body: unknown, status: number, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

async function fillAndSubmit(email: string, password: string) {
  const user = userEvent.setup();
  if (email) await user.type(screen.getByLabelText(/email address/i), email);
  if (password) await user.type(screen.getByLabelText(/^password/i), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignInForm', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks for both fields before calling the API', async () => {
    const signIn = vi.fn();
    renderWithApp(<SignInForm signIn={signIn} onAccepted={vi.fn()} />);
    await fillAndSubmit('', '');
    expect(await screen.findByText('Enter your email address.')).toBeInTheDocument();
    expect(screen.getByText('Enter your password.')).toBeInTheDocument();
    expect(screen.getByLabelText(/email address/i)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^password/i)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^password/i)).toHaveAccessibleDescription('Enter your password.');
    expect(signIn).not.toHaveBeenCalled();
  });

  it('rejects something that is not an email address', async () => {
    const signIn = vi.fn();
    renderWithApp(<SignInForm signIn={signIn} onAccepted={vi.fn()} />);
    await fillAndSubmit('lead at north', 'x');
    expect(await screen.findByText(/enter an email address like/i)).toBeInTheDocument();
    expect(signIn).not.toHaveBeenCalled();
  });

  it('signs in with the password grant, form-encoded, asking for the refresh cookie', async () => {
    const fetchMock = vi.fn((_request: Request) =>
      Promise.resolve(jsonResponse({ access_token: 'jwt', token_type: 'bearer', expires_in: 900 }, 200)),
    );
    vi.stubGlobal('fetch', fetchMock);
    const session = new Session(tokenTransport);
    const onSignedIn = vi.fn();
    renderWithApp(
      <SignInForm signIn={(email, password) => session.signIn(email, password)} onAccepted={onSignedIn} />,
    );
    await fillAndSubmit('  lead@north.masteryhub.test ', 'hub-lead-demo');

    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith({ status: 'signed-in' }));
    expect(session.accessToken).toBe('jwt');
    const request = fetchMock.mock.calls[0]?.[0];
    if (!request) throw new Error('no request made');
    expect(request.method).toBe('POST');
    expect(new URL(request.url).pathname).toBe('/api/v1/auth/token');
    expect(request.headers.get('Content-Type')).toBe('application/x-www-form-urlencoded');
    expect(request.headers.get('Authorization')).toBeNull();
    const body = new URLSearchParams(await request.text());
    expect(Object.fromEntries(body)).toEqual({
      grant_type: 'password',
      username: 'lead@north.masteryhub.test',
      password: 'hub-lead-demo',
      refresh_token_delivery: 'cookie',
    });
  });

  it('says the credentials are wrong on invalid_grant, and clears the password', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(jsonResponse({ error: 'invalid_grant', error_description: 'Invalid email or password.' }, 400)),
      ),
    );
    const session = new Session(tokenTransport);
    const onSignedIn = vi.fn();
    renderWithApp(
      <SignInForm signIn={(email, password) => session.signIn(email, password)} onAccepted={onSignedIn} />,
    );
    await fillAndSubmit('lead@north.masteryhub.test', 'wrong');
    expect(await screen.findByRole('alert')).toHaveTextContent('The email address or password is not right.');
    expect(screen.getByLabelText(/^password/i)).toHaveValue('');
    expect(onSignedIn).not.toHaveBeenCalled();
    expect(session.getSnapshot().status).not.toBe('signed-in');
  });

  it('tells the user how long to wait when rate limited', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(
          jsonResponse({ error: 'invalid_request', error_description: 'Too many attempts. Try later.' }, 429, {
            'Retry-After': '120',
          }),
        ),
      ),
    );
    const session = new Session(tokenTransport);
    renderWithApp(<SignInForm signIn={(e, p) => session.signIn(e, p)} onAccepted={vi.fn()} />);
    await fillAndSubmit('lead@north.masteryhub.test', 'again');
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many sign-in attempts. Try again in 2 minutes.');
  });

  it('explains a network failure', async () => {
    const signIn = vi.fn(() => Promise.reject(new TypeError('Failed to fetch')));
    renderWithApp(<SignInForm signIn={signIn} onAccepted={vi.fn()} />);
    await fillAndSubmit('lead@north.masteryhub.test', 'pw');
    expect(await screen.findByRole('alert')).toHaveTextContent('Could not reach MasteryHub.');
  });

  it('passes on other OAuth errors in their own words', async () => {
    const signIn = vi.fn(() => Promise.reject(new TokenError('invalid_request', 'username and password are required.', 400)));
    renderWithApp(<SignInForm signIn={signIn} onAccepted={vi.fn()} />);
    await fillAndSubmit('lead@north.masteryhub.test', 'pw');
    expect(await screen.findByRole('alert')).toHaveTextContent('username and password are required.');
  });
});
