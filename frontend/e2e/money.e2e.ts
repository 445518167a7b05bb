/**
 * The hub lead's side of the money: hub day rates (a claim refused for want of a rate succeeds
 * once the lead sets one), four eyes (a second person approves what someone else recorded) and
 * the per-entry finance CSV, whose total matches the page.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, passwordToken } from './api';
import { DEMO, launch, newPage, seriousViolations, signIn } from './browser';
import { parseCsv } from './csv';

const SPECIALIST = { email: 'specialist@north.masteryhub.test', password: 'specialist-demo' };
const run = Date.now().toString(36);

interface Me {
  id: string;
  specialists: { id: string }[];
}
interface SpecialistSummary {
  id: string;
  first_name: string;
  last_name: string;
  cohort: { id: string; code: string; development_year: string };
}
interface Rule {
  programme_year: number;
  release_days: number;
  day_rates_pence: Record<string, number>;
  grants: unknown[];
  notes: string | null;
}

let browser: Browser;
let leadToken: string;
let adminToken: string;
beforeAll(async () => {
  browser = await launch();
  [leadToken, adminToken] = await Promise.all([passwordToken(DEMO.northLead), passwordToken(DEMO.nationalAdmin)]);
});
afterAll(async () => {
  await browser.close();
});

async function settled(page: Page) {
  // Several sections may be loading at once: wait until none is (a locator would be ambiguous).
  await page.waitForFunction(() => ![...document.querySelectorAll('[role="status"]')].some((node) => node.textContent.includes('Loading')));
}

async function expectFits(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect({ what, overflow, violations: await seriousViolations(page) }).toEqual({ what, overflow: 0, violations: [] });
}

/** The refusal shown beside the claim form's Activity field (where the API puts it). */
async function refusalText(page: Page): Promise<string> {
  const activity = page.getByRole('textbox', { name: /^Activity/ }).or(page.getByRole('combobox', { name: /^Activity/ })).first();
  await page.waitForFunction(() => [...document.querySelectorAll('input')].some((input) => input.getAttribute('aria-invalid') === 'true'));
  const describedBy = (await activity.getAttribute('aria-describedby')) ?? '';
  return page.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '), describedBy);
}

describe('hub day rates', () => {
  it('a claim refused for want of a day rate succeeds once the hub lead sets one on the Day rates page', async () => {
    // A north specialist of the running primary cohort, and its programme year 3 (next academic
    // year) with no national rate and no hub rate: nothing to pay a claim with.
    const list = await call<{ items: SpecialistSummary[] }>('/api/v1/specialists?q=Davies&limit=20', { token: leadToken });
    const chloe = list.body.items.find((item) => item.cohort.code === 'primary-running');
    if (!chloe) throw new Error('seed-demo’s Chloe Davies (primary-running, north) is missing');
    const cohortId = chloe.cohort.id;
    const rulePath = `/api/v1/cohorts/${cohortId}/year-rules/3`;
    const original = await call<Rule>(rulePath, { token: adminToken });
    expect(original.status).toBe(200);
    const put = await call(rulePath, {
      method: 'PUT',
      token: adminToken,
      headers: { 'If-Match': original.headers.get('ETag') ?? '*' },
      body: { release_days: original.body.release_days, day_rates_pence: {}, grants: original.body.grants, notes: original.body.notes },
    });
    expect(put.status).toBe(200);
    const cleared = await call(`${rulePath}/day-rates`, { method: 'DELETE', token: leadToken });
    expect([204, 404]).toContain(cleared.status);

    try {
      const start = Number(chloe.cohort.development_year.slice(0, 4)) + 2;
      const year3 = `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
      const { context, page } = await newPage(browser);
      await signIn(page, DEMO.northLead);
      const claim = async () => {
        await page.goto(`/specialists/${chloe.id}?year=${encodeURIComponent(year3)}`);
        await page.getByRole('heading', { level: 1, name: `${chloe.first_name} ${chloe.last_name}` }).waitFor();
        await settled(page);
        await page.getByLabel(/^Date/).fill(`${start}-10-04`);
        await page.getByLabel(/^Days/).fill('1');
        await page.getByRole('combobox', { name: /^Activity/ }).click();
        await page.getByRole('option', { name: 'Planning', exact: true }).click();
        await page.getByLabel(/^Note/).fill(`Rates ${run}`);
        await page.getByRole('button', { name: 'Claim', exact: true }).click();
      };
      await claim();
      const refusal = await refusalText(page);
      expect(refusal).toMatch(/day rate/i);
      expect(refusal).not.toMatch(/day_rate|programme year 0|_id\b/);
      const entries = page.getByRole('table', { name: 'Ledger entries' });
      expect(await entries.getByText(`Rates ${run}`).count()).toBe(0);

      // The refusal links to the Day rates page at this cohort's year 3: the row is marked and
      // its rates open for editing.
      await page.goto(`/day-rates?cohort=${cohortId}&year=3`);
      await page.getByRole('heading', { level: 1, name: 'Day rates' }).waitFor();
      const dialog = page.getByRole('dialog', { name: /^Day rates: .*year 3/ });
      await dialog.waitFor();
      const current = page.getByRole('row').and(page.locator('[aria-current="true"]'));
      expect(await current.textContent()).toContain('Year 3');
      expect(await current.textContent()).toContain('No rate: claims are refused');
      expect(await seriousViolations(page)).toEqual([]);
      await dialog.getByLabel('Pounds a day').first().fill('abc');
      await dialog.getByRole('button', { name: 'Save rates' }).click();
      await dialog.getByText('Enter an amount in pounds, such as 350 or 350.50.').waitFor();
      await dialog.getByLabel('Pounds a day').first().fill('1,180.50');
      await dialog.getByRole('button', { name: 'Save rates' }).click();
      await dialog.waitFor({ state: 'detached' });
      await current.getByText('£1,180.50').waitFor();
      expect(await current.textContent()).not.toContain('No rate');

      // The API keeps pence.
      const rates = await call<{ items: { cohort_id: string; programme_year: number; hub_rates_pence: Record<string, number> | null }[] }>(
        `/api/v1/day-rates?cohort_code=${chloe.cohort.code}`,
        { token: leadToken },
      );
      const row = rates.body.items.find((item) => item.cohort_id === cohortId && item.programme_year === 3);
      expect(row?.hub_rates_pence).toEqual({ default: 118050 });

      // The same claim now succeeds at the hub's rate.
      await claim();
      const entry = entries.getByRole('row').filter({ hasText: `Rates ${run}` });
      await entry.waitFor();
      expect(await entry.textContent()).toContain('£1,180.50');

      // Back to the national rule: the hub's rates go, and the row says claims are refused again.
      const cohortName = (await call<{ name: string }>(`/api/v1/cohorts/${cohortId}`, { token: leadToken })).body.name;
      await page.goto(`/day-rates?cohort=${cohortId}`);
      await settled(page);
      await page.getByRole('button', { name: `Use the national rates for ${cohortName}, year 3 (${year3})` }).click();
      const confirm = page.getByRole('dialog', { name: 'Use the national rates?' });
      await confirm.getByRole('button', { name: 'Use the national rates' }).click();
      await confirm.waitFor({ state: 'detached' });
      const year3Row = page.getByRole('row').filter({ has: page.getByRole('button', { name: `Set rates for ${cohortName}, year 3 (${year3})` }) });
      await year3Row.getByText('No rate: claims are refused').waitFor();
      await context.close();
    } finally {
      const now = await call(rulePath, { token: adminToken });
      await call(rulePath, {
        method: 'PUT',
        token: adminToken,
        headers: { 'If-Match': now.headers.get('ETag') ?? '*' },
        body: { release_days: original.body.release_days, day_rates_pence: original.body.day_rates_pence, grants: original.body.grants, notes: original.body.notes },
      });
    }
  });
});

describe('the specialist’s school', () => {
  it('the hub lead sets it with the school search in the record dialog', async () => {
    const list = await call<{ items: (SpecialistSummary & { school: { id: string } | null })[] }>('/api/v1/specialists?q=Davies&limit=20', {
      token: leadToken,
    });
    const chloe = list.body.items.find((item) => item.cohort.code === 'primary-running');
    if (!chloe) throw new Error('seed-demo’s Chloe Davies is missing');
    const { context, page } = await newPage(browser);
    try {
      await signIn(page, DEMO.northLead);
      await page.goto(`/specialists/${chloe.id}`);
      const record = page.getByRole('region', { name: 'Sign-in and record' });
      await record.getByRole('button', { name: 'Change' }).click();
      const dialog = page.getByRole('dialog', { name: 'Change the specialist’s record' });
      const school = dialog.getByRole('combobox', { name: 'School' });
      await school.fill('Northgate');
      const option = page.getByRole('option', { name: /^Northgate High School \(\d{6}\)$/ });
      const urn = /\((\d{6})\)/.exec((await option.textContent()) ?? '')?.[1] ?? '';
      await option.click();
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'detached' });
      await record.getByText(`School: Northgate High School (URN ${urn})`).waitFor();
      await page.getByText(`Northgate High School (URN ${urn}) · appointed`, { exact: false }).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
    } finally {
      await context.close();
      const now = await call(`/api/v1/specialists/${chloe.id}`, { token: leadToken });
      await call(`/api/v1/specialists/${chloe.id}`, {
        method: 'PATCH',
        token: leadToken,
        headers: { 'If-Match': now.headers.get('ETag') ?? '*' },
        body: { school_id: chloe.school?.id ?? null },
      });
    }
  });
});

describe('four eyes', () => {
  it('the hub lead approves a claim the specialist recorded, and cannot approve one they recorded', async () => {
    const specialistToken = await passwordToken(SPECIALIST);
    const me = await call<Me>('/api/v1/me', { token: specialistToken });
    const specialistId = me.body.specialists[0]?.id;
    if (!specialistId) throw new Error('the demo specialist’s sign-in acts for no specialist record');
    const today = new Date();
    const date = today.toISOString().slice(0, 10);
    const theirs = `Theirs ${run}`;
    const mine = `Lead's own ${run}`;
    for (const [token, note] of [
      [specialistToken, theirs],
      [leadToken, mine],
    ] as const) {
      const recorded = await call(`/api/v1/specialists/${specialistId}/release-days`, {
        method: 'POST',
        token,
        headers: { 'Idempotency-Key': `e2e-${note}` },
        body: { kind: 'release_days', date, days: 0.5, activity: 'planning', note },
      });
      expect({ note, status: recorded.status, body: recorded.body }).toMatchObject({ note, status: 201 });
    }

    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await page.goto(`/specialists/${specialistId}`);
    await settled(page);
    const entries = page.getByRole('table', { name: 'Ledger entries' });
    const theirRow = entries.getByRole('row').filter({ hasText: theirs });
    const myRow = entries.getByRole('row').filter({ hasText: mine });
    await theirRow.waitFor();
    // The lead recorded this one: no Approve, and a word on why.
    expect(await myRow.getByRole('button', { name: /^Approve/ }).count()).toBe(0);
    expect(await myRow.textContent()).toContain('You recorded this');

    await theirRow.getByRole('button', { name: /^Approve/ }).click();
    await theirRow.getByRole('button', { name: /^Mark paid/ }).waitFor();
    expect(await theirRow.textContent()).toContain('Approved');
    expect(await seriousViolations(page)).toEqual([]);

    // The API agrees: the lead approving their own record is refused with a reason in words.
    const ledger = await call<{ entries: { id: string; note: string | null }[] }>(`/api/v1/specialists/${specialistId}/release-days`, {
      token: leadToken,
    });
    const myEntry = ledger.body.entries.find((entry) => entry.note === mine);
    const refused = await call<{ code: string; detail: string }>(`/api/v1/specialists/${specialistId}/release-days/${myEntry?.id ?? ''}/approval`, {
      method: 'POST',
      token: leadToken,
      headers: { 'Idempotency-Key': `e2e-approve-${run}` },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('four_eyes_required');
    await context.close();
  });

  it('hub staff named as approvers on Admin → Users get the permission', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await page.goto('/admin/users?q=staff%40north');
    await settled(page);
    const toggle = page.getByRole('switch', { name: /can approve claims/ });
    await toggle.first().waitFor();
    const before = await toggle.first().isChecked();
    await toggle.first().click();
    await page.getByText(before ? /can no longer approve claims/ : /can now approve claims/).waitFor();
    const staffToken = await passwordToken(DEMO.northStaff);
    const staffMe = await call<{ can_approve_claims: boolean }>('/api/v1/me', { token: staffToken });
    expect(staffMe.body.can_approve_claims).toBe(!before);
    await toggle.first().click();
    await page.getByText(before ? /can now approve claims/ : /can no longer approve claims/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});

describe('finance export', () => {
  it('lists one row per entry with totals, and the CSV’s total matches the page', async () => {
    // At least one entry this academic year, whatever the demo holds.
    const specialistToken = await passwordToken(SPECIALIST);
    const me = await call<Me>('/api/v1/me', { token: specialistToken });
    const recorded = await call(`/api/v1/specialists/${me.body.specialists[0]?.id ?? ''}/release-days`, {
      method: 'POST',
      token: specialistToken,
      headers: { 'Idempotency-Key': `e2e-finance-${run}` },
      body: { kind: 'release_days', date: new Date().toISOString().slice(0, 10), days: 0.5, activity: 'planning', note: `Finance ${run}` },
    });
    expect(recorded.status).toBe(201);
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Release days for finance' }).click();
    await page.getByRole('heading', { level: 1, name: 'Release days for finance' }).waitFor();
    await settled(page);
    const total = page.getByTestId('finance-total-amount');
    await total.waitFor();
    const shown = (await total.textContent()) ?? '';
    expect(shown).toMatch(/^(?:\u2212\u2060)?£[\d,]+\.\d{2}$/);
    expect(await page.getByRole('table', { name: 'Ledger entries for finance' }).getByRole('row').count()).toBeGreaterThan(1);
    expect(await seriousViolations(page)).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readFile(await download.path(), 'utf8');
    const lines = parseCsv(csv.replace(/^\uFEFF/, ''));
    const [header = [], ...rows] = lines;
    const amount = header.findIndex((heading) => /^amount/i.test(heading));
    expect(amount).toBeGreaterThanOrEqual(0);
    const pence = rows.reduce((sum, row) => sum + Math.round(Number(row[amount]) * 100), 0);
    const shownPence = Math.round(Number(shown.replace(/\u2212\u2060/, '-').replace(/[£,]/g, '')) * 100);
    expect(pence).toBe(shownPence);

    // A filter narrows both: claimed entries only.
    await page.getByRole('combobox', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Claimed', exact: true }).click();
    await page.waitForURL(/status=claimed/);
    await settled(page);
    const statuses = page.getByRole('table', { name: 'Ledger entries for finance' }).locator('tbody tr td:nth-child(8)');
    await expect.poll(async () => [...new Set(await statuses.allTextContents())]).toEqual(['Claimed']);

    // A date range after every entry: nothing matches, and the totals say so.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await page.getByRole('textbox', { name: 'From' }).fill(tomorrow);
    await page.keyboard.press('Tab');
    await page.waitForURL(new RegExp(`from=${tomorrow}`));
    await page.getByText('No entries match').waitFor();
    await expect.poll(() => total.textContent()).toBe('£0.00');
    await context.close();
  });
});

describe('the new pages at 375 px', () => {
  it('do not scroll sideways and have no serious violations', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 740 });
    await signIn(page, DEMO.northLead);
    for (const [path, heading] of [
      ['/day-rates', 'Day rates'],
      ['/reports/release-days', 'Release days for finance'],
      ['/admin/users', 'Users'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await settled(page);
      await expectFits(page, path);
    }
    await page.goto('/day-rates');
    await settled(page);
    await page.getByRole('button', { name: /^(Set rates|Change the rates) for/ }).first().click();
    await page.getByRole('dialog', { name: /^Day rates:/ }).waitFor();
    await expectFits(page, 'the day rates dialog');
    await context.close();
  });

  it('the national admin chooses a hub on the Day rates page', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.nationalAdmin);
    await page.goto('/day-rates');
    await page.getByText('Choose a hub to see and set its day rates.').waitFor();
    await page.getByRole('combobox', { name: 'Hub' }).click();
    await page.getByRole('option', { name: /North/ }).first().click();
    await page.waitForURL(/hub=/);
    await page.getByRole('table', { name: 'Day rates by cohort and programme year' }).waitFor();
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
