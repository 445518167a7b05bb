import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, launch, newPage, seriousViolations, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

describe('TRG meetings', () => {
  it('issues a calendar link shown once, which serves ICS until it is stopped', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northStaff);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'TRG meetings' }).click();
    await page.getByRole('heading', { level: 1, name: 'TRG meetings' }).waitFor();

    await page.getByRole('button', { name: 'Get a calendar link' }).click();
    const shown = page.getByRole('region', { name: 'Your calendar' }).locator('pre');
    await shown.waitFor();
    const url = (await shown.textContent()) ?? '';
    expect(url).toMatch(/^https?:\/\/[^/]+\/api\/v1\/calendar\/.+\.ics$/);
    expect(await seriousViolations(page)).toEqual([]);

    // A calendar app fetches it from outside the browser, with no session: so does the test.
    const served = await fetch(url);
    expect(served.status).toBe(200);
    expect(served.headers.get('Content-Type')).toContain('text/calendar');
    expect(await served.text()).toContain('BEGIN:VCALENDAR');

    await page.getByRole('button', { name: 'Stop my calendar link' }).click();
    await page.getByText('Your calendar link no longer works.').waitFor();
    expect(await page.getByRole('region', { name: 'Your calendar' }).locator('pre').count()).toBe(0);
    expect((await fetch(url)).status).toBe(404);
    await context.close();
  });
});
