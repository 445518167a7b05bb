/**
 * The headteacher confirms release: the hub's staff set a school's headteacher on the school's
 * page, the confirmation pass emails the head (an .eml here: no SMTP host), the head opens the
 * link at 375 px, confirms one day and disputes another, and the hub lead finds the dispute from
 * the dashboard's work queue and resolves it. axe on every page.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, passwordToken } from './api';
import { DEMO, launch, newPage, screenshot, seriousViolations, signIn } from './browser';
import { newConfirmationLink, runConfirmationPass } from './headConfirmation';

const SPECIALIST = { email: 'specialist@north.masteryhub.test', password: 'specialist-demo' };
const run = Date.now().toString(36);
const HEAD = `head.${run}@school.e2e.example.org`;

interface School {
  id: string;
  name: string;
  urn: string;
}

let browser: Browser;
let leadToken: string;
let staffToken: string;
let specialistToken: string;
beforeAll(async () => {
  browser = await launch();
  [leadToken, staffToken, specialistToken] = await Promise.all([
    passwordToken(DEMO.northLead),
    passwordToken(DEMO.northStaff),
    passwordToken(SPECIALIST),
  ]);
});
afterAll(async () => {
  await browser.close();
});

async function settled(page: Page) {
  await page.waitForFunction(() => ![...document.querySelectorAll('[role="status"]')].some((node) => node.textContent.includes('Loading')));
}

async function expectFits(page: Page, what: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  // What sticks out, named, so a failure says where to look.
  const wide =
    overflow > 0
      ? await page.evaluate(() =>
          [...document.querySelectorAll('main *')]
            .filter((node) => node.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(0, 5)
            .map((node) => `${node.tagName.toLowerCase()}.${node.className}: ${node.textContent.slice(0, 40)}`),
        )
      : [];
  expect({ what, overflow, wide, violations: await seriousViolations(page) }).toEqual({ what, overflow: 0, wide: [], violations: [] });
}

function londonToday(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
}

/** A north school other than the demo specialist's, with two release days claimed for it today. */
async function schoolWithReleaseDays(): Promise<{ school: School; specialistId: string }> {
  const me = await call<{ specialists: { id: string }[] }>('/api/v1/me', { token: specialistToken });
  const [own] = me.body.specialists;
  if (!own) throw new Error('the demo specialist has no specialist record');
  // Their own school already has this term's request (seed-demo asks it): fund another.
  const record = (await call<{ id: string; school: { id: string } | null }>(`/api/v1/specialists/${own.id}`, { token: leadToken })).body;
  const lead = await call<{ hub: { id: string } }>('/api/v1/me', { token: leadToken });
  const schools = await call<{ items: School[] }>(`/api/v1/schools?hub_id=${lead.body.hub.id}&limit=100`, { token: leadToken });
  const candidates = schools.body.items.filter((school) => school.id !== record.school?.id);
  const school = candidates[Date.now() % candidates.length];
  if (!school) throw new Error('no north school to fund');
  for (const [activity, days] of [
    ['school_trg', 0.5],
    ['planning', 1],
  ] as const) {
    const claim = await call(`/api/v1/specialists/${record.id}/release-days`, {
      method: 'POST',
      token: staffToken,
      body: { date: londonToday(), days, activity, school_id: school.id, note: `Head confirmation ${run}` },
    });
    if (claim.status !== 201) throw new Error(`claim: ${claim.status} ${JSON.stringify(claim.body)}`);
  }
  return { school, specialistId: record.id };
}

describe('the headteacher confirms release', () => {
  it('staff set the head, the head confirms and disputes from the emailed link, the lead resolves the dispute', async () => {
    const { school } = await schoolWithReleaseDays();

    // The hub's staff give the school a headteacher on its page (nobody could be asked before).
    const staff = await newPage(browser);
    await signIn(staff.page, DEMO.northStaff);
    await staff.page.goto(`/schools/${school.id}`);
    await staff.page.getByRole('heading', { level: 1, name: school.name }).waitFor();
    await settled(staff.page);
    await staff.page.getByText('No headteacher email on record').waitFor();
    await staff.page.getByRole('textbox', { name: 'Headteacher’s name' }).fill('Ms Rowan Head');
    await staff.page.getByRole('textbox', { name: /Headteacher’s email/ }).fill(HEAD);
    await staff.page.getByRole('button', { name: 'Save contact' }).click();
    await staff.page.getByText('Set by the hub.').waitFor();
    await expectFits(staff.page, 'school page');
    await staff.context.close();
    const phone = await newPage(browser, { width: 375, height: 800 });
    await signIn(phone.page, DEMO.northStaff);
    await phone.page.goto(`/schools/${school.id}`);
    await phone.page.getByRole('heading', { level: 1, name: school.name }).waitFor();
    await settled(phone.page);
    await phone.page.getByText('Set by the hub.').waitFor();
    await expectFits(phone.page, 'school page at 375 px');
    await phone.context.close();

    // The pass (asking about the term in progress, as the worker does from its asking day).
    expect(runConfirmationPass()).toBeGreaterThan(0);
    const link = await newConfirmationLink(HEAD);

    // The head, signed in nowhere, on a phone.
    const head = await newPage(browser, { width: 375, height: 800 });
    await head.page.goto(link);
    await head.page.getByRole('heading', { level: 1, name: 'Confirm release days' }).waitFor();
    await head.page.getByText(school.name, { exact: false }).first().waitFor();
    await head.page.getByText('School TRG, ½ day').waitFor();
    await head.page.getByText('Planning, 1 day').waitFor();
    await expectFits(head.page, 'the head’s page at 375 px');
    const groups = head.page.getByRole('radiogroup');
    expect(await groups.count()).toBe(2);
    await groups.nth(0).getByRole('radio', { name: 'Yes, as listed' }).check();
    await groups.nth(1).getByRole('radio', { name: 'No, or not as listed' }).check();
    await head.page.getByRole('button', { name: 'Send answer' }).click();
    await head.page.getByText('Say what was not as listed, so the Maths Hub can put it right.').waitFor();
    await head.page.getByRole('textbox', { name: /What was not as listed/ }).fill(`Planning was done at home (${run}).`);
    await head.page.getByRole('button', { name: 'Send answer' }).click();
    await head.page.getByRole('status').getByText('1 day confirmed, 1 disputed').waitFor();
    await expectFits(head.page, 'the head’s receipt');
    // Single use: the link now says it was answered.
    await head.page.goto(link);
    await head.page.getByRole('alert').getByText('already been answered through this link').waitFor();
    await head.context.close();

    // The hub lead sees the dispute from the work queue, and resolves it.
    const lead = await newPage(browser);
    await signIn(lead.page, DEMO.northLead);
    await settled(lead.page);
    const disputes = lead.page.getByRole('link', { name: /Disputed release days/ });
    expect(Number((await disputes.textContent())?.match(/\d+/)?.[0] ?? '0')).toBeGreaterThanOrEqual(1);
    await disputes.click();
    await lead.page.getByRole('heading', { level: 1, name: 'Head confirmations' }).waitFor();
    await screenshot(lead.page, 'head-confirmations-disputed');
    await settled(lead.page);
    expect(await lead.page.getByRole('switch', { name: 'Only requests with open disputes' }).isChecked()).toBe(true);
    await expectFits(lead.page, 'head confirmations');
    await lead.page.getByRole('link', { name: school.name }).first().click();
    await lead.page.getByRole('heading', { level: 1, name: new RegExp(`^${school.name}: .* term \\d{4}$`) }).waitFor();
    await settled(lead.page);
    await lead.page.getByText(`“Planning was done at home (${run}).”`).waitFor();
    await expectFits(lead.page, 'confirmation detail');
    await lead.page.getByRole('button', { name: /^Resolve the dispute about/ }).click();
    const dialog = lead.page.getByRole('dialog', { name: 'Resolve the dispute' });
    await dialog.getByRole('radio', { name: /reverse the entry/ }).check();
    await dialog.getByRole('textbox', { name: /^Note/ }).fill('Agreed with the head: not a release day.');
    expect(await seriousViolations(lead.page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await lead.page.getByText(/Reversed by .*: Agreed with the head/).waitFor();
    const detailUrl = lead.page.url();
    await lead.context.close();
    const leadPhone = await newPage(browser, { width: 375, height: 800 });
    await signIn(leadPhone.page, DEMO.northLead);
    await leadPhone.page.goto(detailUrl);
    await leadPhone.page.getByText(/Reversed by .*: Agreed with the head/).waitFor();
    await settled(leadPhone.page);
    await expectFits(leadPhone.page, 'confirmation detail at 375 px');
    await leadPhone.context.close();
  });
});
