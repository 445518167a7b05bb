/**
 * A hub lead's lists: bulk actions on the applications table, the dashboard's work queue (its
 * counts follow what the lead does), and an application entered by hand after its cohort closed.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, importSchool, intakeClientToken, passwordToken, postApplication, type Posted } from './api';
import { DEMO, launch, newPage, screenshot, seriousViolations, sidewaysOverflow, signIn } from './browser';

const run = Date.now().toString(36);
const urn = 600000 + (Date.now() % 99999);
const bulkLast = `Bulkley${run}`;
const mixedLast = `Mixon${run}`;
const lateLast = `Latimer${run}`;

let browser: Browser;
let leadToken: string;
let bulk: Posted[];
let mixed: Posted[];

beforeAll(async () => {
  browser = await launch();
  let adminToken: string;
  [leadToken, adminToken] = await Promise.all([passwordToken(DEMO.northLead), passwordToken(DEMO.nationalAdmin)]);
  await importSchool(adminToken, urn);
  const clientToken = await intakeClientToken(leadToken, `Intake lists ${run}`);
  const statement = 'I support this application and will release them.';
  bulk = [];
  for (const first of ['Alex', 'Bea', 'Cal']) {
    bulk.push(await postApplication(clientToken, { first, last: bulkLast, urn, headteacherStatement: statement }));
  }
  mixed = [];
  for (const first of ['Dee', 'Eli', 'Fay']) {
    mixed.push(await postApplication(clientToken, { first, last: mixedLast, urn, headteacherStatement: statement }));
  }
  // One of the mixed three is withdrawn: it cannot be shortlisted.
  const withdrawn = await call(`/api/v1/applications/${mixed[2]?.id ?? ''}/transitions`, {
    method: 'POST',
    token: leadToken,
    body: { to: 'withdrawn', note: 'Moving away.' },
    headers: { 'Idempotency-Key': `withdraw-${run}` },
  });
  if (withdrawn.status !== 200) throw new Error(`withdraw: ${withdrawn.status} ${JSON.stringify(withdrawn.body)}`);
});
afterAll(async () => {
  await browser.close();
});

async function settled(page: Page) {
  await page.waitForFunction(() => ![...document.querySelectorAll('[role="status"]')].some((node) => node.textContent.includes('Loading')));
}

/** The number on one of the work queue's links ("12 Awaiting review …"). */
async function queueCount(page: Page, label: string): Promise<number> {
  const link = page.getByRole('region', { name: 'Work queue' }).getByRole('link', { name: new RegExp(`^\\d+\\s*${label}`) });
  await link.waitFor();
  const text = (await link.textContent()) ?? '';
  return Number(/^\d+/.exec(text)?.[0]);
}

async function openDashboard(page: Page) {
  await page.goto('/');
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  await settled(page);
}

/** Search the list, and wait until the table shows only the rows found (not the page before). */
async function search(page: Page, text: string, rows: number) {
  await page.getByLabel(/^Search/).fill(text);
  await page.waitForURL(new RegExp(`q=${text}`));
  await settled(page);
  await expect.poll(() => page.getByRole('table', { name: 'Applications' }).locator('tbody tr').count()).toBe(rows);
}

describe('the applications list, the work queue and entering by hand', () => {
  it('bulk-shortlists three applications; the work queue’s awaiting-review count drops by three', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await settled(page);
    const awaiting = await queueCount(page, 'Awaiting review');
    const decisions = await queueCount(page, 'Decisions waiting');
    expect(awaiting).toBeGreaterThanOrEqual(6);
    await screenshot(page, 'dashboard-work-queue');

    // The count is a link to the list filtered to it.
    await page.getByRole('region', { name: 'Work queue' }).getByRole('link', { name: /Awaiting review/ }).click();
    await page.waitForURL(/\/applications\?status=complete/);
    const table = page.getByRole('table', { name: 'Applications' });
    await search(page, bulkLast, 3);
    await table.getByRole('row').filter({ hasText: `Alex ${bulkLast}` }).waitFor();
    expect(await table.getByRole('row').filter({ hasText: bulkLast }).count()).toBe(3);

    await table.getByRole('checkbox', { name: 'Select every application on this page' }).check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await bar.getByText('3 selected').waitFor();
    expect(await table.getByRole('checkbox', { name: `Select Bea ${bulkLast} (${bulk[1]?.reference ?? ''})` }).isChecked()).toBe(true);
    await bar.getByRole('button', { name: 'Shortlist' }).click();
    await page.getByText('3 applications shortlisted.').waitFor();

    // The table refreshes: filtered to complete, they have gone; without the filter, they are shortlisted.
    await page.goto(`/applications?q=${bulkLast}`);
    await settled(page);
    await page.getByRole('region', { name: 'Bulk actions' }).waitFor({ state: 'detached' });
    for (const first of ['Alex', 'Bea', 'Cal']) {
      const row = table.getByRole('row').filter({ hasText: `${first} ${bulkLast}` });
      await row.filter({ hasText: 'Shortlisted' }).waitFor();
    }

    await openDashboard(page);
    expect(await queueCount(page, 'Awaiting review')).toBe(awaiting - 3);
    expect(await queueCount(page, 'Decisions waiting')).toBe(decisions);

    // Moving one to interview puts a decision on the queue.
    await page.goto(`/applications?q=${bulkLast}`);
    await settled(page);
    await table.getByRole('checkbox', { name: new RegExp(`^Select Alex ${bulkLast}`) }).check();
    await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Move to interview' }).click();
    await page.getByText('1 application moved to interview.').waitFor();
    await openDashboard(page);
    expect(await queueCount(page, 'Decisions waiting')).toBe(decisions + 1);
    await context.close();
  });

  it('refuses a bulk action with one invalid row, changes nothing, and says which one and why', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await page.goto('/applications');
    await search(page, mixedLast, 3);
    const table = page.getByRole('table', { name: 'Applications' });
    await table.getByRole('row').filter({ hasText: `Fay ${mixedLast}` }).waitFor();
    await table.getByRole('checkbox', { name: 'Select every application on this page' }).check();
    await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: 'Shortlist' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'so it cannot be shortlisted' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain(`${mixed[2]?.reference ?? ''} (Fay ${mixedLast}) has been withdrawn, so it cannot be shortlisted.`);
    // Only the withdrawn one is named; the title says nothing was changed.
    expect(await alert.textContent()).toMatch(/none were changed|nothing was changed/);
    expect(await alert.textContent()).not.toContain(`Dee ${mixedLast}`);
    await screenshot(page, 'bulk-refused');
    await page.reload();
    await settled(page);
    for (const first of ['Dee', 'Eli']) {
      await table.getByRole('row').filter({ hasText: `${first} ${mixedLast}` }).filter({ hasText: 'Complete' }).waitFor();
    }

    // Deciding not appointed asks for one coded reason first (a hub lead's action).
    await table.getByRole('checkbox', { name: new RegExp(`^Select Dee ${mixedLast}`) }).check();
    await page.getByRole('region', { name: 'Bulk actions' }).getByRole('button', { name: /Decide not appointed/ }).click();
    const dialog = page.getByRole('dialog', { name: /Decide not appointed/ });
    await dialog.getByRole('button', { name: 'Decide not appointed' }).click();
    await dialog.getByText('Choose the reason for the decision.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await context.close();
  });

  it('enters a late application by hand: problems beside the fields, "marked late", and Late on its page and the list', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await page.goto('/applications');
    await page.getByRole('link', { name: 'Enter an application' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enter an application' }).waitFor();

    // Nothing filled in: each problem beside its field.
    await page.getByRole('button', { name: 'Enter the application' }).click();
    await page.getByText('Enter the applicant’s first name.').waitFor();
    await page.getByText('Choose the cohort the application is for.').waitFor();
    await page.getByText('Enter the school’s URN, or find the school by name.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('combobox', { name: /^Cohort/ }).click();
    await page.getByRole('option', { name: /Cohort 6 \(2020\/21\)/ }).click();
    await page.getByText('This application will be marked late').first().waitFor();
    expect(await page.getByText(/closed on \d{1,2} \w+ \d{4}, \d\d:\d\d\. This application will be marked late\./).count()).toBe(1);

    await page.getByLabel('First name').fill('Lena');
    await page.getByLabel('Last name').fill(lateLast);
    await page.getByLabel('Email address', { exact: false }).first().fill(`lena.${lateLast}@example.org`.toLowerCase());
    await page.getByLabel('Teacher reference number (TRN)').fill('12345');
    // The school by name fills its URN.
    await page.getByRole('combobox', { name: /^Find the school by name/ }).fill(`Brook Lane Primary School ${urn}`);
    await page.getByRole('option', { name: new RegExp(String(urn)) }).click();
    expect(await page.getByLabel(/^School URN/).inputValue()).toBe(String(urn));
    await page.getByRole('radiogroup', { name: /Qualified Teacher Status/ }).getByLabel('Yes').check();
    await page.getByLabel('Years teaching maths').fill('5');
    await page.getByLabel(/^Statement/).fill('A paper form that arrived after the closing date.');
    await page.getByLabel(/^Headteacher’s name/).fill('Pat Head');
    await page.getByLabel(/^Headteacher’s email address/).fill(`head.${lateLast}@example.org`.toLowerCase());
    await page.getByLabel(/^Headteacher’s statement/).fill('I support Lena.');
    await page.getByLabel('The applicant consented to their data being processed').check();
    await page.getByRole('button', { name: 'Enter the application' }).click();
    await page.getByText('A teacher reference number is seven digits.').waitFor();
    await page.getByLabel('Teacher reference number (TRN)').fill('');
    await screenshot(page, 'enter-application-desktop');
    await page.getByRole('button', { name: 'Enter the application' }).click();

    await page.waitForURL(/\/applications\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 1, name: new RegExp(`Lena ${lateLast}`) }).waitFor();
    await page.getByText('Late', { exact: true }).first().waitFor();
    await page.getByText(/marked late/).first().waitFor();

    await page.goto(`/applications?q=${lateLast}`);
    await settled(page);
    const row = page.getByRole('table', { name: 'Applications' }).getByRole('row').filter({ hasText: `Lena ${lateLast}` });
    await row.waitFor();
    expect(await row.textContent()).toContain('Late');
    expect(await row.textContent()).toContain('Complete');
    await context.close();
  });

  it('has no serious axe violations and nothing scrolls sideways at 375 px: the list with the bulk bar, hand entry, the dashboard', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 740 });
    await signIn(page, DEMO.northLead);
    await settled(page);
    await page.getByRole('region', { name: 'Work queue' }).getByRole('link', { name: /References overdue/ }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'dashboard-375');

    await page.goto('/applications');
    await settled(page);
    await page.getByRole('table', { name: 'Applications' }).getByRole('checkbox', { name: 'Select every application on this page' }).check();
    await page.getByRole('region', { name: 'Bulk actions' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'applications-bulk-375');

    await page.goto('/applications/new');
    await page.getByRole('heading', { level: 1, name: 'Enter an application' }).waitFor();
    await page.getByRole('button', { name: 'Enter the application' }).click();
    await page.getByText('Enter the applicant’s first name.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'enter-application-375');
    await context.close();
  });
});
