/**
 * The money journey, register to remittance, without typing an amount: the demo specialist
 * (Amira Khan, who co-leads WG-DEMO) records a work-group session with its register; the claim
 * it proposes appears on the work group's page at the hub's rate and she accepts it; the hub
 * lead — not the person who accepted it — approves it; the head of her school confirms the
 * day from the emailed link; the hub lead builds a payment run,
 * reviews it per school, voids it (its entries are approved and payable again), builds the run
 * again, commits it and downloads the remittance CSVs, whose totals match the screen.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, passwordToken } from './api';
import { DEMO, launch, newPage, screenshot, seriousViolations, signIn, signOut } from './browser';
import { parseCsv } from './csv';
import { confirmEverythingAsHead } from './headConfirmation';

const SPECIALIST = { email: 'specialist@north.masteryhub.test', password: 'specialist-demo' };
const run = Date.now().toString(36);
const teacher = `Grace Hopper ${run}`;

interface Me {
  specialists: { id: string }[];
}
interface WorkGroupSummary {
  id: string;
  code: string;
  title: string;
  schools: { school: { id: string; urn: string; name: string } }[];
}
interface Specialist {
  id: string;
  first_name: string;
  last_name: string;
  school: { id: string; urn: string; name: string } | null;
}
interface Entry {
  id: string;
  date: string;
  status: string;
  amount_pence: number;
  evidence: { type: string; id: string } | null;
  payment_reference: string | null;
}

let browser: Browser;
let workGroup: WorkGroupSummary;
let amira: Specialist;
/** Today in London, as the session's date: the demo cohort is in its second year now. */
const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
/** The runs the journey builds, for the narrow-screen check. */
const runPaths: string[] = [];

beforeAll(async () => {
  browser = await launch();
  const specialistToken = await passwordToken(SPECIALIST);
  const me = await call<Me>('/api/v1/me', { token: specialistToken });
  const specialistId = me.body.specialists[0]?.id;
  if (!specialistId) throw new Error('the demo specialist’s sign-in acts for no specialist record');
  amira = (await call<Specialist>(`/api/v1/specialists/${specialistId}`, { token: specialistToken })).body;
  const groups = await call<{ items: WorkGroupSummary[] }>('/api/v1/work-groups?limit=100', { token: specialistToken });
  const demo = groups.body.items.find((item) => item.code === 'WG-DEMO');
  if (!demo) throw new Error('seed-demo’s WG-DEMO work group is missing');
  workGroup = demo;
});
afterAll(async () => {
  await browser.close();
});

async function settled(page: Page) {
  // Several sections may be loading at once: wait until none is (a locator would be ambiguous).
  await page.waitForFunction(() => ![...document.querySelectorAll('[role="status"]')].some((node) => node.textContent.includes('Loading')));
}

async function expectAccessible(page: Page, what: string) {
  await settled(page);
  expect({ what, violations: await seriousViolations(page) }).toEqual({ what, violations: [] });
}

async function expectFits(page: Page, what: string) {
  await settled(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect({ what, overflow, violations: await seriousViolations(page) }).toEqual({ what, overflow: 0, violations: [] });
}

/** `£1,234.50` or `−£200.00` (a true minus joined to the pound sign) → pence. */
function pence(shown: string): number {
  const text = shown.trim().replace(/\u2212\u2060?/, '-');
  expect(text).toMatch(/^-?£[\d,]+\.\d{2}$/);
  const negative = text.startsWith('-');
  const [pounds = '0', fraction = '00'] = text.replace(/^-?£/, '').replace(/,/g, '').split('.');
  const value = Number(pounds) * 100 + Number(fraction);
  return negative ? -value : value;
}

/** A CSV amount in pounds with two decimals (`175.00`, `-200.00`) → pence. */
function csvPence(cell: string): number {
  expect(cell).toMatch(/^-?\d+\.\d{2}$/);
  const negative = cell.startsWith('-');
  const [pounds = '0', fraction = '00'] = cell.replace(/^-/, '').split('.');
  const value = Number(pounds) * 100 + Number(fraction);
  return negative ? -value : value;
}

/** A downloaded remittance: its rows, the sum of their amounts and the total row's amount. */
async function remittance(page: Page, button: Locator): Promise<{ filename: string; rows: string[][]; summed: number; total: number }> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const csv = await readFile(await download.path(), 'utf8');
  const [header = [], ...body] = parseCsv(csv.replace(/^\uFEFF/, ''));
  const amount = header.indexOf('Amount (£)');
  expect(amount).toBeGreaterThanOrEqual(0);
  const totalRow = body.at(-1) ?? [];
  expect(totalRow[0]).toBe('Total');
  const rows = body.slice(0, -1);
  return {
    filename: download.suggestedFilename(),
    rows,
    summed: rows.reduce((sum, row) => sum + csvPence(row[amount] ?? ''), 0),
    total: csvPence(totalRow[amount] ?? ''),
  };
}

/** Build a run of everything approved from the Payments page; lands on the run's page. */
async function buildRun(page: Page): Promise<string> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payments' }).click();
  await page.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
  await expectAccessible(page, 'the Payments page');
  await page.getByRole('group', { name: 'Build a payment run' }).getByRole('button', { name: 'Build a payment run' }).click();
  await page.getByRole('heading', { level: 1, name: /^Payment run PR-\d{8}-[0-9A-F]{6}$/ }).waitFor();
  await settled(page);
  runPaths.push(new URL(page.url()).pathname);
  return ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').replace('Payment run ', '');
}

/** The run's per-school review: the row of the specialist's school. */
function schoolRow(page: Page): Locator {
  const school = amira.school;
  if (!school) throw new Error('the demo specialist has no school on record');
  return page
    .getByRole('table', { name: 'Remittance per school' })
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: school.urn, exact: true }) });
}

describe('the money journey', () => {
  it('a session’s register becomes a claim, is approved by a second person, paid in a run and remitted as CSV', async () => {
    expect(amira.school).not.toBeNull();
    const brookside = workGroup.schools[0]?.school;
    if (!brookside) throw new Error('WG-DEMO has no school');

    // ── The specialist: a teacher from a participating school joins, the session is recorded.
    const { context, page } = await newPage(browser);
    await signIn(page, SPECIALIST);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Work groups' }).click();
    await page.getByRole('heading', { level: 1, name: 'Work groups' }).waitFor();
    await page.getByRole('link', { name: workGroup.title }).first().click();
    await page.getByRole('heading', { level: 1, name: workGroup.title }).waitFor();
    await expectAccessible(page, 'the work group page (specialist)');

    await page.getByRole('link', { name: 'Edit work group' }).click();
    await page.getByRole('heading', { level: 1, name: `Edit ${workGroup.title}` }).waitFor();
    const form = page.getByRole('form', { name: 'Work group' });
    const school = form.getByRole('region', { name: `${brookside.name} (URN ${brookside.urn})` });
    await school.getByRole('button', { name: 'Add a participant' }).click();
    const added = school.getByRole('group', { name: /^Participant \d+$/ }).last();
    await added.getByLabel(/^Name/).fill(teacher);
    await added.getByLabel(/^Role/).fill('Year 1 teacher');
    await expectAccessible(page, 'the work group form');
    await form.getByRole('button', { name: /^Save/ }).click();
    await page.getByRole('heading', { level: 1, name: workGroup.title }).waitFor();
    await page.getByRole('region', { name: 'Schools and participants' }).getByText(`${teacher}, Year 1 teacher`).waitFor();

    await page.getByRole('link', { name: 'Record a session' }).click();
    await page.getByRole('heading', { level: 1, name: `Record a session of ${workGroup.title}` }).waitFor();
    const sessionForm = page.getByRole('form', { name: 'Session' });
    await sessionForm.getByLabel(/^Date/).fill(today);
    // Two and a half hours: one half day at the hub's 180 minutes a half day.
    await sessionForm.getByLabel(/^Starts/).fill('13:30');
    await sessionForm.getByLabel(/^Ends/).fill('16:00');
    await sessionForm.getByLabel(/^Location/).fill(`${brookside.name} hall`);
    await sessionForm.getByRole('radiogroup', { name: `${teacher}, ${brookside.name}` }).getByRole('radio', { name: 'Attended' }).check();
    await expectAccessible(page, 'the session form');
    await sessionForm.getByRole('button', { name: 'Record session' }).click();
    await page.getByRole('heading', { level: 1, name: workGroup.title }).waitFor();

    // ── The proposed claim: half a day at North's £350 a day for work-group sessions, for her.
    const proposals = page.getByRole('region', { name: 'Proposed claims' });
    const proposal = proposals.getByRole('row').filter({ hasText: 'Work group session, 0.5 days' });
    await proposal.waitFor();
    expect(await proposal.count()).toBe(1); // only her own: Ben Okafor's is his to accept
    expect(await proposal.getByRole('cell').allTextContents()).toEqual(
      expect.arrayContaining([`Work group session, 0.5 days for ${amira.first_name} ${amira.last_name}`, '£175.00']),
    );
    await expectAccessible(page, 'the work group page with a proposed claim');
    await screenshot(page, 'work-group-proposed-claim');
    await proposal.getByRole('button', { name: /^Accept / }).click();
    await proposals.getByText('No proposed claims waiting.').waitFor();

    // Her ledger: a claim from the register, waiting for someone else's approval.
    const specialistToken = await passwordToken(SPECIALIST);
    const ledger = await call<{ entries: Entry[] }>(`/api/v1/specialists/${amira.id}/release-days`, { token: specialistToken });
    const claimed = ledger.body.entries.filter(
      (entry) => entry.evidence?.type === 'work_group_session' && entry.date === today && entry.status === 'claimed',
    );
    expect(claimed.map((entry) => entry.amount_pence)).toEqual([17500]);
    const entryId = claimed[0]?.id ?? '';
    // A specialist approves nothing, least of all her own claim.
    const refused = await call<{ code: string }>(`/api/v1/specialists/${amira.id}/release-days/${entryId}/approval`, {
      method: 'POST',
      token: specialistToken,
      headers: { 'Idempotency-Key': `e2e-self-approve-${run}` },
    });
    expect(refused.status).toBe(403);
    await signOut(page);

    // ── The hub lead, a second person, approves it from the specialist's page.
    await signIn(page, DEMO.northLead);
    await page.goto(`/specialists/${amira.id}`);
    await page.getByRole('heading', { level: 1, name: `${amira.first_name} ${amira.last_name}` }).waitFor();
    await settled(page);
    const entries = page.getByRole('table', { name: 'Ledger entries' });
    const fromRegister = entries
      .getByRole('row')
      .filter({ hasText: 'From the register' })
      .filter({ hasText: 'Claimed' })
      .filter({ hasText: '£175.00' });
    await fromRegister.first().waitFor();
    expect(await fromRegister.first().textContent()).toContain(`${workGroup.code}: ${workGroup.title}`);
    await fromRegister.first().getByRole('button', { name: /^Approve/ }).click();
    const approvedRow = entries.getByRole('row').filter({ hasText: `${workGroup.code}: ${workGroup.title}` }).filter({ hasText: 'Approved' });
    await approvedRow.first().waitFor();
    await expectAccessible(page, 'the specialist’s ledger (hub lead)');
    await screenshot(page, 'ledger-approved');

    // ── The head of Amira's school confirms the release day from the emailed link, in the
    // browser and signed in nowhere: the termly pass asks about the term in progress (as the
    // worker does from its asking day); a request already open for the school is answered
    // first, and the day just approved then goes to the head in a follow-up.
    const leadToken = await passwordToken(DEMO.northLead);
    const head = await newPage(browser, { width: 375, height: 800 });
    const asked: string[] = [];
    const confirmedDays = await confirmEverythingAsHead(leadToken, amira.school?.id ?? '', async (link) => {
      await head.page.goto(link);
      const form = head.page.getByRole('button', { name: 'Send answer' });
      await form.or(head.page.getByRole('alert')).first().waitFor();
      if (!(await form.isVisible())) return 0; // answered or replaced already
      asked.push((await head.page.locator('main').textContent()) ?? '');
      const lines = head.page.getByRole('radiogroup');
      const count = await lines.count();
      for (let line = 0; line < count; line += 1) await lines.nth(line).getByRole('radio', { name: 'Yes, as listed' }).check();
      await expectAccessible(head.page, 'the head’s confirmation page');
      await screenshot(head.page, `head-confirmation-${asked.length}`);
      await form.click();
      await head.page.getByRole('status').getByText(/confirmed/).waitFor();
      return count;
    });
    expect(confirmedDays).toBeGreaterThan(0);
    // The day just approved was among those the head was asked about, in words.
    expect(asked.join(' ')).toContain(`${amira.first_name} ${amira.last_name}`);
    expect(asked.join(' ')).toContain('Work group session, ½ day');
    await head.context.close();
    const confirmedLedger = await call<{ entries: (Entry & { head_confirmation: string })[] }>(
      `/api/v1/specialists/${amira.id}/release-days`,
      { token: leadToken },
    );
    expect(confirmedLedger.body.entries.find((entry) => entry.id === entryId)?.head_confirmation).toBe('confirmed');

    // ── The hub lead builds a payment run and reviews it per school.
    const first = await buildRun(page);
    const firstRow = schoolRow(page);
    await firstRow.waitFor();
    const firstCells = await firstRow.getByRole('cell').allTextContents();
    expect(firstCells.slice(1, 2)).toEqual([amira.school?.name]);
    const schoolTotal = pence(firstCells[4] ?? '');
    expect(schoolTotal).toBeGreaterThanOrEqual(17500);
    const runTotal = pence((await page.getByTestId('run-total').textContent()) ?? '');
    const perSchool = await page.getByRole('table', { name: 'Remittance per school' }).locator('tbody tr td:nth-child(5)').allTextContents();
    expect(perSchool.reduce((sum, cell) => sum + pence(cell), 0)).toBe(runTotal);
    await expectAccessible(page, 'the draft run');
    await screenshot(page, 'payment-run-draft');

    // Voiding the draft returns its entries to approved: paid by no one, in no run.
    const actions = page.getByRole('group', { name: 'Run actions' });
    await actions.getByRole('button', { name: 'Void the run' }).click();
    // No reason: the message sits beside the field, in words.
    const reasonField = actions.getByLabel(/^Reason for voiding/);
    await page.waitForFunction(() => document.querySelector('input[aria-invalid="true"]') !== null);
    expect(await reasonField.getAttribute('aria-invalid')).toBe('true');
    const described = await page.evaluate(
      (ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
      (await reasonField.getAttribute('aria-describedby')) ?? '',
    );
    // A sentence for people: no field names, no validator's jargon.
    expect(described).toContain('Say why the run is being voided.');
    expect(described).not.toMatch(/_|\bstring\b|field required|value error/i);
    await reasonField.fill('Built with the wrong cut-off date: rebuilding.');
    await actions.getByRole('button', { name: 'Void the run' }).click();
    await page.getByRole('group', { name: 'Run summary' }).getByText('Voided', { exact: true }).waitFor();
    await page.getByText('Voided: Built with the wrong cut-off date: rebuilding.').waitFor();
    await expectAccessible(page, 'the voided run');
    const afterVoid = await call<{ entries: Entry[] }>(`/api/v1/specialists/${amira.id}/release-days`, { token: leadToken });
    expect(afterVoid.body.entries.find((entry) => entry.id === entryId)).toMatchObject({ status: 'approved', payment_reference: null });
    await page.goto(`/specialists/${amira.id}`);
    await settled(page);
    await approvedRow.first().getByRole('button', { name: /^Mark paid/ }).waitFor();

    // ── Built again: the same entries, since the void released them; committed this time.
    const second = await buildRun(page);
    expect(second).not.toBe(first);
    const secondRow = schoolRow(page);
    await secondRow.waitFor();
    expect(pence((await secondRow.getByRole('cell').nth(4).textContent()) ?? '')).toBe(schoolTotal);
    expect(pence((await page.getByTestId('run-total').textContent()) ?? '')).toBe(runTotal);
    await page.getByRole('group', { name: 'Run actions' }).getByRole('button', { name: 'Commit the run' }).click();
    await page.getByRole('group', { name: 'Run summary' }).getByText('Committed', { exact: true }).waitFor();
    await expectAccessible(page, 'the committed run');
    await screenshot(page, 'payment-run-committed');

    // The run's remittance: its total row and its lines both equal the total on the screen.
    const shownTotal = pence((await page.getByTestId('run-total').textContent()) ?? '');
    expect(shownTotal).toBe(runTotal);
    const whole = await remittance(page, page.getByRole('button', { name: 'Download remittance CSV' }));
    expect(whole.filename).toBe(`remittance-${second}.csv`);
    expect({ summed: whole.summed, total: whole.total }).toEqual({ summed: shownTotal, total: shownTotal });
    expect(whole.rows.every((row) => row[0] === second)).toBe(true);
    // One school's: its lines and total equal that school's row on the screen.
    const one = await remittance(
      page,
      page.getByRole('button', { name: `CSV remittance for ${amira.school?.name ?? ''}`, exact: true }),
    );
    expect(one.filename).toBe(`remittance-${second}-${amira.school?.urn ?? ''}.csv`);
    expect({ summed: one.summed, total: one.total }).toEqual({ summed: schoolTotal, total: schoolTotal });
    expect(one.rows.every((row) => row[1] === amira.school?.urn)).toBe(true);
    expect(one.rows.some((row) => row.includes(entryId))).toBe(true);

    // The claim is paid with the run's reference; the run is sent to the schools.
    const paid = await call<{ entries: Entry[] }>(`/api/v1/specialists/${amira.id}/release-days`, { token: leadToken });
    expect(paid.body.entries.find((entry) => entry.id === entryId)).toMatchObject({ status: 'paid', payment_reference: second });
    await page.getByRole('group', { name: 'Run actions' }).getByRole('button', { name: 'Mark sent to schools' }).click();
    await page.getByRole('group', { name: 'Run summary' }).getByText('Sent', { exact: true }).waitFor();
    await expectAccessible(page, 'the sent run');

    // The Payments page lists both runs: the voided one and the sent one.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Payments' }).click();
    const list = page.getByRole('table', { name: 'Payment runs' });
    await list.getByRole('row').filter({ hasText: first }).filter({ hasText: 'Voided' }).waitFor();
    await list.getByRole('row').filter({ hasText: second }).filter({ hasText: 'Sent' }).waitFor();
    await context.close();
    // Three sign-ins and a dozen pages: longer than one page's test on a busy machine.
  }, 300_000);

  it('the Payments page and a run’s page fit 375 px', async () => {
    expect(runPaths.length).toBeGreaterThan(0);
    const { context, page } = await newPage(browser, { width: 375, height: 740 });
    await signIn(page, DEMO.northLead);
    await page.goto('/payments');
    await page.getByRole('heading', { level: 1, name: 'Payments' }).waitFor();
    await expectFits(page, '/payments');
    for (const path of runPaths) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: /^Payment run PR-/ }).waitFor();
      await page.getByRole('table', { name: 'Remittance per school' }).waitFor();
      await expectFits(page, path);
    }
    await context.close();
  });
});
