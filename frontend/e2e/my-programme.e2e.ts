/**
 * The specialist's year in their own hands: the demo specialist signs in, lands on My programme
 * and claims half a day for the TRG meeting they led, picked from their own recorded events.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, passwordToken } from './api';
import { DEMO, launch, newPage, seriousViolations } from './browser';

const SPECIALIST = { email: 'specialist@north.masteryhub.test', password: 'specialist-demo' } as const;
const SHOTS = process.env.E2E_SCREENSHOTS ?? '/tmp/masteryhub-e2e-shots';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser.close();
});

async function signInAsSpecialist(page: Page): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(SPECIALIST.email);
  await page.getByLabel(/^Password/).fill(SPECIALIST.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'My programme' }).waitFor();
}

async function settled(page: Page): Promise<void> {
  await page.getByRole('group', { name: 'Release-day balance' }).waitFor();
  await page.waitForFunction(() => ![...document.querySelectorAll('[role="status"]')].some((node) => node.textContent.includes('Loading')));
}

async function remainingDays(page: Page): Promise<number> {
  const text = (await page.getByTestId('remaining-days').textContent()) ?? '';
  const match = /^([\d.]+) days? remaining$/.exec(text.trim());
  if (!match) throw new Error(`unexpected balance text: ${text}`);
  return Number(match[1]);
}

async function describedBy(page: Page, label: RegExp | Locator): Promise<string> {
  const field = label instanceof RegExp ? page.getByLabel(label) : label;
  const ids = (await field.getAttribute('aria-describedby')) ?? '';
  return page.evaluate((list) => list.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '), ids);
}

async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('My programme', () => {
  it('is where the demo specialist lands; they claim half a day for their own TRG meeting and see the balance fall', async () => {
    const { context, page } = await newPage(browser);
    await signInAsSpecialist(page);
    expect(new URL(page.url()).pathname).toBe('/my-programme');
    await settled(page);

    // Their menu: their own programme and delivery, nothing they cannot open.
    const menu = page.getByRole('navigation', { name: 'Main' });
    const links = await menu.getByRole('link').allTextContents();
    expect(links).toEqual(expect.arrayContaining(['My programme', 'Calendar', 'TRG meetings', 'Work groups']));
    expect(links).not.toEqual(expect.arrayContaining(['Specialists']));
    expect(links).not.toContain('Applications');
    expect(links).not.toContain('Dashboard');
    // Progress, their meetings and groups, this month and the calendar link are all on the page.
    for (const region of [/^Progress against expectations/, /^Release days and claims/, /^My TRG meetings/, /^My work groups/, /^This month/, 'Your calendar']) {
      await page.getByRole('region', { name: region }).waitFor();
    }
    await page.getByRole('link', { name: 'Record a meeting' }).waitFor();
    // The demo work group she co-leads is on it.
    await page.getByRole('region', { name: /^My work groups/ }).getByText(/Developing mastery in Years 1 and 2/).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/my-programme-desktop.png`, fullPage: true });

    // A date the way a British person types it, and an impossible one refused beside the field.
    const date = page.getByLabel(/^Date/);
    await date.fill('31/02/2027');
    await date.press('Tab');
    expect(await describedBy(page, /^Date/)).toContain('Enter a real date, for example 30/11/2026.');
    expect(await date.inputValue()).toBe('31/02/2027');
    await date.fill('01/02/2027');
    await date.press('Tab');
    expect(await date.inputValue()).toBe('1 February 2027');

    const before = await remainingDays(page);

    // Claim for the meeting they led, picked from their own recorded events.
    await page.getByRole('combobox', { name: 'Claim for' }).click();
    const listbox = page.getByRole('listbox', { name: 'Claim for' });
    await listbox.waitFor();
    const meetings = listbox.getByRole('group', { name: 'TRG meetings' });
    const meeting = meetings.getByRole('option').first();
    const chosen = (await meeting.textContent()) ?? '';
    expect(chosen).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}: /);
    await meeting.click();
    // axe runs on the form with the list closed: once the other browser tests have recorded
    // enough events, Mantine's open dropdown scrolls, and axe's scrollable-region-focusable
    // does not know that its options are reached with the arrow keys from the field
    // (aria-activedescendant). A known limit of the check, noted in the README's accessibility
    // section; the open list's roles and names are asserted above.
    expect(await seriousViolations(page)).toEqual([]);
    // The picked event filled the date (as it was held) and the activity.
    expect(chosen.startsWith(`${await date.inputValue()}: `)).toBe(true);
    const activity = await page.getByRole('combobox', { name: /^Activity/ }).inputValue();
    expect(activity).toMatch(/TRG$/);

    // A quarter day is refused beside the field, not rounded.
    const days = page.getByLabel(/^Days/);
    await days.fill('0.25');
    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('input[aria-invalid="true"]') !== null);
    expect(await describedBy(page, /^Days/)).toContain('Release days are counted in half days');
    expect(await days.inputValue()).toBe('0.25');
    await page.locator('form[aria-labelledby="claim-heading"]').screenshot({ path: `${SHOTS}/claim-form-refusal.png` });

    await days.fill('0.5');
    await page.getByRole('button', { name: 'Claim', exact: true }).click();
    await page.waitForFunction(
      (expected) => document.querySelector('[data-testid="remaining-days"]')?.textContent.startsWith(`${expected} day`) ?? false,
      String(before - 0.5),
    );
    expect(await remainingDays(page)).toBe(before - 0.5);

    // The entry is in the ledger, as theirs; the notification names no field.
    const ledger = page.getByRole('table', { name: 'Ledger entries' });
    const heldOn = chosen.split(': ')[0] ?? '';
    // Other tests claim for today too (planning, with a note): this row is the TRG meeting's.
    await ledger.getByRole('row').filter({ hasText: heldOn }).filter({ hasText: activity }).filter({ hasText: '0.5 days' }).filter({ hasText: 'Claimed' }).waitFor();
    const notices = await page.locator('.mantine-Notification-root').allTextContents();
    for (const notice of notices) expect(notice).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    await page.screenshot({ path: `${SHOTS}/my-programme-claimed.png` });
    // The event now says what has been claimed for it.
    await page.getByRole('combobox', { name: 'Claim for' }).click();
    const [, title = chosen, already = '0'] = /^(.*?)(?: \(([\d.]+) days? already claimed\))?$/.exec(chosen) ?? [];
    const now = Number(already) + 0.5;
    await listbox.getByRole('option', { name: `${title} (${String(now)} ${now === 1 ? 'day' : 'days'} already claimed)` }).waitFor();
    await page.keyboard.press('Escape');
    await context.close();
  });

  it('fits 375 px with nothing scrolling sideways and no serious violations', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 740 });
    await signInAsSpecialist(page);
    await settled(page);
    expect({ overflow: await sidewaysOverflow(page), violations: await seriousViolations(page) }).toEqual({ overflow: 0, violations: [] });
    await page.screenshot({ path: `${SHOTS}/my-programme-375.png`, fullPage: true });

    // The calendar of a date field, open, is accessible and fits too.
    await page.getByRole('button', { name: 'Choose date from a calendar' }).click();
    await page.getByRole('dialog', { name: 'Calendar for date' }).waitFor();
    expect({ overflow: await sidewaysOverflow(page), violations: await seriousViolations(page) }).toEqual({ overflow: 0, violations: [] });
    await context.close();
  });

  it('shows a hub lead whose hub set no day rate where to set it, beside the activity', async () => {
    const southLead = { email: 'lead@south.masteryhub.test', password: 'hub-lead-demo' };
    const token = await passwordToken(southLead);
    const list = await call<{ items: { id: string; last_name: string; cohort: { id: string } }[] }>('/api/v1/specialists?limit=50', { token });
    const dan = list.body.items.find((item) => item.last_name === 'Evans');
    expect(dan).toBeDefined();

    const { context, page } = await newPage(browser);
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(southLead.email);
    await page.getByLabel(/^Password/).fill(southLead.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.goto(`/specialists/${String(dan?.id)}`);
    await settled(page);
    await page.getByLabel(/^Date/).fill('2/12/2026');
    await page.getByLabel(/^Days/).fill('1');
    await page.getByRole('button', { name: 'Claim', exact: true }).click();

    const link = page.getByRole('link', { name: 'Set the day rates' });
    await link.waitFor();
    const href = new URL((await link.getAttribute('href')) ?? '', 'http://x');
    expect(href.pathname).toBe('/day-rates');
    expect(href.searchParams.get('cohort')).toBe(dan?.cohort.id);
    expect(href.searchParams.get('year')).toMatch(/^\d+$/);
    expect(href.searchParams.get('back')).toBe(`/specialists/${String(dan?.id)}`);
    expect(await describedBy(page, page.getByRole('combobox', { name: /^Activity/ }))).toContain('No day rate is set for this activity yet');
    // No notification repeats it with a field's name.
    const notices = await page.locator('.mantine-Notification-root').allTextContents();
    for (const notice of notices) expect(notice).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    expect(await seriousViolations(page)).toEqual([]);

    // The link opens that year's rates; once done there, the way back leads to the claim.
    await link.click();
    const dialog = page.getByRole('dialog', { name: /^Day rates: / });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('link', { name: 'Back to the claim' }).click();
    await page.waitForURL((url) => url.pathname === `/specialists/${String(dan?.id)}`);
    await page.getByRole('button', { name: 'Claim', exact: true }).waitFor();
    await context.close();
  });

  it('takes a specialist from their own record to My programme; anyone else’s record is not found', async () => {
    const token = await passwordToken(SPECIALIST);
    const me = await call<{ specialists: { id: string }[] }>('/api/v1/me', { token });
    const own = me.body.specialists[0]?.id;
    expect(own).toBeDefined();
    const leadToken = await passwordToken(DEMO.northLead);
    const colleagues = await call<{ items: { id: string }[] }>('/api/v1/specialists?limit=50', { token: leadToken });
    const other = colleagues.body.items.find((item) => item.id !== own)?.id;
    expect(other).toBeDefined();

    const { context, page } = await newPage(browser);
    await signInAsSpecialist(page);
    await page.goto(`/specialists/${String(own)}`);
    await page.getByRole('heading', { level: 1, name: 'My programme' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/my-programme');
    expect(await page.getByText('You do not have access to this page').count()).toBe(0);

    await page.goto(`/specialists/${String(other)}`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await context.close();
  });
});
