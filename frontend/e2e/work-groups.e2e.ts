import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, demoCohort, importSchool, intakeClientToken, passwordToken, postApplication } from './api';
import { DEMO, launch, newPage, seriousViolations, signIn } from './browser';

const run = Date.now().toString(36);
// A URN per run (apart from the applications tests' range), so reruns never collide.
const urn = 600000 + (Date.now() % 99999);
const schoolName = `Brook Lane Primary School ${urn}`;
const lead = { first: 'Morgan', last: `Leadbetter${run}` };
const code = `WG-${run}`.slice(0, 32);
const title = `Developing Mastery ${run}`;

let browser: Browser;
/** The work group the first test creates, for the narrow-screen check. */
let workGroupPath = '';
/** The year the demo cohort's specialists are in programme year 2: when they may lead. */
let academicYear: string;

/** An applicant to the demo cohort, appointed through the API: a specialist of the north hub. */
async function appointSpecialist(leadToken: string): Promise<void> {
  const clientToken = await intakeClientToken(leadToken, `Work group intake ${run}`);
  const posted = await postApplication(clientToken, {
    first: lead.first,
    last: lead.last,
    urn,
    headteacherStatement: 'We will release Morgan to lead work groups.',
  });
  for (const to of ['shortlisted', 'interview', 'appointed']) {
    const moved = await call(`/api/v1/applications/${posted.id}/transitions`, {
      method: 'POST',
      token: leadToken,
      body: { to },
      headers: { 'Idempotency-Key': `${run}-${to}` },
    });
    if (moved.status !== 200) throw new Error(`transition to ${to}: ${moved.status} ${JSON.stringify(moved.body)}`);
  }
}

beforeAll(async () => {
  browser = await launch();
  const [leadToken, adminToken] = await Promise.all([passwordToken(DEMO.northLead), passwordToken(DEMO.nationalAdmin)]);
  await importSchool(adminToken, urn);
  const start = Number((await demoCohort(adminToken)).development_year.slice(0, 4)) + 1;
  academicYear = `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
  await appointSpecialist(leadToken);
});
afterAll(async () => {
  await browser.close();
});

/** Pick an option from a Mantine select: open it, type to search, choose. */
async function choose(page: Page, field: Locator, option: string, search?: string) {
  await field.click();
  if (search) await field.fill(search);
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function describedBy(page: Page, field: Locator): Promise<string> {
  const ids = (await field.getAttribute('aria-describedby')) ?? '';
  return page.evaluate((list) => list.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '), ids);
}

async function settled(page: Page) {
  await page.waitForFunction(() => ![...document.querySelectorAll('[role="status"]')].some((node) => node.textContent.includes('Loading')));
}

describe('work groups', () => {
  it('a hub lead sets one up with a school and two teachers, records a session and the evaluation', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Work groups' }).click();
    await page.getByRole('heading', { level: 1, name: 'Work groups' }).waitFor();
    await page.getByRole('link', { name: 'New work group' }).click();
    await page.getByRole('heading', { level: 1, name: 'New work group' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const form = page.getByRole('form', { name: 'Work group' });
    const codeField = form.getByLabel(/^Code/);
    await codeField.fill('not a code!');
    await form.getByLabel(/^Title/).fill(title);
    await choose(page, form.getByLabel(/^Phase/), 'Develop');
    await choose(page, form.getByLabel(/^Programme/), 'Primary');
    await choose(page, form.getByLabel(/^Academic year/), academicYear);
    await choose(page, form.getByLabel(/^Lead specialists/), `${lead.first} ${lead.last}, year 2`, lead.last);
    await page.keyboard.press('Escape');
    await choose(page, form.getByLabel(/^Add a school/), `${schoolName} (URN ${urn})`, schoolName);

    const school = form.getByRole('region', { name: `${schoolName} (URN ${urn})` });
    const teachers = [
      { name: 'Ada Lovelace', role: 'Year 2 teacher' },
      { name: 'Alan Turing', role: 'Maths lead' },
    ];
    for (const [index, teacher] of teachers.entries()) {
      const row = school.getByRole('group', { name: `Participant ${index + 1}` });
      await row.getByLabel(/^Name/).fill(teacher.name);
      await row.getByLabel(/^Role/).fill(teacher.role);
    }
    expect(await seriousViolations(page)).toEqual([]);

    // An invalid code: the message sits beside the code field, and nothing is created.
    await form.getByRole('button', { name: 'Create work group' }).click();
    await page.waitForFunction(() => document.querySelector('input[aria-invalid="true"]') !== null);
    expect(await codeField.getAttribute('aria-invalid')).toBe('true');
    expect(await describedBy(page, codeField)).toContain('Enter a code of up to 32 letters');
    expect(await seriousViolations(page)).toEqual([]);

    await codeField.fill(code);
    await form.getByRole('button', { name: 'Create work group' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    workGroupPath = new URL(page.url()).pathname;
    const schools = page.getByRole('region', { name: 'Schools and participants' });
    await schools.getByText('Ada Lovelace, Year 2 teacher').waitFor();
    expect(await schools.textContent()).toContain('Alan Turing, Maths lead');
    expect(await page.getByRole('region', { name: 'Details' }).textContent()).toContain(`${lead.first} ${lead.last}`);
    expect(await seriousViolations(page)).toEqual([]);

    // A session, Alan absent.
    await page.getByRole('link', { name: 'Record a session' }).click();
    await page.getByRole('heading', { level: 1, name: `Record a session of ${title}` }).waitFor();
    const sessionForm = page.getByRole('form', { name: 'Session' });
    const heldOn = `${academicYear.slice(0, 4)}-10-12`;
    await sessionForm.getByLabel(/^Date/).fill(heldOn);
    await sessionForm.getByLabel(/^Starts/).fill('13:30');
    await sessionForm.getByLabel(/^Ends/).fill('16:00');
    await sessionForm.getByLabel(/^Location/).fill(`${schoolName} hall`);
    await sessionForm.getByRole('radiogroup', { name: `Alan Turing, ${schoolName}` }).getByRole('radio', { name: 'Absent' }).check();
    expect(await seriousViolations(page)).toEqual([]);
    await sessionForm.getByRole('button', { name: 'Record session' }).click();

    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const sessions = page.getByRole('table', { name: 'Sessions' });
    const row = sessions.getByRole('row').filter({ hasText: `12 October ${academicYear.slice(0, 4)}` });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells.slice(0, 5)).toEqual(['12 October ' + academicYear.slice(0, 4), '13:30 to 16:00', 'In person', `${schoolName} hall`, '1 of 2 attended']);

    // Opening the session shows its register as recorded.
    await row.getByRole('link', { name: /^Edit/ }).click();
    await page.getByRole('heading', { level: 1, name: `Session of 12 October ${academicYear.slice(0, 4)}` }).waitFor();
    await settled(page);
    expect(
      await page.getByRole('radiogroup', { name: `Alan Turing, ${schoolName}` }).getByRole('radio', { name: 'Absent' }).isChecked(),
    ).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('link', { name: `Back to ${title}` }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();

    // The evaluation: the school completed, with outcomes.
    const evaluation = page.getByRole('form', { name: 'Evaluation' });
    await evaluation.getByRole('radiogroup', { name: `Did ${schoolName} complete the work group?` }).getByRole('radio', { name: 'Completed' }).check();
    await evaluation.getByLabel(/^Outcomes/).fill('Both teachers now plan lessons in small steps.');
    await evaluation.getByRole('button', { name: 'Save evaluation' }).click();
    await page.getByText('Evaluation saved.').waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    const saved = page.getByRole('form', { name: 'Evaluation' });
    expect(await saved.getByRole('radio', { name: 'Completed' }).isChecked()).toBe(true);
    expect(await saved.getByLabel(/^Outcomes/).inputValue()).toBe('Both teachers now plan lessons in small steps.');
    // The participants survived the evaluation (the full list was sent back).
    expect(await page.getByRole('region', { name: 'Schools and participants' }).textContent()).toContain('Alan Turing, Maths lead');
    expect(await page.getByRole('table', { name: 'Sessions' }).textContent()).toContain('1 of 2 attended');
    expect(await seriousViolations(page)).toEqual([]);

    // With a session recorded it cannot be deleted: the API's reason is shown, cancelling offered.
    await page.getByRole('button', { name: 'Delete work group' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete work group' });
    await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
    await dialog.getByRole('alert').getByText('Cancel it instead.', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Cancel the work group instead' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator('main .mantine-Badge-root').filter({ hasText: /^Cancelled$/ }).waitFor();
    await context.close();
  });

  it('a hub lead changes the hub settings, in words, and they stick', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hub settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hub settings' }).waitFor();
    const form = page.getByRole('form', { name: 'Hub settings' });
    const minutes = form.getByLabel(/^Minutes of meeting time in a half day/);
    await minutes.waitFor();
    const before = await minutes.inputValue();
    await page.getByText(/^A half day is .* of meeting time/).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // Out of bounds: said beside the field, nothing saved.
    await minutes.fill('20');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await form.getByText('Enter a whole number of minutes from 30 to 480.').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await minutes.fill('150');
    await page.getByText('A half day is 2 hours 30 minutes of meeting time', { exact: false }).waitFor();
    await form.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/Settings for .* are saved\./).waitFor();
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Hub settings' }).waitFor();
    await page.getByText('A half day is 2 hours 30 minutes of meeting time', { exact: false }).waitFor();
    expect(await page.getByRole('form', { name: 'Hub settings' }).getByLabel(/^Minutes of meeting time/).inputValue()).toBe('150');

    // Put it back, so other tests' registers propose at the demo's half day.
    await page.getByRole('form', { name: 'Hub settings' }).getByLabel(/^Minutes of meeting time/).fill(before);
    await page.getByRole('form', { name: 'Hub settings' }).getByRole('button', { name: 'Save settings' }).click();
    await page.getByText(/Settings for .* are saved\./).first().waitFor();
    await context.close();
  });

  it('a school that withdrew has its paid grant recovered, the dialog stating the amount', async () => {
    const [leadToken, adminToken] = await Promise.all([passwordToken(DEMO.northLead), passwordToken(DEMO.nationalAdmin)]);
    // The demo cohort's year 2 pays each work group school £2,000.00 (the secondary seed's figure).
    const cohort = (await demoCohort(adminToken)) as unknown as { id: string; year_rules: { programme_year: number; release_days: number; day_rates_pence: Record<string, number>; grants: unknown[]; notes: string | null }[] };
    const full = await call<typeof cohort>(`/api/v1/cohorts/${cohort.id}`, { token: adminToken });
    const rule = full.body.year_rules.find((item) => item.programme_year === 2);
    if (!rule) throw new Error('the demo cohort has no year 2 rule');
    if (rule.grants.length === 0) {
      const put = await call(`/api/v1/cohorts/${cohort.id}/year-rules/2`, {
        method: 'PUT',
        token: adminToken,
        body: {
          release_days: rule.release_days,
          day_rates_pence: rule.day_rates_pence,
          grants: [{ code: 'work_group_school', description: 'Each school in a work group', amount_pence: 200000 }],
          notes: rule.notes,
        },
      });
      if (put.status !== 200) throw new Error(`year rule: ${put.status} ${JSON.stringify(put.body)}`);
    }
    const specialists = await call<{ items: { id: string }[] }>(`/api/v1/specialists?q=${encodeURIComponent(lead.last)}`, { token: leadToken });
    const schools = await call<{ items: { id: string }[] }>(`/api/v1/schools?q=${urn}`, { token: leadToken });
    const [specialist] = specialists.body.items;
    const [school] = schools.body.items;
    if (!specialist || !school) throw new Error('the appointed specialist or the school is missing');
    const clawTitle = `Recovering ${run}`;
    const created = await call<{ id: string; schools: { participants: { id: string }[] }[] }>('/api/v1/work-groups', {
      method: 'POST',
      token: leadToken,
      headers: { 'Idempotency-Key': `${run}-claw-wg` },
      body: {
        code: `CB-${run}`.slice(0, 32),
        title: clawTitle,
        phase: 'develop',
        programme: 'primary',
        academic_year: academicYear,
        lead_specialist_ids: [specialist.id],
        schools: [{ school_id: school.id, participants: [{ name: 'Katherine Johnson' }] }],
      },
    });
    if (created.status !== 201) throw new Error(`work group: ${created.status} ${JSON.stringify(created.body)}`);
    const participant = created.body.schools[0]?.participants[0]?.id;
    for (const day of ['10-05', '11-09']) {
      const session = await call(`/api/v1/work-groups/${created.body.id}/sessions`, {
        method: 'POST',
        token: leadToken,
        headers: { 'Idempotency-Key': `${run}-claw-${day}` },
        body: { held_on: `${academicYear.slice(0, 4)}-${day}`, mode: 'online', attendance: [{ participant_id: participant, attended: true }] },
      });
      if (session.status !== 201) throw new Error(`session: ${session.status} ${JSON.stringify(session.body)}`);
    }
    const proposals = await call<{ items: { id: string; kind: string; specialist_id: string }[] }>(
      `/api/v1/release-day-proposals?evidence_id=${created.body.id}`,
      { token: leadToken },
    );
    const grant = proposals.body.items.find((item) => item.kind === 'grant');
    if (!grant) throw new Error(`no grant proposed: ${JSON.stringify(proposals.body)}`);
    const entry = `/api/v1/specialists/${grant.specialist_id}/release-days/${grant.id}`;
    for (const [step, token] of [['acceptance', leadToken], ['approval', adminToken]] as const) {
      const done = await call(`${entry}/${step}`, { method: 'POST', token, headers: { 'Idempotency-Key': `${run}-claw-${step}` } });
      if (done.status !== 200) throw new Error(`${step}: ${done.status} ${JSON.stringify(done.body)}`);
    }
    const built = await call<{ id: string }>('/api/v1/payment-runs', {
      method: 'POST',
      token: leadToken,
      headers: { 'Idempotency-Key': `${run}-claw-run` },
      body: { school_id: school.id },
    });
    if (built.status !== 201) throw new Error(`run: ${built.status} ${JSON.stringify(built.body)}`);
    const committed = await call(`/api/v1/payment-runs/${built.body.id}/commit`, {
      method: 'POST',
      token: leadToken,
      headers: { 'Idempotency-Key': `${run}-claw-commit` },
      body: {},
    });
    if (committed.status !== 200) throw new Error(`commit: ${committed.status} ${JSON.stringify(committed.body)}`);

    const { context, page } = await newPage(browser, { width: 375, height: 740 });
    await signIn(page, DEMO.northLead);
    await page.goto(`/work-groups/${created.body.id}`);
    await page.getByRole('heading', { level: 1, name: clawTitle }).waitFor();
    const grants = page.getByRole('table', { name: 'Grants and withdrawals' });
    await grants.getByText('£2,000.00, paid').waitFor();

    // The school withdraws.
    await grants.getByRole('button', { name: `Record withdrawal of ${schoolName}` }).click();
    const withdrawal = page.getByRole('dialog', { name: 'Record a withdrawal' });
    await withdrawal.getByLabel(/^Date it withdrew/).fill(`10/01/${Number(academicYear.slice(0, 4)) + 1}`);
    await withdrawal.getByRole('button', { name: 'Record withdrawal' }).click();
    await withdrawal.waitFor({ state: 'detached' });
    await grants.getByText(/^Withdrew on 10 January/).waitFor();

    // Recovering the grant: the dialog says how much, and the reason is required.
    await grants.getByRole('button', { name: `Recover grant from ${schoolName}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Recover the grant' });
    await dialog.getByText(`Recover £2,000.00 from ${schoolName}?`, { exact: false }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByLabel(/^Reason/).fill('The school withdrew in January.');
    await dialog.getByRole('button', { name: 'Recover £2,000.00' }).click();
    await dialog.waitFor({ state: 'detached' });
    await grants.getByText('£2,000.00, paid; £2,000.00 being recovered').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect({ overflow, violations: await seriousViolations(page) }).toEqual({ overflow: 0, violations: [] });

    // The next run takes it back: a negative line for the school, with a warning.
    const next = await call<{ schools: { total_pence: number }[]; warnings: string[] }>('/api/v1/payment-runs', {
      method: 'POST',
      token: leadToken,
      headers: { 'Idempotency-Key': `${run}-claw-next` },
      body: { school_id: school.id },
    });
    expect(next.status).toBe(201);
    expect(next.body.schools.map((row) => row.total_pence)).toEqual([-200000]);
    expect(next.body.warnings.join(' ')).toContain('-£2,000.00');
    const voided = await call(`/api/v1/payment-runs/${(next.body as unknown as { id: string }).id}/void`, {
      method: 'POST',
      token: leadToken,
      headers: { 'Idempotency-Key': `${run}-claw-void` },
      body: { reason: 'Built by the browser test' },
    });
    expect(voided.status).toBe(200);
    await context.close();
  });

  it('its pages fit 375 px without scrolling sideways', async () => {
    expect(workGroupPath).toMatch(/^\/work-groups\/[0-9a-f-]+$/);
    const { context, page } = await newPage(browser, { width: 375, height: 740 });
    await signIn(page, DEMO.northLead);
    for (const [path, heading] of [
      [workGroupPath, title],
      [`${workGroupPath}/edit`, `Edit ${title}`],
      [`${workGroupPath}/sessions/new`, `Record a session of ${title}`],
      ['/hub-settings', 'Hub settings'],
    ] as const) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await settled(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect({ path, overflow, violations: await seriousViolations(page) }).toEqual({ path, overflow: 0, violations: [] });
    }
    await context.close();
  });
});
