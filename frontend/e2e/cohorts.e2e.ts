import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, importSchool, intakeClientToken, passwordToken } from './api';
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

// Names per run, so the tests also work against a database that has seen earlier runs.
const run = Date.now().toString(36);
const urn = 600000 + (Date.now() % 99999);
const cohortName = `E2E Primary Cohort ${run}`;
const cohortCode = `e2e-${run}`;
const prefix = `E${run.slice(-6).toUpperCase().replace(/^\d/, 'X')}`;
const specialistLast = `Attlee${run}`;

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

const longDate = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));

async function settled(page: Page) {
  await page.waitForFunction(() => ![...document.querySelectorAll('[role="status"]')].some((node) => node.textContent.includes('Loading')));
}

async function noSeriousViolations(page: Page, where: string) {
  expect({ where, violations: await seriousViolations(page) }).toEqual({ where, violations: [] });
}

async function fillDate(page: Page, label: RegExp, iso: string) {
  const input = page.getByLabel(label);
  await input.fill(iso);
  await input.press('Tab');
}

/** The cohort the admin created, as the API has it (the later tests start from it). */
async function createdCohort(token: string): Promise<{ id: string; residentials: { id: string; title: string }[] }> {
  const { body } = await call<{ items: { id: string; code: string; residentials: { id: string; title: string }[] }[] }>(
    `/api/v1/cohorts?q=${cohortCode}`,
    { token },
  );
  const cohort = body.items.find((item) => item.code === cohortCode);
  if (!cohort) throw new Error(`cohort ${cohortCode} was not created`);
  return cohort;
}

describe('cohort administration', () => {
  it('lets a national admin create a cohort in London time and see it', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.nationalAdmin);
    await page.goto('/cohorts');
    await page.getByRole('link', { name: 'New cohort' }).click();
    await page.getByRole('heading', { level: 1, name: 'New cohort' }).waitFor();
    await noSeriousViolations(page, 'new cohort');

    await page.getByLabel(/^Name/).fill(cohortName);
    await page.getByLabel(/^Code/).fill(cohortCode);
    await page.getByLabel(/^Reference prefix/).fill(prefix);
    await fillDate(page, /^Opens on/, isoDay(-1));
    await fillDate(page, /^Closes on/, isoDay(60));
    await page.getByLabel(/^Closes at/).fill('17:00');
    await page.getByLabel(/^Places per hub/).fill('4');
    // A problem the form names beside its field before anything is sent.
    await page.getByLabel(/^Remind the headteacher after/).fill('');
    await page.getByRole('button', { name: 'Create cohort' }).click();
    await page.getByText('Enter a whole number of days, 1 to 90.').waitFor();
    await page.getByLabel(/^Remind the headteacher after/).fill('7');
    await page.getByRole('button', { name: 'Create cohort' }).click();

    await page.getByRole('heading', { level: 1, name: cohortName }).waitFor();
    const window = page.getByRole('region', { name: 'Application window' });
    expect(await window.textContent()).toContain(`${longDate(isoDay(60))}, 17:00`);
    expect(await window.textContent()).toContain(cohortCode);
    await noSeriousViolations(page, 'cohort detail');

    await page.getByRole('link', { name: 'All cohorts' }).click();
    await page.getByLabel(/^Search/).fill(cohortCode);
    await page.getByRole('table', { name: 'Cohorts' }).getByRole('link', { name: cohortName }).waitFor();
    await context.close();
  });

  it('edits the cohort, then a year rule’s day rate in pounds', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.nationalAdmin);
    const cohort = await createdCohort(await passwordToken(DEMO.nationalAdmin));
    await page.goto(`/cohorts/${cohort.id}`);
    await page.getByRole('heading', { level: 1, name: cohortName }).waitFor();

    await page.getByRole('link', { name: 'Edit cohort' }).click();
    await page.getByRole('heading', { level: 1, name: `Edit ${cohortName}` }).waitFor();
    await settled(page);
    expect(await page.getByLabel(/^Closes at/).inputValue()).toBe('17:00');
    await noSeriousViolations(page, 'edit cohort');
    await page.getByLabel(/^Closes at/).fill('16:30');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { level: 1, name: cohortName }).waitFor();
    await page.getByRole('region', { name: 'Application window' }).getByText(`${longDate(isoDay(60))}, 16:30`).waitFor();

    await page.getByRole('button', { name: 'Edit year 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Programme year 1' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Add a day rate' }).click();
    await dialog.getByLabel('Pounds a day').fill('250.50');
    await noSeriousViolations(page, 'year rule dialog');
    await dialog.getByRole('button', { name: 'Save year 1' }).click();
    await dialog.waitFor({ state: 'detached' });
    const firstYear = page.getByRole('table', { name: 'Year rules' }).getByRole('row').filter({ hasText: 'development year' });
    await firstYear.getByText('£250.50 a day').waitFor();
    // Sent as the API keeps money: integer pence.
    const { body } = await call<{ day_rates_pence: Record<string, number> }>(`/api/v1/cohorts/${cohort.id}/year-rules/1`, {
      token: await passwordToken(DEMO.nationalAdmin),
    });
    expect(body.day_rates_pence).toEqual({ default: 25050 });
    await context.close();
  });

  it('adds a residential to the cohort', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.nationalAdmin);
    const cohort = await createdCohort(await passwordToken(DEMO.nationalAdmin));
    await page.goto(`/cohorts/${cohort.id}`);
    await page.getByRole('button', { name: 'Add residential' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add residential' });
    await dialog.getByLabel(/^Title/).fill('Residential 1');
    await fillDate(page, /^First day/, isoDay(90));
    await fillDate(page, /^Last day/, isoDay(91));
    await dialog.getByLabel(/^Location/).fill('Birmingham');
    await noSeriousViolations(page, 'residential dialog');
    await dialog.getByRole('button', { name: 'Add residential' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('table', { name: 'Residentials' }).getByRole('row').filter({ hasText: 'Residential 1' });
    await row.waitFor();
    expect(await row.textContent()).toContain(`${longDate(isoDay(90))} to ${longDate(isoDay(91))}`);
    expect(await row.textContent()).toContain('Provisional');
    expect(await row.textContent()).toContain('Birmingham');
    await context.close();
  });

  it('lets a hub lead record attendance at the residential for their specialists', async () => {
    // A specialist of the north hub in this cohort: applied through the intake API, appointed by the lead.
    const [adminToken, leadToken] = await Promise.all([passwordToken(DEMO.nationalAdmin), passwordToken(DEMO.northLead)]);
    await importSchool(adminToken, urn);
    const clientToken = await intakeClientToken(leadToken, `Cohort e2e intake ${run}`);
    const applied = await call<{ id: string; status: string }>('/api/v1/applications', {
      method: 'POST',
      token: clientToken,
      headers: { 'Idempotency-Key': `e2e-cohorts-${run}` },
      body: {
        cohort_code: cohortCode,
        applicant: { first_name: 'Clem', last_name: specialistLast, email: `clem.${run}@example.org` },
        school_urn: String(urn),
        has_qts: true,
        years_teaching_maths: 6,
        days_teaching_maths_per_week: 5,
        statement: 'I want to lead teaching for mastery across our local schools.',
        headteacher: { name: 'Pat Head', email: `head.${run}@example.org`, statement: 'I support Clem fully.' },
        consent_to_data_processing: true,
      },
    });
    expect(applied.status).toBe(201);
    for (const to of ['shortlisted', 'interview', 'appointed']) {
      const moved = await call(`/api/v1/applications/${applied.body.id}/transitions`, {
        method: 'POST',
        token: leadToken,
        headers: { 'Idempotency-Key': `e2e-cohorts-${run}-${to}` },
        body: { to },
      });
      expect(moved.status).toBe(200);
    }

    const cohort = await createdCohort(adminToken);
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await page.goto(`/cohorts/${cohort.id}`);
    await page.getByRole('link', { name: 'Attendance at Residential 1' }).click();
    await page.getByRole('heading', { level: 1, name: 'Attendance: Residential 1' }).waitFor();
    const name = `Clem ${specialistLast}`;
    const status = page.getByLabel(`Attendance of ${name}`);
    await status.waitFor();
    expect(await status.inputValue()).toBe('');
    await noSeriousViolations(page, 'attendance');

    await status.selectOption({ label: 'Attended' });
    await page.getByLabel(`Note for ${name}`).fill('Both days');
    await page.getByText('1 unsaved change.').waitFor();
    await page.getByRole('button', { name: 'Save attendance' }).click();
    await page.getByText('Attendance saved for 1 specialist.').waitFor();

    // What the API recorded is what a reload shows.
    await page.reload();
    await page.getByLabel(`Attendance of ${name}`).waitFor();
    expect(await page.getByLabel(`Attendance of ${name}`).inputValue()).toBe('attended');
    expect(await page.getByLabel(`Note for ${name}`).inputValue()).toBe('Both days');
    const row = page.getByRole('row').filter({ hasText: name });
    expect(await row.textContent()).not.toContain('Not yet');
    await context.close();

    // At 375 px the register scrolls inside its own box, not the page.
    const narrow = await newPage(browser, { width: 375, height: 740 });
    await signIn(narrow.page, DEMO.northLead);
    await narrow.page.goto(`/cohorts/${cohort.id}/residentials/${cohort.residentials[0]?.id ?? ''}/attendance`);
    await narrow.page.getByLabel(`Attendance of ${name}`).waitFor();
    const overflow = await narrow.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await noSeriousViolations(narrow.page, 'attendance at 375 px');
    await narrow.context.close();
  });
});

describe('hub areas', () => {
  it('lets a hub lead set their own hub’s area from the Schools page and shows what moved', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schools' }).click();
    await page.getByRole('heading', { level: 1, name: 'Schools' }).waitFor();
    const panel = page.getByRole('region', { name: 'Hub area' });
    await panel.waitFor();
    await settled(page);
    await noSeriousViolations(page, 'schools with the hub area panel');

    const codes = panel.getByLabel(/^LA codes in the area/);
    await codes.fill('330');
    await codes.press('Enter');
    await panel.getByRole('button', { name: 'Save area' }).click();
    const saved = panel.getByRole('status').filter({ hasText: 'Area saved' });
    await saved.waitFor();
    expect(await saved.textContent()).toMatch(/1 LA is in the area\. (1 school|\d+ schools) changed hub\./);
    // The LA's name, as GIAS spells it, from the schools the API holds.
    await panel.getByRole('table', { name: 'LAs in the area' }).getByRole('row').filter({ hasText: '330' }).getByText('Birmingham').waitFor();
    await noSeriousViolations(page, 'hub area saved');
    await context.close();
  });

  it('lets a national admin edit any hub’s area from Admin → Hubs', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.nationalAdmin);
    await page.goto('/admin/hubs');
    await page.getByRole('link', { name: 'Solent Maths Hub' }).click();
    await page.getByRole('heading', { level: 1, name: 'Solent Maths Hub' }).waitFor();
    const panel = page.getByRole('region', { name: 'Hub area' });
    await settled(page);
    await noSeriousViolations(page, 'hub detail');

    // An LA already in the north hub's area is refused, and the reason is shown on the field.
    const codes = panel.getByLabel(/^LA codes in the area/);
    await codes.fill('330');
    await codes.press('Enter');
    await panel.getByRole('button', { name: 'Save area' }).click();
    await panel.getByText(/LA 330 is in North Star Maths Hub/).waitFor();
    expect(await codes.getAttribute('aria-invalid')).toBe('true');

    await codes.press('Backspace'); // removes the last code entered
    await codes.fill('202');
    await codes.press('Enter');
    await panel.getByRole('button', { name: 'Save area' }).click();
    await panel.getByRole('status').filter({ hasText: '1 LA is in the area.' }).waitFor();
    await panel.getByRole('table', { name: 'LAs in the area' }).getByRole('row').filter({ hasText: '202' }).waitFor();
    await context.close();
  });
});
