/**
 * Accounts people run themselves (issue 11): an invitation instead of a typed password, the
 * password policy shown before typing, two-factor sign-in set up from "Your account" with the
 * code computed from the key the page shows, recovery codes, sessions, and "Forgot your
 * password?" — every link read from the .eml the API wrote.
 */
import * as OTPAuth from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInvitationFor, call, emailedLink, passwordToken } from './api';
import { DEMO, launch, newPage, screenshot, seriousViolations, sidewaysOverflow, signIn, signOut } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const run = Date.now().toString(36);
const PHONE = { width: 375, height: 740 };

/** The 6-digit code an authenticator app would show for SECRET, OFFSET_SECONDS from now. */
function totp(secret: string, offsetSeconds = 0): string {
  const generator = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  return generator.generate({ timestamp: Date.now() + offsetSeconds * 1000 });
}

/** The text of whatever describes the input (its error sits beside it, not in a banner). Read with
 * expect.poll: the policy and the API's answer arrive after the field does. */
async function describedText(page: Page, label: RegExp | string): Promise<string> {
  const input = page.getByLabel(label, { exact: typeof label === 'string' });
  const ids = (await input.getAttribute('aria-describedby')) ?? '';
  return page.evaluate((value) => value.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '), ids);
}

async function expectAccessible(page: Page, what: string): Promise<void> {
  expect({ what, violations: await seriousViolations(page) }).toEqual({ what, violations: [] });
}

async function signInWithPassword(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel(/^Password/).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('accounts people run themselves', () => {
  const invitee = {
    name: `Sam Staff ${run}`,
    email: `sam.staff.${run}@northmathshub.org.uk`,
    password: 'copper kettle harbour lantern',
    changed: 'violet orchard pebble compass',
  };
  let secret = '';
  let recoveryCodes: string[] = [];

  it('a hub lead invites a member of staff, who sets their password from the emailed link, turns on 2FA and signs back in with a code', async () => {
    // The hub lead: Admin → Users → Invite user, with no password field anywhere.
    const lead = await newPage(browser);
    await signIn(lead.page, DEMO.northLead);
    await lead.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await lead.page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await lead.page.getByRole('button', { name: 'Invite user' }).click();
    const dialog = lead.page.getByRole('dialog', { name: 'Invite a user' });
    await dialog.getByLabel(/^Name/).fill(invitee.name);
    await dialog.getByLabel(/^Email address/).fill(invitee.email);
    expect(await dialog.locator('input[type="password"]').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The same address again: the API's answer lands beside the field.
    await lead.page.getByRole('button', { name: 'Invite user' }).click();
    await dialog.getByLabel(/^Name/).fill(invitee.name);
    await dialog.getByLabel(/^Email address/).fill(invitee.email);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await lead.page.waitForFunction(() =>
      [...document.querySelectorAll('[role="dialog"] input[type="email"]')].some((input) => input.getAttribute('aria-invalid') === 'true'),
    );
    await expect.poll(() => describedText(lead.page, /^Email address/)).toContain('already exists');
    await expectAccessible(lead.page, 'invite dialog with an error');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = lead.page.getByRole('row').filter({ has: lead.page.getByRole('cell', { name: invitee.name, exact: true }) });
    await row.getByText('Invited', { exact: true }).waitFor();
    await row.getByText(/^Link works until/).waitFor();
    await expectAccessible(lead.page, 'users with an invitation');
    await screenshot(lead.page, 'users-desktop');

    // The invitee, on a phone, from the link in the email.
    const link = await emailedLink(invitee.email, '/invitations/');
    const phone = await newPage(browser, PHONE);
    const page = phone.page;
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Set up your account' }).waitFor();
    await page.getByText(`Welcome, ${invitee.name}. You have been invited to MasteryHub as Hub staff`).waitFor();
    // The policy is there before a key is pressed.
    await expect.poll(() => describedText(page, /^Choose a password/)).toContain('Use at least 12 characters.');
    expect(await page.getByLabel('Email address').inputValue()).toBe(invitee.email);
    await expectAccessible(page, 'invitation');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'invitation-375');

    await page.getByLabel(/^Choose a password/).fill('password1234');
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.waitForFunction(() => document.querySelector('input[autocomplete="new-password"]')?.getAttribute('aria-invalid') === 'true');
    await expect.poll(() => describedText(page, /^Choose a password/)).toContain('too common');
    await expectAccessible(page, 'invitation with a refused password');
    await page.getByLabel(/^Choose a password/).fill(invitee.password);
    await page.getByRole('button', { name: 'Set password and sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();

    // The link is spent.
    const again = await newPage(browser);
    await again.page.goto(link);
    await again.page.getByRole('alert').filter({ hasText: 'This invitation link no longer works' }).waitFor();
    await expectAccessible(again.page, 'spent invitation');
    await again.context.close();

    await lead.page.reload();
    await row.getByText('Active', { exact: true }).waitFor();
    await lead.context.close();

    // A second device, to be signed out from the first.
    const other = await newPage(browser);
    await signIn(other.page, invitee);

    // Your account, from the user menu.
    await page.getByRole('button', { name: /Your account and sign out/ }).click();
    await page.getByRole('region', { name: 'Your account and sign out' }).getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    const sessions = page.getByRole('list', { name: 'Sessions' });
    await sessions.getByText('This device').waitFor();
    expect(await sessions.getByRole('listitem').count()).toBe(2);
    await expectAccessible(page, 'your account');
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'account-375');

    await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
    const confirm = page.getByRole('dialog', { name: 'Sign out everywhere else?' });
    await confirm.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelectorAll('[aria-label="Sessions"] li').length === 1);
    await other.page.reload();
    await other.page.getByRole('heading', { level: 1, name: 'Sign in to MasteryHub' }).waitFor();
    await other.context.close();

    // Change my password: a wrong current one is named beside its field; then it works and this
    // device stays signed in.
    const passwordForm = page.getByRole('form', { name: 'Change your password' });
    await passwordForm.getByLabel(/^Current password/).fill('not my password at all');
    await passwordForm.getByLabel(/^New password/).fill(invitee.changed);
    await passwordForm.getByRole('button', { name: 'Change password' }).click();
    await page.waitForFunction(() => document.querySelector('input[autocomplete="current-password"]')?.getAttribute('aria-invalid') === 'true');
    await expect.poll(() => describedText(page, /^Current password/)).toContain('Your current password is not right.');
    await passwordForm.getByLabel(/^Current password/).fill(invitee.password);
    await passwordForm.getByLabel(/^New password/).fill(invitee.changed);
    await passwordForm.getByRole('button', { name: 'Change password' }).click();
    await page.getByText('Every other device signed in to your account has been signed out.').waitFor();
    const oldPassword = await call('/api/v1/auth/token', {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', username: invitee.email, password: invitee.password }),
    });
    expect(oldPassword.status).toBe(400);
    invitee.password = invitee.changed;
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();

    // Two-factor sign-in: the QR code as an image, the key as text to type.
    const twoFactor = page.getByRole('region', { name: 'Two-factor sign-in' });
    await twoFactor.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const qr = twoFactor.getByRole('img', { name: /QR code/ });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(await qr.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
    secret = ((await twoFactor.getByTestId('totp-secret').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expectAccessible(page, 'two-factor set-up');
    await screenshot(page, 'account-enrol-375');
    await twoFactor.getByLabel(/^6-digit code/).fill('000000');
    await twoFactor.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await twoFactor.getByText(/That code is not right/).waitFor();
    await expect.poll(() => describedText(page, /^6-digit code/)).toContain('That code is not right');
    await twoFactor.getByLabel(/^6-digit code/).fill(totp(secret));
    await twoFactor.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();

    const codes = twoFactor.getByRole('list', { name: 'Recovery codes' });
    await codes.waitFor();
    recoveryCodes = (await codes.getByRole('listitem').allTextContents()).map((code) => code.trim());
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    await twoFactor.getByRole('button', { name: 'Download as a text file' }).waitFor();
    await expectAccessible(page, 'recovery codes');
    await screenshot(page, 'account-codes-375');
    await twoFactor.getByRole('button', { name: 'I have stored my recovery codes' }).click();
    await twoFactor.getByText('On', { exact: true }).waitFor();
    // Shown once: gone from the page now.
    expect(await page.content()).not.toContain(recoveryCodes[0]);

    // Out and back in: the password alone issues no token; the code completes the sign-in.
    await signOut(page);
    const tokens: string[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname !== '/api/v1/auth/token') return;
      const grant = new URLSearchParams(response.request().postData() ?? '').get('grant_type') ?? '';
      // The page load's cookie refresh (none left after signing out) is not the sign-in.
      if (grant !== 'refresh_token') tokens.push(`${grant.replace(/^urn:.*:/, '')} ${response.status()}`);
    });
    await signInWithPassword(page, invitee);
    const code = page.getByLabel(/^Code from your authenticator app/);
    await code.waitFor();
    expect(tokens).toEqual(['password 400']);
    await expectAccessible(page, 'second sign-in step');
    await screenshot(page, 'sign-in-code-375');
    // The code that turned 2FA on is spent: the next one (apps accept one step of drift).
    await code.fill(totp(secret, 30));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(tokens).toEqual(['password 400', 'mfa-otp 200']);
    await phone.context.close();
  });

  it('signs in with a recovery code once, and refuses the same code again', async () => {
    expect(recoveryCodes).toHaveLength(10);
    const { context, page } = await newPage(browser);
    await signInWithPassword(page, invitee);
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel(/^Recovery code/).fill(recoveryCodes[0] ?? '');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await screenshot(page, 'dashboard-after-recovery-desktop');
    await signOut(page);

    await signInWithPassword(page, invitee);
    await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await page.getByLabel(/^Recovery code/).fill(recoveryCodes[0] ?? '');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForFunction(() => [...document.querySelectorAll('input')].some((input) => input.getAttribute('aria-invalid') === 'true'));
    await expect.poll(() => describedText(page, /^Recovery code/)).toContain('That recovery code is not right, or it has been used already.');
    await expectAccessible(page, 'refused recovery code');
    await screenshot(page, 'sign-in-recovery-desktop');
    await context.close();
  });

  it('lets a national admin reset someone’s two-factor sign-in, after which the password alone signs them in', async () => {
    const admin = await newPage(browser);
    await signIn(admin.page, DEMO.nationalAdmin);
    await admin.page.goto(`/admin/users?q=${encodeURIComponent(invitee.email)}`);
    const reset = admin.page.getByRole('button', { name: `Reset two-factor sign-in for ${invitee.name}` });
    await reset.click();
    const dialog = admin.page.getByRole('dialog', { name: 'Reset two-factor sign-in?' });
    await dialog.getByRole('button', { name: 'Reset two-factor' }).click();
    await dialog.waitFor({ state: 'detached' });
    await reset.waitFor({ state: 'detached' });
    await admin.context.close();

    // Hub staff need no second factor here, so the password is enough again.
    const { context, page } = await newPage(browser);
    await signIn(page, invitee);
    await page.goto('/account');
    await page.getByRole('region', { name: 'Two-factor sign-in' }).getByText('Off', { exact: true }).waitFor();
    await context.close();
  });

  it('“Forgot your password?”: the same answer for any address, a link by email, a new password, the link then spent', async () => {
    const person = { email: `pat.reset.${run}@northmathshub.org.uk`, password: 'granite meadow falcon ribbon' };
    const leadToken = await passwordToken(DEMO.northLead);
    const created = await call('/api/v1/users', {
      method: 'POST',
      token: leadToken,
      body: { name: `Pat Reset ${run}`, email: person.email, role: 'hub_staff' },
    });
    expect(created.status).toBe(201);
    await acceptInvitationFor(person.email, person.password);

    const { context, page } = await newPage(browser, PHONE);
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
    await expectAccessible(page, 'forgot password');
    await screenshot(page, 'forgot-375');

    // An address with no account gets exactly the same answer.
    const answers: string[] = [];
    for (const email of [`nobody.${run}@northmathshub.org.uk`, person.email]) {
      await page.goto('/forgot-password');
      await page.getByLabel('Email address').fill(email);
      await page.getByRole('button', { name: 'Send the link' }).click();
      const status = page.getByRole('status').filter({ hasText: 'Check your email' });
      await status.waitFor();
      answers.push(((await status.textContent()) ?? '').replace(email, '<address>'));
    }
    expect(answers[0]).toContain('If that address has an account, we have emailed a link');
    expect(answers[1]).toBe(answers[0]);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'forgot password sent');
    await screenshot(page, 'forgot-sent-375');

    const link = await emailedLink(person.email, '/reset-password/');
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await expect.poll(() => describedText(page, /^New password/)).toContain('Use at least 12 characters.');
    await page.getByLabel(/^New password/).fill('too short');
    await page.getByRole('button', { name: 'Change my password' }).click();
    await expect.poll(() => describedText(page, /^New password/)).toContain('Choose a longer password: at least 12 characters.');
    await expectAccessible(page, 'reset password');
    await screenshot(page, 'reset-375');
    const newPassword = 'saffron tunnel glacier violin';
    await page.getByLabel(/^New password/).fill(newPassword);
    await page.getByRole('button', { name: 'Change my password' }).click();
    await page.getByRole('status').filter({ hasText: 'Your password is changed' }).waitFor();
    await page.getByRole('link', { name: 'Sign in' }).click();
    await signIn(page, { email: person.email, password: newPassword });

    const old = await call('/api/v1/auth/token', {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'password', username: person.email, password: person.password }),
    });
    expect(old.status).toBe(400);

    await page.goto(link);
    await page.getByLabel(/^New password/).fill('another fresh passphrase here');
    await page.getByRole('button', { name: 'Change my password' }).click();
    await page.getByRole('alert').filter({ hasText: 'This link no longer works' }).waitFor();
    await expectAccessible(page, 'spent reset link');
    await context.close();
  });

  it('shows the public pages and Your account on a desktop, and Users at 375 px, without serious violations', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`/invitations/not-a-real-token-${run}`);
    await page.getByRole('alert').filter({ hasText: 'This invitation link no longer works' }).waitFor();
    await expectAccessible(page, 'unknown invitation');
    await screenshot(page, 'invitation-unknown-desktop');

    const leadToken = await passwordToken(DEMO.northLead);
    const email = `alex.desk.${run}@northmathshub.org.uk`;
    const created = await call('/api/v1/users', { method: 'POST', token: leadToken, body: { name: `Alex Desk ${run}`, email, role: 'hub_staff' } });
    expect(created.status).toBe(201);
    await page.goto(await emailedLink(email, '/invitations/'));
    await page.getByText(`Welcome, Alex Desk ${run}.`).waitFor();
    await screenshot(page, 'invitation-desktop');

    await page.goto(`/reset-password/not-a-real-token-${run}`);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    await page.getByText('Use at least 12 characters.').waitFor();
    await expectAccessible(page, 'reset password, desktop');
    await screenshot(page, 'reset-desktop');
    await page.goto('/forgot-password');
    await page.getByRole('heading', { level: 1, name: 'Reset your password' }).waitFor();
    await screenshot(page, 'forgot-desktop');

    await signIn(page, DEMO.northLead);
    await page.goto('/account');
    await page.getByRole('list', { name: 'Sessions' }).waitFor();
    await expectAccessible(page, 'your account, desktop');
    await screenshot(page, 'account-desktop');
    await page.getByRole('button', { name: /Your account and sign out/ }).click();
    await page.getByRole('region', { name: 'Your account and sign out' }).getByRole('link', { name: 'Your account' }).waitFor();
    await expectAccessible(page, 'user menu open');
    await screenshot(page, 'user-menu-desktop');
    // By keyboard: focus goes into the panel, and Escape closes it and returns focus to the button.
    await page.waitForFunction(() => document.activeElement?.closest('[aria-label="Your account and sign out"]') != null);
    await page.keyboard.press('Escape');
    await page.getByRole('region', { name: 'Your account and sign out' }).waitFor({ state: 'detached' });
    await page.waitForFunction(
      () => document.activeElement?.tagName === 'BUTTON' && document.activeElement.textContent.includes('Your account and sign out'),
    );
    await context.close();

    const phone = await newPage(browser, PHONE);
    await signIn(phone.page, DEMO.northLead);
    await phone.page.goto('/admin/users?status=invited');
    await phone.page.getByRole('cell', { name: `Alex Desk ${run}`, exact: true }).waitFor();
    expect(await phone.page.getByRole('cell', { name: 'Staff', exact: true }).count()).toBe(0);
    await expectAccessible(phone.page, 'users at 375 px');
    expect(await sidewaysOverflow(phone.page)).toBeLessThanOrEqual(0);
    await screenshot(phone.page, 'users-invited-375');
    await phone.page.getByRole('button', { name: `Revoke invitation to Alex Desk ${run}` }).click();
    const revoke = phone.page.getByRole('dialog', { name: 'Revoke the invitation?' });
    await revoke.waitFor();
    // Checked once it has faded in: half-transparent text would fail contrast mid-transition.
    await phone.page.waitForFunction(() =>
      [...document.querySelectorAll('.mantine-Modal-content, .mantine-Modal-overlay')].every((element) => getComputedStyle(element).opacity === '1'),
    );
    await expectAccessible(phone.page, 'revoke confirmation');
    await revoke.getByRole('button', { name: 'Revoke invitation' }).click();
    await revoke.waitFor({ state: 'detached' });
    const row = phone.page.getByRole('row').filter({ has: phone.page.getByRole('cell', { name: `Alex Desk ${run}`, exact: true }) });
    await row.getByText('No link pending').waitFor();
    await phone.context.close();
  });
});
