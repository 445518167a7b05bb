/**
 * A register deleted after its claim was accepted leaves a proposed reversal whose register page
 * is gone: the hub lead finds it through the work queue's count, and the specialist on My
 * programme, where they accept it.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, passwordToken } from './api';
import { DEMO, launch, newPage, screenshot, seriousViolations, signIn } from './browser';

const SPECIALIST = { email: 'specialist@north.masteryhub.test', password: 'specialist-demo' } as const;

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

interface Proposal {
  id: string;
  specialist_id: string;
  reverses_id: string | null;
  register_deleted: boolean;
}

/** The demo specialist records a school TRG, accepts the days it proposed, then the hub lead deletes the meeting. */
async function deletedMeetingsReversal(focus: string): Promise<Proposal> {
  const token = await passwordToken(SPECIALIST);
  const leadToken = await passwordToken(DEMO.northLead);
  const today = new Date().toISOString().slice(0, 10);
  const meeting = await call<{ id: string }>('/api/v1/trg-meetings', {
    method: 'POST',
    token,
    body: { kind: 'school', held_on: today, starts_at: '15:30', ends_at: '17:00', mode: 'online', focus },
  });
  expect(meeting.status).toBe(201);
  const proposed = await call<{ items: Proposal[] }>(`/api/v1/release-day-proposals?evidence_id=${meeting.body.id}`, { token });
  const [claim] = proposed.body.items;
  if (!claim) throw new Error(`the meeting proposed nothing: ${JSON.stringify(proposed.body)}`);
  const accepted = await call(`/api/v1/specialists/${claim.specialist_id}/release-days/${claim.id}/acceptance`, { method: 'POST', token });
  expect(accepted.status).toBe(200);
  const deleted = await call(`/api/v1/trg-meetings/${meeting.body.id}`, { method: 'DELETE', token: leadToken });
  expect(deleted.status).toBe(204);
  const left = await call<{ items: Proposal[] }>(`/api/v1/release-day-proposals?specialist_id=${claim.specialist_id}`, { token });
  const reversal = left.body.items.find((item) => item.reverses_id === claim.id);
  if (!reversal?.register_deleted) throw new Error(`no reversal of the deleted meeting: ${JSON.stringify(left.body)}`);
  return reversal;
}

describe('Proposed claims of a deleted register', () => {
  it('are counted in the work queue, listed for the hub lead, and accepted by the specialist on My programme', async () => {
    const focus = `Deleted register ${String(Date.now())}`;
    await deletedMeetingsReversal(focus);

    // The hub lead: the work queue's count leads to the hub's proposed claims, the reversal among them.
    const lead = await newPage(browser);
    await signIn(lead.page, DEMO.northLead);
    await lead.page.getByRole('region', { name: 'Work queue' }).getByRole('link', { name: /Proposed claims/ }).click();
    await lead.page.getByRole('heading', { level: 1, name: 'Proposed claims' }).waitFor();
    expect(new URL(lead.page.url()).pathname).toBe('/release-day-proposals');
    // The page is in the menu too, under Money.
    const menuLink = lead.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Proposed claims' });
    expect(await menuLink.getAttribute('href')).toBe('/release-day-proposals');
    const table = lead.page.getByRole('table', { name: 'Proposed claims' });
    const row = table.getByRole('row').filter({ hasText: 'From a TRG meeting that was deleted' }).filter({ hasText: 'Reversal: School TRG' }).first();
    await row.waitFor();
    await row.getByRole('link', { name: /Amira/ }).waitFor();
    expect(await row.getByRole('button', { name: /^Reject/ }).count()).toBe(0);
    expect(await seriousViolations(lead.page)).toEqual([]);
    await screenshot(lead.page, 'proposed-claims-hub');
    // The specialist's page shows the hub staff the same, with the ledger beneath.
    await row.getByRole('link', { name: /Amira/ }).click();
    const theirs = lead.page.getByRole('region', { name: 'Proposed claims' });
    await theirs.getByRole('row').filter({ hasText: 'From a TRG meeting that was deleted' }).first().waitFor();
    expect(await seriousViolations(lead.page)).toEqual([]);
    await screenshot(lead.page, 'proposed-claims-specialist-page');
    await lead.context.close();

    // The specialist: My programme lists it with where it came from; accepting it takes it off.
    const { context, page } = await newPage(browser);
    await signIn(page, SPECIALIST);
    const region = page.getByRole('region', { name: 'Proposed claims' });
    const reversalRows = region.getByRole('row').filter({ hasText: 'From a TRG meeting that was deleted' });
    await reversalRows.first().waitFor();
    const before = await reversalRows.count();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'proposed-claims-my-programme');
    await reversalRows.first().getByRole('button', { name: /^Accept Reversal: School TRG/ }).click();
    await page.waitForFunction(
      (expected) =>
        [...document.querySelectorAll('table[aria-label="Proposed claims"] tr')].filter((tr) => tr.textContent.includes('From a TRG meeting that was deleted')).length === expected,
      before - 1,
    );
    // In the ledger, the reversal now stands beside the claim it reverses.
    await page.getByRole('table', { name: 'Ledger entries' }).getByRole('row').filter({ hasText: 'The register was deleted.' }).first().waitFor();
    const notices = await page.locator('.mantine-Notification-root').allTextContents();
    for (const notice of notices) expect(notice).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
    await context.close();
  });
});
