import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  call,
  demoCohort,
  importSchool,
  intakeClientToken,
  passwordToken,
  acceptInvitationFor,
  postApplication,
  referenceLinkFor,
  setDayRate,
  type Cohort,
  type Posted,
} from './api';
import { DEMO, launch, newPage, seriousViolations, signIn } from './browser';

const run = Date.now().toString(36);
// A URN per run, so the tests also work against a database that has seen earlier runs.
const urn = 700000 + (Date.now() % 99999);
const first = 'Robin';
const last = `Appleby${run}`;
const unreferencedLast = `Bright${run}`;

let browser: Browser;
let adminToken: string;
let cohort: Cohort;
let posted: Posted;
let unreferenced: Posted;

beforeAll(async () => {
  browser = await launch();
  let leadToken: string;
  [leadToken, adminToken] = await Promise.all([passwordToken(DEMO.northLead), passwordToken(DEMO.nationalAdmin)]);
  await importSchool(adminToken, urn);
  cohort = await demoCohort(adminToken);
  await setDayRate(adminToken, cohort.id, 20000);
  const clientToken = await intakeClientToken(leadToken, `Intake form ${run}`);
  posted = await postApplication(clientToken, { first, last, urn, headteacherStatement: 'I fully support Robin and will release them.' });
  unreferenced = await postApplication(clientToken, { first: 'Sam', last: unreferencedLast, urn, headteacherStatement: null });
});
afterAll(async () => {
  await browser.close();
});

async function settled(page: Page) {
  await page.waitForFunction(() => ![...document.querySelectorAll('[role="status"]')].some((node) => node.textContent.includes('Loading')));
}

describe('applications', () => {
  it('shows an application an API client posted in the table, found by search and by status from the query string', async () => {
    expect(posted.status).toBe('complete');
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northStaff);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Applications' }).click();
    await page.getByRole('heading', { level: 1, name: 'Applications' }).waitFor();
    await page.getByLabel(/^Search/).fill(last);
    await page.waitForURL(/q=/);
    const table = page.getByRole('table', { name: 'Applications' });
    const row = table.getByRole('row').filter({ hasText: `${first} ${last}` });
    await row.waitFor();
    expect(await row.textContent()).toContain(posted.reference);
    expect(await row.textContent()).toContain('Complete');
    expect(await row.textContent()).toContain(`Brook Lane Primary School ${urn}`);
    expect(await seriousViolations(page)).toEqual([]);

    // The filters are in the address: a bookmarked view opens filtered.
    await page.goto(`/applications?status=awaiting_reference&q=${unreferencedLast}`);
    await table.getByRole('row').filter({ hasText: unreferencedLast }).waitFor();
    expect(await table.getByRole('row').filter({ hasText: last }).count()).toBe(0);

    // Sorting is the API's (the list is paged): the header says which way, the address keeps it.
    await page.goto('/applications');
    await table.getByRole('button', { name: 'Applicant: sort ascending' }).click();
    await page.waitForURL(/sort=name/);
    await table.getByRole('button', { name: 'Applicant: sort descending' }).click();
    await page.waitForURL(/sort=-name/);
    await table.locator('th[aria-sort="descending"]').filter({ hasText: 'Applicant' }).waitFor();
    expect(await table.getByRole('columnheader', { name: /Submitted/ }).getAttribute('aria-sort')).toBe('none');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('lets the hub lead review the application and appoint the applicant', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await page.goto(`/applications/${posted.id}`);
    await page.getByRole('heading', { level: 1, name: `${first} ${last} (${posted.reference})` }).waitFor();
    await page.getByRole('region', { name: 'Screening' }).waitFor();
    expect(await page.getByRole('region', { name: 'Statements' }).textContent()).toContain('I fully support Robin');
    await page.getByText('No reviews yet').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Review this application' }).click();
    const form = page.getByRole('form', { name: 'Your review' });
    await form.waitFor();
    // Submitting with nothing chosen names each missing answer beside its question.
    await form.getByRole('button', { name: 'Submit review' }).click();
    await form.getByText('Choose a recommendation.').waitFor();
    // Every essential criterion met, every desirable one scored 2, and a recommendation to appoint.
    for (const group of await form.getByRole('radiogroup').all()) {
      for (const choice of ['Met', '2', 'Appoint']) {
        const radio = group.getByRole('radio', { name: choice, exact: true });
        if ((await radio.count()) === 1) {
          await radio.check();
          break;
        }
      }
    }
    await form.getByLabel('Comment').fill('Strong evidence against every criterion.');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Submit review' }).click();
    await form.waitFor({ state: 'detached' });

    const sideBySide = page.getByRole('table', { name: 'Reviews side by side' });
    await sideBySide.waitFor();
    await sideBySide.getByRole('columnheader', { name: /All reviews \(1\)/ }).waitFor();
    expect(await sideBySide.textContent()).toContain('Strong evidence against every criterion.');
    expect(await sideBySide.textContent()).toContain('1 met, 0 not met, 0 unclear');

    for (const [action, status] of [
      ['Shortlist', 'Shortlisted'],
      ['Invite to interview', 'Interview'],
      ['Appoint', 'Appointed'],
    ] as const) {
      await page.getByRole('group', { name: 'Move the application on' }).getByRole('button', { name: action, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: action });
      await dialog.getByRole('button', { name: action, exact: true }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.locator('main .mantine-Badge-root').filter({ hasText: new RegExp(`^${status}$`) }).waitFor();
    }
    await page.getByText(`${first} ${last} is appointed and is now a specialist.`).waitFor();
    await context.close();
  });

  it('says “someone else changed this” when the application changed after it was opened, and reloads', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await page.goto(`/applications/${unreferenced.id}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(unreferencedLast) }).waitFor();
    // Someone else withdraws it in another tab while this one still shows the old version.
    const other = await context.newPage();
    await other.goto(`/applications/${unreferenced.id}`);
    await other.getByRole('button', { name: 'Withdraw' }).click();
    await other.getByRole('dialog', { name: 'Withdraw' }).getByRole('button', { name: 'Withdraw' }).click();
    await other.getByText('The application is now withdrawn.').waitFor();
    await other.close();

    await page.getByRole('button', { name: 'Withdraw' }).click();
    await page.getByRole('dialog', { name: 'Withdraw' }).getByRole('button', { name: 'Withdraw' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Someone else changed this' });
    await alert.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await alert.getByRole('button', { name: 'Reload' }).click();
    await alert.waitFor({ state: 'detached' });
    await page.locator('main .mantine-Badge-root').filter({ hasText: /^Withdrawn$/ }).waitFor();
    await context.close();
  });
});

describe('the new specialist’s TRG meetings', () => {
  const specialistLogin = { email: `robin.${run}@example.org`, password: 'quartz lantern meadow pilot' };
  let meetingUrl = '';

  /** The text of the error the input is described by (beside the field, not a banner). */
  async function errorBeside(page: Page, label: RegExp): Promise<string> {
    const input = page.getByLabel(label);
    await page.waitForFunction(() => [...document.querySelectorAll('input')].some((el) => el.getAttribute('aria-invalid') === 'true'));
    const describedBy = (await input.getAttribute('aria-describedby')) ?? '';
    return page.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '), describedBy);
  }

  it('gets a sign-in from the hub lead (Admin → Users), then records a pilot TRG meeting through the form', async () => {
    const lead = await newPage(browser);
    await signIn(lead.page, DEMO.northLead);
    await lead.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await lead.page.getByRole('button', { name: 'Invite user' }).click();
    const dialog = lead.page.getByRole('dialog', { name: 'Invite a user' });
    await dialog.getByLabel(/^Name/).fill(`${first} ${last}`);
    await dialog.getByLabel(/^Email address/).fill(specialistLogin.email);
    await dialog.getByRole('combobox', { name: 'Role' }).click();
    await lead.page.getByRole('option', { name: 'Mastery Specialist' }).click();
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.waitFor({ state: 'detached' });
    // They choose their own password from the emailed invitation.
    await acceptInvitationFor(specialistLogin.email, specialistLogin.password);

    // Then links that sign-in to the specialist record on the specialist's page.
    await lead.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Specialists' }).click();
    // The Users page has a search box too: type only once the Specialists page has replaced it.
    await lead.page.getByRole('heading', { level: 1, name: 'Specialists' }).waitFor();
    await lead.page.getByLabel(/^Search/).fill(last);
    // The search applies after a pause: wait for it, or it would land after the click below.
    await lead.page.waitForURL(/q=/);
    await lead.page.getByRole('table', { name: 'Specialists' }).getByRole('link', { name: `${first} ${last}` }).click();
    const record = lead.page.getByRole('region', { name: 'Sign-in and record' });
    await record.getByText(/none linked/).waitFor();
    await record.getByRole('button', { name: 'Change' }).click();
    const change = lead.page.getByRole('dialog', { name: 'Change the specialist’s record' });
    await change.getByRole('combobox', { name: 'Sign-in' }).fill(specialistLogin.email);
    await lead.page.getByRole('option', { name: new RegExp(specialistLogin.email.replace(/[.]/g, '\\.')) }).click();
    expect(await seriousViolations(lead.page)).toEqual([]);
    await change.getByRole('button', { name: 'Save' }).click();
    await change.waitFor({ state: 'detached' });
    await record.getByText(`Sign-in: ${first} ${last} (${specialistLogin.email})`).waitFor();
    await lead.context.close();

    const { context, page } = await newPage(browser);
    await signIn(page, specialistLogin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'TRG meetings' }).click();
    await page.getByRole('heading', { level: 1, name: 'TRG meetings' }).waitFor();
    await page.getByText('No TRG meetings recorded').waitFor();
    await page.getByRole('link', { name: 'Record a TRG meeting' }).click();
    await page.getByRole('heading', { level: 1, name: 'Record a TRG meeting' }).waitFor();
    // A specialist records their own meetings: no choosing the lead.
    await page.getByText(`${first} ${last} (you)`).waitFor();
    expect(await page.getByRole('combobox', { name: /^Lead specialist/ }).count()).toBe(0);

    const start = Number(cohort.development_year.slice(0, 4));
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Pilot TRG' }).click();
    // A pilot TRG belongs to the development year: a date a year later is refused by the API.
    await page.getByLabel(/^Date/).fill(`${start + 1}-11-10`);
    await page.getByLabel(/^Starts/).fill('15:45');
    await page.getByLabel(/^Ends/).fill('17:15');
    await page.getByRole('combobox', { name: 'Host school' }).fill('Brook Lane');
    await page.getByRole('option', { name: `Brook Lane Primary School ${urn} (${urn})` }).click();
    await page.getByLabel(/^Focus/).fill('Fluency with number bonds');
    await page.getByLabel(/^Year group/).fill('Year 4');
    await page.getByLabel(/^Topic/).fill('Equivalent fractions');
    await page.getByRole('button', { name: 'Add attendee' }).click();
    const jo = page.getByRole('group', { name: 'Attendee 1' });
    // Adding a row puts the cursor in its name.
    await page.keyboard.type('Jo Teacher');
    await jo.getByLabel(/^Role/).fill('Year 4 teacher');
    await page.getByRole('button', { name: 'Add attendee' }).click();
    const kit = page.getByRole('group', { name: 'Attendee 2' });
    await page.keyboard.type('Kit Absent');
    await kit.getByLabel('Attended').uncheck();
    await page.getByRole('button', { name: 'Record meeting' }).click();

    expect(await errorBeside(page, /^Date/)).toContain(`Must be in the development year ${cohort.development_year}`);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel(/^Date/).fill(`${start}-11-10`);
    await page.getByRole('button', { name: 'Record meeting' }).click();
    await page.getByRole('heading', { level: 1, name: `Pilot TRG of 10 November ${start}` }).waitFor();
    await page.getByText('Recorded the Pilot TRG of 10 November').waitFor();
    meetingUrl = new URL(page.url()).pathname;
    const details = page.getByRole('region', { name: 'Details' });
    expect(await details.textContent()).toContain('15:45–17:15 (London time)');
    expect(await details.textContent()).toContain(`Brook Lane Primary School ${urn} (${urn})`);
    expect(await details.textContent()).toContain('Year 4: Equivalent fractions');
    const attendees = page.getByRole('table', { name: 'Attendees' });
    expect(await attendees.getByRole('row').filter({ hasText: 'Jo Teacher' }).textContent()).toContain('Attended');
    expect(await attendees.getByRole('row').filter({ hasText: 'Kit Absent' }).textContent()).toContain('Absent');
    expect(await page.getByRole('region', { name: 'Attendees', exact: true }).textContent()).toContain('1 of 2 attended.');
    expect(await seriousViolations(page)).toEqual([]);

    // On their list, the row opens the meeting.
    await page.getByRole('link', { name: 'All TRG meetings' }).click();
    const row = page.getByRole('table', { name: 'TRG meetings' }).getByRole('link', { name: new RegExp(`Pilot TRG of 10 November ${start}`) });
    await row.click();
    await page.getByRole('heading', { level: 1, name: `Pilot TRG of 10 November ${start}` }).waitFor();
    await context.close();
  });

  it('edits the meeting with If-Match, and says “someone else changed this” after another change', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 740 });
    await signIn(page, specialistLogin);
    await page.goto(meetingUrl);
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { level: 1, name: /^Edit the Pilot TRG/ }).waitFor();
    expect(await page.getByLabel(/^Focus/).inputValue()).toBe('Fluency with number bonds');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);

    const ifMatch: (string | null)[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') ifMatch.push(request.headers()['if-match'] ?? null);
    });
    await page.getByLabel(/^Focus/).fill('Reasoning with bar models');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved the Pilot TRG').waitFor();
    expect(await page.getByRole('region', { name: 'Details' }).textContent()).toContain('Reasoning with bar models');
    expect(ifMatch).toHaveLength(1);
    expect(ifMatch[0]).toMatch(/^(W\/)?"/);

    // The hub lead changes the notes while the specialist has the form open.
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { level: 1, name: /^Edit the Pilot TRG/ }).waitFor();
    const id = meetingUrl.split('/').pop() ?? '';
    const changed = await call(`/api/v1/trg-meetings/${id}`, {
      method: 'PATCH',
      token: await passwordToken(DEMO.northLead),
      body: { notes: 'Hub lead: please add the lesson plan.' },
    });
    expect(changed.status).toBe(200);
    await page.getByLabel(/^Focus/).fill('A change that must not overwrite the lead’s');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Someone else changed this' });
    await alert.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await alert.getByRole('button', { name: 'Reload' }).click();
    await alert.waitFor({ state: 'detached' });
    expect(await page.getByLabel(/^Notes/).inputValue()).toBe('Hub lead: please add the lesson plan.');
    expect(await page.getByLabel(/^Focus/).inputValue()).toBe('Reasoning with bar models');
    await context.close();
  });

  it('deletes the meeting only after confirming', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, specialistLogin);
    await page.goto(meetingUrl);
    await page.getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete this TRG meeting' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Delete' }).click();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { level: 1, name: 'TRG meetings' }).waitFor();
    await page.getByText('No TRG meetings recorded').waitFor();
    await context.close();
  });
});

describe('the headteacher’s reference page', () => {
  it('works without signing in, takes the statement once, then says the link is used', async () => {
    const fresh = await postApplication(await intakeClientToken(await passwordToken(DEMO.northLead), `Intake ref ${run}`), {
      first: 'Alex',
      last: `Cole${run}`,
      urn,
      headteacherStatement: null,
    });
    expect(fresh.status).toBe('awaiting_reference');
    const link = await referenceLinkFor(`head.cole${run}@example.org`.toLowerCase());
    const token = link.split('/references/')[1] ?? '';

    const { context, page } = await newPage(browser);
    await page.goto(`/references/${token}`);
    await page.getByRole('heading', { level: 1, name: 'Headteacher’s reference' }).waitFor();
    expect(await page.getByRole('region', { name: 'The application' }).textContent()).toContain(`Alex Cole${run}`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Send reference' }).click();
    await page.getByText('Write your statement in support of the application.').waitFor();
    await page.getByLabel(/^Your statement/).fill('Alex is an outstanding teacher; we will release them.');
    await page.getByLabel(/commits to releasing/).check();
    await page.getByRole('button', { name: 'Send reference' }).click();
    await page.getByText('Thank you: your reference is received').waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    // Opening the link again (a second click in the email) says it is used.
    const again = await context.newPage();
    await again.goto(`/references/${token}`);
    await again.getByText('This reference link has already been used').waitFor();
    await again.close();
    const unknown = await context.newPage();
    await unknown.goto('/references/not-a-real-token');
    await unknown.getByText('This reference link is not valid').waitFor();
    expect(await seriousViolations(unknown)).toEqual([]);
    // Nobody signed in at any point.
    expect(page.url()).not.toContain('/sign-in');
    await context.close();
  });
});

describe('the new specialist’s ledger', () => {
  it('claims release days until the cap error shows beside the days field; a reversal restores the balance; the CSV reconciles', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Specialists' }).click();
    await page.getByRole('heading', { level: 1, name: 'Specialists' }).waitFor();
    await page.getByLabel(/^Search/).fill(last);
    await page.waitForURL(/q=/);
    const link = page.getByRole('table', { name: 'Specialists' }).getByRole('link', { name: `${first} ${last}` });
    await link.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await link.click();
    await page.getByRole('heading', { level: 1, name: `${first} ${last}` }).waitFor();

    // The development year: programme year 1, 15 days.
    const url = new URL(page.url());
    url.searchParams.set('year', cohort.development_year);
    await page.goto(url.toString());
    const balance = page.getByRole('group', { name: 'Release-day balance' });
    await balance.getByText('0 days used of 15 days').waitFor();
    await settled(page);
    expect(await seriousViolations(page)).toEqual([]);

    const start = Number(cohort.development_year.slice(0, 4));
    const claim = async (date: string, days: string) => {
      await page.getByLabel(/^Date/).fill(date);
      await page.getByLabel(/^Days/).fill(days);
      await page.getByRole('button', { name: 'Claim', exact: true }).click();
    };
    await claim(`${start}-10-05`, '10');
    await balance.getByText('10 days used of 15 days').waitFor();
    await claim(`${start}-10-12`, '4');
    await balance.getByText('14 days used of 15 days').waitFor();
    await claim(`${start}-10-19`, '2');

    // The API's 409 release_day_cap_exceeded lands on the days field, with what is left.
    const days = page.getByLabel(/^Days/);
    await page.waitForFunction(() =>
      [...document.querySelectorAll('input')].some((input) => input.getAttribute('aria-invalid') === 'true'),
    );
    const describedBy = (await days.getAttribute('aria-describedby')) ?? '';
    const error = await page.evaluate(
      (ids) => ids.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
      describedBy,
    );
    expect(error).toContain('Only 1 of the 15 release days remain');
    expect(await balance.textContent()).toContain('14 days used of 15 days');
    expect(await seriousViolations(page)).toEqual([]);

    // Reversing the 10-day claim gives the days back.
    const entries = page.getByRole('table', { name: 'Ledger entries' });
    await entries.getByRole('button', { name: `Reverse School support visit on 5 October ${start}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Reverse this entry' });
    await dialog.getByLabel(/^Reason/).fill('Claimed against the wrong week.');
    await dialog.getByRole('button', { name: 'Reverse' }).click();
    await dialog.waitFor({ state: 'detached' });
    await balance.getByText('4 days used of 15 days').waitFor();
    expect(await balance.textContent()).toContain('11 days remaining');
    expect(await entries.getByText('Reversal', { exact: true }).count()).toBe(1);

    // Four eyes: the hub lead recorded this claim, so they are not offered Approve; a second
    // person (the national admin, through the API here) approves it.
    expect(await entries.getByRole('button', { name: `Approve School support visit on 12 October ${start}` }).count()).toBe(0);
    const specialistId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const ledger = await call<{ entries: { id: string; date: string; reverses_id: string | null }[] }>(
      `/api/v1/specialists/${specialistId}/release-days?academic_year=${encodeURIComponent(cohort.development_year)}`,
      { token: adminToken },
    );
    const recorded = ledger.body.entries.find((entry) => entry.date === `${start}-10-12` && entry.reverses_id === null);
    const entryPath = `/api/v1/specialists/${specialistId}/release-days/${recorded?.id ?? ''}`;
    const read = await call(entryPath, { token: adminToken });
    const approved = await call(`${entryPath}/approval`, {
      method: 'POST',
      token: adminToken,
      headers: { 'If-Match': read.headers.get('ETag') ?? '', 'Idempotency-Key': `e2e-approve-${run}` },
    });
    expect(approved.status).toBe(200);
    await page.reload();
    await balance.getByText('4 days used of 15 days').waitFor();
    expect(await balance.textContent()).toContain('approved £800.00');

    // The finance team's CSV for that year reconciles with the ledger: 4 days claimed and
    // approved (the reversed 10 net to nothing), 11 remaining, £800.00 owed, in pence.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Specialists' }).click();
    await page.getByRole('heading', { level: 1, name: 'Specialists' }).waitFor();
    await page.getByRole('combobox', { name: 'Report year' }).click();
    await page.getByRole('option', { name: cohort.development_year, exact: true }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download release-day report (CSV)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`release-days-${cohort.development_year.replace('/', '-')}.csv`);
    const csv = await readFile(await download.path(), 'utf8');
    const [header = '', ...rows] = csv.trim().split('\r\n');
    expect(header.split(',').slice(0, 3)).toEqual(['line', 'specialist_id', 'specialist_name']);
    const line = rows.find((row) => row.includes(`${first} ${last}`)) ?? '';
    expect(line.split(',').slice(-9)).toEqual(['15', '4', '4', '0', '11', '80000', '80000', '0', '80000']);
    await context.close();
  });
});
