/**
 * The national team's screen: every hub's figures (sorted by a column), a hub's at-risk count
 * followed to the filtered specialists list, and the August data cut taken and shown.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, launch, newPage, seriousViolations, signIn } from './browser';

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

async function expectFits(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect({ what, overflow, violations: await seriousViolations(page) }).toEqual({ what, overflow: 0, violations: [] });
}

function hubNames(page: Page): Promise<string[]> {
  return page.locator('[data-testid="hubs-table"] tbody tr th').allTextContents();
}

describe('national dashboard', () => {
  it('sorts the hubs, follows an at-risk count to the filtered specialists, and takes a data cut', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.nationalAdmin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'National dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'National dashboard' }).waitFor();
    await page.getByTestId('hubs-table').waitFor();
    await settled(page);
    await expectFits(page, 'dashboard');
    // The coverage chart has its table for screen readers.
    expect(await page.getByRole('table', { name: /^Coverage of state-funded open schools/ }).count()).toBe(1);

    // Sorting by a column, then the other way.
    const byName = await hubNames(page);
    expect(byName).toEqual([...byName].sort((a, b) => a.localeCompare(b)));
    await page.getByRole('button', { name: 'Hub: sort descending' }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === '-hub');
    await expect.poll(() => hubNames(page)).toEqual([...byName].reverse());
    await page.getByRole('button', { name: 'At risk: sort ascending' }).click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'at_risk');
    await expect.poll(() => page.getByRole('columnheader', { name: /At risk/ }).getAttribute('aria-sort')).toBe('ascending');

    // A hub's at-risk count opens the specialists list filtered to that hub and status.
    const north = page.locator('[data-testid="hubs-table"] tbody tr', { has: page.getByRole('rowheader', { name: /North/ }) });
    const atRisk = north.getByRole('link');
    const count = Number(await atRisk.textContent());
    await atRisk.click();
    await page.getByRole('heading', { level: 1, name: 'Specialists' }).waitFor();
    const url = new URL(page.url());
    expect(url.searchParams.get('warning')).toBe('attention');
    expect(url.searchParams.get('hub')).toBeTruthy();
    await settled(page);
    expect(await page.getByRole('combobox', { name: 'Early warning' }).inputValue()).toBe('At risk or behind');
    const rows = page.locator('table[aria-label="Specialists"] tbody tr');
    await expect.poll(() => rows.count()).toBe(count);
    for (const badge of await rows.locator('td .mantine-Badge-label').allTextContents()) {
      expect(['Active', 'At risk', 'Behind']).toContain(badge);
    }
    await expectFits(page, 'filtered specialists');

    // The data cut: taken, then shown with England's figures.
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'National dashboard' }).waitFor();
    await settled(page);
    const section = page.getByRole('region', { name: 'Latest data cut' });
    const label = `August data cut ${Date.now().toString(36)}`;
    await section.getByLabel(/^Name of the cut/).fill(label);
    const again = section.getByLabel(/^Why cut again/);
    if ((await again.count()) > 0) await again.fill('A late evaluation arrived.');
    await section.getByRole('button', { name: /data cut|again/ }).click();
    await section.getByText(label).waitFor();
    const figures = section.getByTestId('data-cut');
    expect(await figures.getByRole('rowheader', { name: 'Active specialists' }).count()).toBe(1);
    await expectFits(page, 'data cut');
    await context.close();
  });

  it('fits a 375 px screen, and a hub lead sees their own row', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 740 });
    await signIn(page, DEMO.northLead);
    await page.goto('/national');
    await page.getByRole('heading', { level: 1, name: 'Hub figures and coverage' }).waitFor();
    await page.getByTestId('hubs-table').waitFor();
    await settled(page);
    expect((await hubNames(page)).length).toBe(1);
    expect(await page.getByRole('region', { name: 'Latest data cut' }).count()).toBe(0);
    await expectFits(page, 'hub lead at 375 px');
    await context.close();
  });
});
