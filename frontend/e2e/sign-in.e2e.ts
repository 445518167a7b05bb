import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, launch, newPage, signIn, signOut } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('signing in', () => {
  it('signs in as the demo hub lead and shows the dashboard heading', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/');
    // Not signed in: the SPA sends us to the sign-in page.
    await page.getByRole('heading', { level: 1, name: 'Sign in to MasteryHub' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await signIn(page, DEMO.northLead);
    expect(new URL(page.url()).pathname).toBe('/');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.getByRole('link', { name: 'API clients' }).isVisible()).toBe(true);
    // Hubs are the national team's: a hub lead's menu does not offer them.
    expect(await nav.getByRole('link', { name: 'Hubs' }).count()).toBe(0);
    await context.close();
  });

  it('keeps the access token out of storage and restores the session from the cookie on reload', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northStaff);
    const stored = await page.evaluate(() => [localStorage.length, sessionStorage.length]);
    expect(stored).toEqual([0, 0]);
    const cookies = await context.cookies();
    const refresh = cookies.find((cookie) => cookie.name === 'mh_refresh');
    expect(refresh).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });

    const apiRequests: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) apiRequests.push(new URL(request.url()).pathname);
    });
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.waitForLoadState('networkidle');
    // Budget: the dashboard makes at most 6 API requests, the cookie refresh and /me included
    // (the work queue and the applications-by-status chart share one).
    expect([...apiRequests].sort()).toEqual([
      '/api/v1/applications/work-queue',
      '/api/v1/auth/token',
      '/api/v1/calendar/events',
      '/api/v1/cohorts',
      '/api/v1/me',
      '/api/v1/reports/release-days',
    ]);
    expect(apiRequests.length).toBeLessThanOrEqual(6);
    // Hub staff have no admin section.
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).count()).toBe(0);
    await context.close();
  });

  it('signs out, revoking the refresh token, so a reload stays signed out', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await signOut(page);
    await page.goto('/admin/users');
    await page.getByRole('heading', { level: 1, name: 'Sign in to MasteryHub' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/admin/users');
    await context.close();
  });

  it('says so when the email address or password is wrong', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill('nobody@north.masteryhub.test');
    await page.getByLabel(/^Password/).fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The email address or password is not right.');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  it('returns to the page asked for after signing in', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/admin/audit-log');
    await page.getByRole('heading', { level: 1, name: 'Sign in to MasteryHub' }).waitFor();
    await page.getByLabel('Email address').fill(DEMO.northLead.email);
    await page.getByLabel(/^Password/).fill(DEMO.northLead.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/audit-log');
    await context.close();
  });
});
