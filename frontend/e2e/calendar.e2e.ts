import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, londonToday, monthLabel, monthOf, monthParam } from '../src/lib/months';
import { DEMO, launch, newPage, seriousViolations, signIn } from './browser';

// seed-demo dates a TRG meeting led by Amira Khan today (London), and a work-group session later this month.
// Other browser tests record WG-DEMO sessions today too, so the session is counted as present, not once.
const DEMO_MEETING = /^TRG meeting \(school\): Amira Khan – Fluency with number facts$/;
const DEMO_SESSION = /^Work group WG-DEMO: Developing mastery in Years 1 and 2$/;

const thisMonth = monthOf(londonToday(new Date()));
const nextMonth = addMonths(thisMonth, 1);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

async function settled(page: Page) {
  await page.waitForFunction(() => ![...document.querySelectorAll('[role="status"]')].some((node) => node.textContent.includes('Loading')));
}

async function showsMonth(page: Page, month: typeof thisMonth) {
  await page.getByRole('heading', { level: 2, name: monthLabel(month) }).waitFor();
  await settled(page);
  expect(new URL(page.url()).pathname).toBe('/calendar');
}

describe('calendar', () => {
  it('shows this month’s demo events in a month grid, and moves between months by the buttons and the address', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northStaff);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    await showsMonth(page, thisMonth);

    const grid = page.getByRole('table', { name: `${monthLabel(thisMonth)}, by week` });
    const meeting = grid.getByRole('link', { name: DEMO_MEETING });
    await meeting.waitFor();
    // Today is marked, and the meeting is on it.
    const today = grid.locator('td[aria-current="date"]');
    expect(await today.getByRole('link', { name: DEMO_MEETING }).count()).toBe(1);
    expect(await today.textContent()).toContain('Today');
    expect(await grid.getByRole('link', { name: DEMO_SESSION }).count()).toBeGreaterThanOrEqual(1);
    expect(await meeting.getAttribute('href')).toMatch(/^\/trg-meetings\/[0-9a-f-]{36}$/);
    // The ICS subscription is offered here too.
    await page.getByRole('region', { name: 'Your calendar' }).getByRole('button', { name: 'Get a calendar link' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('link', { name: 'Next month' }).click();
    await showsMonth(page, nextMonth);
    expect(new URL(page.url()).searchParams.get('month')).toBe(monthParam(nextMonth));
    expect(await page.getByRole('link', { name: DEMO_MEETING }).count()).toBe(0);

    await page.getByRole('link', { name: 'Previous month' }).click();
    await showsMonth(page, thisMonth);
    await page.getByRole('link', { name: DEMO_MEETING }).waitFor();

    // The month is in the address: a bookmark opens it, and "This month" comes back.
    await page.goto(`/calendar?month=${monthParam(nextMonth)}`);
    await showsMonth(page, nextMonth);
    expect(await page.getByRole('link', { name: DEMO_MEETING }).count()).toBe(0);
    await page.getByRole('link', { name: 'This month' }).click();
    await showsMonth(page, thisMonth);
    await page.getByRole('link', { name: DEMO_MEETING }).waitFor();

    // A month with nothing in it says so.
    const empty = { year: 2001, month: 1 };
    await page.goto(`/calendar?month=${monthParam(empty)}`);
    await showsMonth(page, empty);
    await page.getByText('Nothing in January 2001').waitFor();
    await context.close();
  });

  it('lists the month by day at 375 px, with nothing scrolling sideways', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 740 });
    await signIn(page, DEMO.northLead);
    await page.goto('/calendar');
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    await showsMonth(page, thisMonth);

    const agenda = page.getByRole('list', { name: 'Agenda' });
    await agenda.getByRole('link', { name: DEMO_MEETING }).waitFor();
    expect(await page.getByRole('table', { name: `${monthLabel(thisMonth)}, by week` }).count()).toBe(0);
    const todayItem = agenda.locator('li[aria-current="date"]');
    expect(await todayItem.getByRole('link', { name: DEMO_MEETING }).count()).toBe(1);
    expect(await agenda.getByRole('link', { name: DEMO_SESSION }).count()).toBeGreaterThanOrEqual(1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('dashboard', () => {
  it('shows this month’s events and release days used against entitlement', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    const thisMonthPanel = page.getByRole('region', { name: `This month: ${monthLabel(thisMonth)}` });
    await thisMonthPanel.getByRole('link', { name: DEMO_MEETING }).waitFor();
    expect(await thisMonthPanel.getByRole('link', { name: DEMO_SESSION }).count()).toBeGreaterThanOrEqual(1);

    const releaseDays = page.getByRole('region', { name: 'Release days used vs entitlement' });
    await releaseDays.getByTestId('release-days-chart').waitFor();
    const figures = releaseDays.getByRole('table', { name: /^Release days used against entitlement/ });
    const amira = figures.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Amira Khan' }) });
    expect(await amira.textContent()).toContain('33 days');
    expect(await releaseDays.getByRole('link', { name: 'Open specialists' }).getAttribute('href')).toBe('/specialists');
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
