/**
 * The application page a hub lead works from: correcting a headteacher's address (the new link
 * works, the old one does not), matching an unknown URN by the school search, scheduling an
 * interview, and the whole page (every panel open) readable at 375 px with no axe violations.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonToday, monthOf, monthParam } from '../src/lib/months';
import { call, emailedLink, importSchool, intakeClientToken, passwordToken, postApplication, referenceLinkFor, type Posted } from './api';
import { DEMO, launch, newPage, screenshot, seriousViolations, sidewaysOverflow, signIn } from './browser';

const run = Date.now().toString(36);
// A URN per run that the register has, and one it never has (990999 is the demo's own unmatched).
const urn = 800000 + (Date.now() % 99999);
const unknownUrn = 600000 + (Date.now() % 99999);

let browser: Browser;
let leadToken: string;
let awaiting: Posted;
let unmatched: Posted;
let elsewhere: Posted;
let shortlisted: Posted;
let declined: Posted;

beforeAll(async () => {
  browser = await launch();
  const adminToken = await passwordToken(DEMO.nationalAdmin);
  leadToken = await passwordToken(DEMO.northLead);
  await importSchool(adminToken, urn);
  const client = await intakeClientToken(leadToken, `Detail form ${run}`);
  [awaiting, unmatched, elsewhere, shortlisted, declined] = await Promise.all([
    postApplication(client, { first: 'Ola', last: `Nwosu${run}`, urn, headteacherStatement: null }),
    postApplication(client, { first: 'Una', last: `Matched${run}`, urn: unknownUrn, headteacherStatement: 'Una has my full support.' }),
    postApplication(client, { first: 'Ed', last: `Southwell${run}`, urn: unknownUrn + 1, headteacherStatement: 'Ed has my full support.' }),
    postApplication(client, { first: 'Ivy', last: `Inter${run}`, urn, headteacherStatement: 'Ivy has my full support.' }),
    postApplication(client, { first: 'Dora', last: `Declined${run}`, urn, headteacherStatement: null }),
  ]);
  const moved = await call(`/api/v1/applications/${shortlisted.id}/transitions`, {
    method: 'POST',
    token: leadToken,
    body: { to: 'shortlisted' },
    headers: { 'Idempotency-Key': `e2e-shortlist-${run}` },
  });
  if (moved.status !== 200) throw new Error(`shortlist: ${moved.status} ${JSON.stringify(moved.body)}`);
});
afterAll(async () => {
  await browser.close();
});

async function openApplication(page: Page, posted: Posted) {
  await page.goto(`/applications/${posted.id}`);
  await page.getByRole('heading', { level: 1, name: new RegExp(`\\(${posted.reference}\\)$`) }).waitFor();
}

/** The visible text of the page's notifications (Mantine renders them outside the main region). */
async function notified(page: Page, text: string | RegExp) {
  await page.locator('.mantine-Notification-root').filter({ hasText: text }).first().waitFor();
}

describe('the application page', () => {
  it('corrects the headteacher’s email, asks before sending a new link, and only the new link works', async () => {
    expect(awaiting.status).toBe('awaiting_reference');
    const oldAddress = `head.nwosu${run}@example.org`;
    const newAddress = `deputy.nwosu${run}@example.org`;
    const oldLink = await referenceLinkFor(oldAddress);

    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await openApplication(page, awaiting);
    const referee = page.getByRole('region', { name: 'Headteacher’s reference' });
    expect(await referee.textContent()).toContain(`Pat Head (${oldAddress})`);
    expect(await referee.textContent()).toContain('Waiting for the headteacher');

    await page.getByRole('button', { name: 'Correct the application' }).click();
    const dialog = page.getByRole('dialog', { name: 'Correct the application' });
    await dialog.getByLabel(/^Headteacher’s name/).fill('Dee Deputy');
    await dialog.getByLabel(/^Headteacher’s email address/).fill(newAddress);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save corrections' }).click();
    await dialog.getByText(`Send a new link to ${newAddress}?`).waitFor();
    await screenshot(page, 'detail-ask-new-link');
    await dialog.getByRole('button', { name: 'Save and send the link' }).click();
    await dialog.waitFor({ state: 'detached' });
    await notified(page, `A new reference link was sent to ${newAddress}; the link sent to ${oldAddress} no longer works.`);
    // The page shows the new state at once: the new headteacher, a working link, and who sent it.
    await referee.getByText(`Dee Deputy (${newAddress})`).waitFor();
    expect(await referee.textContent()).toContain('Yes: the headteacher can use it');
    await referee.getByText(new RegExp(`New link sent by .* to ${newAddress.replace(/[.]/g, '\\.')}`)).waitFor();
    await screenshot(page, 'detail-after-correction');

    // The newest email to the new address carries a link that opens the reference page.
    const newLink = await emailedLink(newAddress, '/references/', [oldLink]);
    const head = await context.newPage();
    await head.goto(new URL(newLink).pathname);
    await head.getByRole('heading', { level: 1, name: 'Headteacher’s reference' }).waitFor();
    expect(await head.getByRole('region', { name: 'The application' }).textContent()).toContain(`Ola Nwosu${run}`);
    // The link sent to the old address says it no longer works.
    await head.goto(new URL(oldLink).pathname);
    const refused = head.getByRole('alert');
    await refused.getByText('A newer link has been sent: please use the latest email.').waitFor();
    expect(await refused.textContent()).toContain('This reference link has expired');
    expect(await seriousViolations(head)).toEqual([]);
    await context.close();
  });

  it('shows a headteacher’s decline and its reason, and that the applicant was told to ask someone else', async () => {
    const link = await referenceLinkFor(`head.declined${run}@example.org`);
    const token = new URL(link).pathname.split('/references/')[1] ?? '';
    const refused = await call(`/api/v1/references/${token}/decline`, {
      method: 'POST',
      body: { reason: 'I have only been in post a week and do not know her teaching yet.' },
    });
    expect(refused.status).toBe(200);
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await openApplication(page, declined);
    const referee = page.getByRole('region', { name: 'Headteacher’s reference' });
    const alert = referee.getByRole('alert').filter({ hasText: 'The headteacher declined to give a reference' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('“I have only been in post a week and do not know her teaching yet.”');
    expect(await alert.textContent()).toContain('The applicant was told to ask another senior leader');
    expect(await referee.textContent()).toContain('Declined by the headteacher');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'detail-declined');
    // Entering the other senior leader is the correction form, at the headteacher's fields.
    await alert.getByRole('button', { name: 'Enter another senior leader' }).click();
    await page.getByRole('dialog', { name: 'Correct the application' }).getByLabel(/^Headteacher’s name/).waitFor();
    await context.close();
  });

  it('matches an unknown URN with the school search, and the checks are run again', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await openApplication(page, unmatched);
    const screening = page.getByRole('region', { name: 'Screening' });
    await screening.getByText('The school is not matched yet and 4 checks not known until it is.', { exact: false }).waitFor();
    expect(await screening.getByText('Not known yet', { exact: true }).count()).toBe(4);
    // Flags read in words: each names its check, no code shows.
    expect(await screening.textContent()).toContain('School phase');
    expect(await screening.textContent()).not.toContain('school_unmatched');
    const match = page.getByRole('region', { name: 'Match the school' });
    expect(await match.textContent()).toContain(`URN ${unknownUrn}`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'detail-unmatched');

    await match.getByRole('combobox', { name: 'The applicant’s school' }).fill('Oakfield');
    await page.getByRole('option', { name: 'Oakfield Primary School (999001)' }).click();
    await match.getByRole('button', { name: 'Match this school' }).click();
    await notified(page, 'Matched Oakfield Primary School. The screening checks were run again.');
    await match.waitFor({ state: 'detached' });
    expect(await page.getByRole('region', { name: 'Applicant' }).textContent()).toContain('Oakfield Primary School (URN 999001)');
    await screening.getByText('Every check the system can make is met.').waitFor();
    expect(await screening.getByText('Not known yet', { exact: true }).count()).toBe(0);
    expect(await screening.textContent()).toContain('Phase of education: Primary');
    await context.close();
  });

  it('says plainly when the school matched is another hub’s, and goes back to the list', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await openApplication(page, elsewhere);
    const match = page.getByRole('region', { name: 'Match the school' });
    await match.getByRole('combobox', { name: 'The applicant’s school' }).fill('Solent Way');
    await page.getByRole('option', { name: 'Solent Way Primary School (999101)' }).click();
    await match.getByRole('button', { name: 'Match this school' }).click();
    await notified(page, `Ed Southwell${run}’s application has moved to`);
    await page.getByRole('heading', { level: 1, name: 'Applications' }).waitFor();
    await screenshot(page, 'detail-moved');
    // It is the other hub's now: this hub's lead is told it is not found.
    const read = await call(`/api/v1/applications/${elsewhere.id}`, { token: leadToken });
    expect(read.status).toBe(404);
    await context.close();
  });

  it('schedules an interview, shows it on the page and in the calendar, and reschedules it', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await openApplication(page, shortlisted);
    const panel = page.getByRole('region', { name: 'Interview' });
    await panel.getByText('No interview scheduled yet.', { exact: false }).waitFor();
    await panel.getByRole('button', { name: 'Schedule the interview' }).click();
    const form = page.getByRole('form', { name: 'Schedule the interview' });
    // Nothing where: the form says so beside the place.
    await form.getByRole('button', { name: 'Schedule and email the applicant' }).click();
    await form.getByText('Give a place or a video link.').waitFor();

    const day = new Date(`${londonToday(new Date())}T12:00:00Z`);
    day.setUTCDate(day.getUTCDate() + 7);
    const iso = day.toISOString().slice(0, 10);
    const [y, m, d] = iso.split('-');
    const spoken = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(day);
    await form.getByLabel(/^Date/).fill(`${d}/${m}/${y}`);
    await form.getByLabel(/^Starts/).fill('10:30');
    await form.getByLabel(/^Place/).fill('Oakfield Primary School, meeting room 2');
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole('button', { name: 'Schedule and email the applicant' }).click();
    await notified(page, `Interview scheduled for ${spoken} at 10:30. Ivy Inter${run} was emailed an invitation to add to their calendar.`);
    await panel.getByText(`${spoken} at 10:30 (London time), 45 minutes`).waitFor();
    expect(await panel.textContent()).toContain('Oakfield Primary School, meeting room 2');
    // Scheduling moved the shortlisted application to interview.
    await page.locator('main .mantine-Badge-root').filter({ hasText: /^Interview$/ }).waitFor();

    // Rescheduling is the same form, and says what it did.
    await panel.getByRole('button', { name: 'Reschedule' }).click();
    const again = page.getByRole('form', { name: 'Reschedule the interview' });
    await again.getByLabel(/^Starts/).fill('14:00');
    await again.getByRole('button', { name: 'Save the new time' }).click();
    await notified(page, `Interview moved to ${spoken} at 14:00.`);
    await panel.getByText(`${spoken} at 14:00 (London time), 45 minutes`).waitFor();

    // Someone else moves it while the form is open: saving the form changes nothing and says so.
    await panel.getByRole('button', { name: 'Reschedule' }).click();
    const stale = page.getByRole('form', { name: 'Reschedule the interview' });
    const url = `/api/v1/applications/${shortlisted.id}/interview`;
    const read = await call(url, { token: leadToken });
    const etag = read.headers.get('ETag') ?? '';
    const elsewhere = await call(url, {
      method: 'PUT',
      token: leadToken,
      headers: { 'If-Match': etag },
      body: { date: iso, starts_at: '15:00', duration_minutes: 45, location: 'Oakfield Primary School, meeting room 2' },
    });
    expect(elsewhere.status).toBe(200);
    await stale.getByLabel(/^Starts/).fill('16:00');
    await stale.getByRole('button', { name: 'Save the new time' }).click();
    const alert = panel.getByRole('alert');
    await alert.getByText('This interview changed after you opened it, so your change was not saved.', { exact: false }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'detail-interview-stale');
    await alert.getByRole('button', { name: 'Reload' }).click();
    await alert.waitFor({ state: 'detached' });
    await panel.getByText(`${spoken} at 15:00 (London time), 45 minutes`).waitFor();

    // And it is in the calendar, linking back to the application.
    await page.goto(`/calendar?month=${monthParam(monthOf(iso))}`);
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    await page.locator(`main a[href="/applications/${shortlisted.id}"]`).first().waitFor();
    await context.close();
  });

  it('reads at 375 px with every panel open: nothing scrolls sideways, no serious axe violations', async () => {
    const { context, page } = await newPage(browser, { width: 375, height: 740 });
    await signIn(page, DEMO.northLead);
    await openApplication(page, shortlisted);
    const notes = page.getByRole('region', { name: 'Notes' });
    await notes.getByText('Internal — never shown to the applicant or headteacher.').waitFor();
    await notes.getByLabel('Add a note').fill('Phoned Ivy: the afternoon suits her better.');
    await notes.getByRole('button', { name: 'Add note' }).click();
    const note = notes.getByRole('listitem').filter({ hasText: 'Phoned Ivy: the afternoon suits her better.' });
    await note.waitFor();
    expect(await note.textContent()).toMatch(/^Lead, \d{1,2} \w+ \d{4}, \d{2}:\d{2}/);
    await page.getByRole('region', { name: 'Interview' }).getByRole('button', { name: 'Reschedule' }).click();
    await page.getByRole('form', { name: 'Reschedule the interview' }).waitFor();
    await page.getByRole('region', { name: 'Places and outcome' }).getByText(/^Places filled/).first().waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'detail-375-panels');

    await page.getByRole('button', { name: 'Correct the application' }).click();
    await page.getByRole('dialog', { name: 'Correct the application' }).waitFor();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'detail-375-correct');
    await context.close();
  });
});
