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

describe('cohorts', () => {
  it('lists cohorts and shows Primary Cohort 6 with its window, year rules, residentials and criteria', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northStaff);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cohorts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cohorts' }).waitFor();
    const table = page.getByRole('table', { name: 'Cohorts' });
    await table.waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // The source documents' deadline: Monday 15 June 2020, 17:00 London time (16:00 UTC).
    const row = table.getByRole('row').filter({ hasText: 'Primary Mastery Specialists Cohort 6' });
    expect(await row.textContent()).toContain('15 June 2020, 17:00');
    expect(await row.textContent()).toContain('Closed');

    await row.getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Primary Mastery Specialists Cohort 6 (2020/21)' }).waitFor();
    const window = page.getByRole('region', { name: 'Application window' });
    expect(await window.textContent()).toContain('15 June 2020, 17:00');
    const rules = page.getByRole('table', { name: 'Year rules' });
    const firstYear = rules.getByRole('row').filter({ hasText: 'development year' });
    expect(await firstYear.textContent()).toContain('15 days');
    const residentials = page.getByRole('table', { name: 'Residentials' });
    expect(await residentials.getByRole('row').count()).toBe(4);
    expect(await residentials.textContent()).toContain('Provisional');
    const criteria = page.getByRole('region', { name: 'Criteria' });
    await criteria.getByText('Essential', { exact: true }).waitFor();
    expect(await criteria.getByRole('listitem').count()).toBeGreaterThan(10);
    expect(await seriousViolations(page)).toEqual([]);

    // The detail page has its own address: a reload lands on it again.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Primary Mastery Specialists Cohort 6 (2020/21)' }).waitFor();
    await context.close();
  });

  it('filters to open cohorts from the query string', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await page.goto('/cohorts?open=yes');
    const table = page.getByRole('table', { name: 'Cohorts' });
    await table.waitFor();
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/Open – /);
    expect(await page.getByRole('switch', { name: 'Open for applications now' }).isChecked()).toBe(true);
    await context.close();
  });
});
