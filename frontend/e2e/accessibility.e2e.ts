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

describe('accessibility (axe-core, WCAG 2.2 AA): no serious or critical violations', () => {
  it('on the sign-in page, including its error state', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Enter your email address.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('on the shell and dashboard, on a desktop', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.nationalAdmin);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('on the shell at 375 px wide, with the menu open, and nothing scrolls sideways', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 740 });
    await signIn(page, DEMO.northLead);
    expect(await seriousViolations(page)).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await page.getByRole('button', { name: 'Open navigation' }).click();
    const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' });
    await link.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await link.click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await context.close();
  });

  it('on each page a hub lead can open from the menu', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    for (const [link, heading] of [
      ['Users', 'Users'],
      ['API clients', 'API clients'],
      ['Audit log', 'Audit log'],
      ['Cohorts', 'Cohorts'],
      ['TRG meetings', 'TRG meetings'],
      ['Work groups', 'Work groups'],
      ['Calendar', 'Calendar'],
      ['Applications', 'Applications'],
    ] as const) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.getByRole('status').waitFor({ state: 'detached' });
      expect({ page: heading, violations: await seriousViolations(page) }).toEqual({ page: heading, violations: [] });
    }
    await context.close();
  });
});

describe('at 375 px wide', () => {
  it('no page scrolls sideways and none has serious violations', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 740 });
    await signIn(page, DEMO.nationalAdmin);
    for (const [path, heading] of [
      ['/cohorts', 'Cohorts'],
      ['/cohorts/new', 'New cohort'],
      ['/schools', 'Schools'],
      ['/admin/users', 'Users'],
      ['/admin/api-clients', 'API clients'],
      ['/admin/hubs', 'Hubs'],
      ['/admin/audit-log', 'Audit log'],
      ['/trg-meetings', 'TRG meetings'],
      ['/trg-meetings/new', 'Record a TRG meeting'],
      ['/work-groups', 'Work groups'],
      ['/calendar', 'Calendar'],
      ['/work-groups/new', 'New work group'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.waitForFunction(() => ![...document.querySelectorAll('[role="status"]')].some((node) => node.textContent.includes('Loading')));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect({ path, overflow, violations: await seriousViolations(page) }).toEqual({ path, overflow: 0, violations: [] });
    }
    await context.close();
  });
});

describe('keyboard', () => {
  it('reaches the skip link first and lands on the main content', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await context.close();
  });
});
