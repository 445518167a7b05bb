import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tokenTransport } from '../../api/auth';
import { Session } from '../../auth/session';
import { renderWithApp } from '../../test/render';
import { SignInSteps } from '.';

function json(body: unknown, status = 200) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

interface Seen {
  method: string;
  path: string;
  authorization: string | null;
  body: string;
}

/** A fake API answering each request with the next scripted response, recording what was asked. */
function fakeApi(responses: Response[]) {
  const seen: Seen[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      seen.push({
        method: request.method,
        path: new URL(request.url).pathname,
        authorization: request.headers.get('Authorization'),
        body: await request.text(),
      });
      const next = responses.shift();
      if (!next) throw new Error(`unexpected ${request.method} ${request.url}`);
      return next;
    }),
  );
  return seen;
}

async function givePassword() {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText(/email address/i), 'lead@north.masteryhub.test');
  await user.type(screen.getByLabelText(/^password/i), 'hub-lead-demo');
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
  return user;
}

const GRANT = { access_token: 'jwt', token_type: 'bearer', expires_in: 900 };

describe('SignInSteps', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('asks for the code after mfa_required and completes with the mfa-otp grant', async () => {
    const seen = fakeApi([
      json({ error: 'mfa_required', mfa_token: 'mfa-abc', error_description: 'Enter your code.' }, 400),
      json({ error: 'invalid_grant', error_description: 'Invalid code.' }, 400),
      json(GRANT),
    ]);
    const session = new Session(tokenTransport);
    renderWithApp(<SignInSteps session={session} />);
    const user = await givePassword();

    const code = await screen.findByLabelText(/code from your authenticator app/i);
    expect(session.accessToken).toBeNull();
    await user.type(code, '000 000');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    // A wrong code is shown beside the field, and the person can try again.
    expect(await screen.findByText(/that code is not right/i)).toBeInTheDocument();
    expect(screen.getByLabelText(/code from your authenticator app/i)).toHaveAttribute('aria-invalid', 'true');

    await user.type(screen.getByLabelText(/code from your authenticator app/i), '123456');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(session.accessToken).toBe('jwt'));

    const grants = seen.map((request) => Object.fromEntries(new URLSearchParams(request.body)));
    expect(grants[1]).toEqual({
      grant_type: 'urn:masteryhub:params:oauth:grant-type:mfa-otp',
      mfa_token: 'mfa-abc',
      otp: '000000',
      refresh_token_delivery: 'cookie',
    });
    expect(grants[2]).toMatchObject({ mfa_token: 'mfa-abc', otp: '123456' });
  });

  it('accepts a recovery code instead of the app’s code', async () => {
    const seen = fakeApi([json({ error: 'mfa_required', mfa_token: 'mfa-r', error_description: 'Code.' }, 400), json(GRANT)]);
    const session = new Session(tokenTransport);
    renderWithApp(<SignInSteps session={session} />);
    const user = await givePassword();
    await user.click(await screen.findByRole('button', { name: 'Use a recovery code instead' }));
    await user.type(screen.getByLabelText(/^recovery code/i), ' k7p2-9xq4 ');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    await waitFor(() => expect(session.accessToken).toBe('jwt'));
    expect(Object.fromEntries(new URLSearchParams(seen[1]?.body))).toMatchObject({ mfa_token: 'mfa-r', recovery_code: 'k7p2-9xq4' });
    expect(Object.fromEntries(new URLSearchParams(seen[1]?.body))).not.toHaveProperty('otp');
  });

  it('takes someone who must use 2FA through enrolment with the enrolment-only token, then a fresh code', async () => {
    const codes = Array.from({ length: 10 }, (_, index) => `rc${index}-abcd`);
    const seen = fakeApi([
      json({ error: 'mfa_enrolment_required', mfa_token: 'enrol-xyz', error_description: 'Set up 2FA.' }, 400),
      json({ secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', otpauth_uri: 'otpauth://totp/x', qr_svg: '<svg xmlns="http://www.w3.org/2000/svg"/>' }, 201),
      json({ recovery_codes: codes }),
      json(GRANT),
    ]);
    const session = new Session(tokenTransport);
    renderWithApp(<SignInSteps session={session} />);
    const user = await givePassword();

    const qr = await screen.findByRole('img', { name: /QR code/ });
    expect(qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(screen.getByText('JBSW Y3DP EHPK 3PXP JBSW Y3DP')).toBeInTheDocument();
    await user.type(screen.getByLabelText(/6-digit code/i), '111111');
    await user.click(screen.getByRole('button', { name: 'Turn on two-factor sign-in' }));

    const list = await screen.findByRole('list', { name: 'Recovery codes' });
    expect(list.querySelectorAll('li')).toHaveLength(10);
    expect(session.accessToken).toBeNull();
    await user.click(screen.getByRole('button', { name: 'I have stored my recovery codes' }));
    // The recovery codes are not offered here: this step proves the new app works.
    expect(screen.queryByRole('button', { name: 'Use a recovery code instead' })).toBeNull();
    await user.type(await screen.findByLabelText(/code from your authenticator app/i), '222222');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(session.accessToken).toBe('jwt'));

    expect(seen.map(({ method, path, authorization }) => [method, path, authorization])).toEqual([
      ['POST', '/api/v1/auth/token', null],
      ['POST', '/api/v1/me/mfa/totp', 'Bearer enrol-xyz'],
      ['POST', '/api/v1/me/mfa/totp/confirm', 'Bearer enrol-xyz'],
      ['POST', '/api/v1/auth/token', null],
    ]);
    expect(JSON.parse(seen[2]?.body ?? '{}')).toEqual({ code: '111111' });
    expect(Object.fromEntries(new URLSearchParams(seen[3]?.body))).toMatchObject({ mfa_token: 'enrol-xyz', otp: '222222' });
  });

  it('offers to start again when the sign-in has timed out', async () => {
    fakeApi([
      json({ error: 'mfa_required', mfa_token: 'old', error_description: 'Code.' }, 400),
      json({ error: 'invalid_grant', error_description: 'The sign-in has expired; start again.' }, 400),
    ]);
    renderWithApp(<SignInSteps session={new Session(tokenTransport)} />);
    const user = await givePassword();
    await user.type(await screen.findByLabelText(/code from your authenticator app/i), '123456');
    await user.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This sign-in has timed out.');
    await user.click(screen.getByRole('button', { name: 'Start again' }));
    expect(await screen.findByLabelText(/^password/i)).toHaveValue('');
  });
});
