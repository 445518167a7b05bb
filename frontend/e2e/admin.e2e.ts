import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, passwordToken } from './api';
import { DEMO, launch, newPage, seriousViolations, signIn } from './browser';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser.close();
});

const run = Date.now().toString(36);

describe('admin', () => {
  it('invites a user (no password typed by anyone), showing the API’s refusal beside the field it concerns', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor();

    await page.getByRole('button', { name: 'Invite user' }).click();
    const dialog = page.getByRole('dialog', { name: 'Invite a user' });
    await dialog.getByLabel(/^Name/).fill(`E2E Person ${run}`);
    await dialog.getByLabel(/^Email address/).fill(`e2e.${run}@northmathshub.org.uk`);
    expect(await dialog.locator('input[type="password"]').count()).toBe(0);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The same address again: the 409 lands on the email input, not in a generic banner.
    await page.getByRole('button', { name: 'Invite user' }).click();
    await dialog.getByLabel(/^Name/).fill(`E2E Person ${run}`);
    const email = dialog.getByLabel(/^Email address/);
    await email.fill(`e2e.${run}@northmathshub.org.uk`);
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await page.waitForFunction(() => document.querySelector('[role="dialog"] input[type="email"]')?.getAttribute('aria-invalid') === 'true');
    const describedBy = await email.getAttribute('aria-describedby');
    // The error is the input's accessible description, not just red text near it.
    const errorText = await page.evaluate(
      (ids) => (ids ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '),
      describedBy,
    );
    expect(errorText).toMatch(/already exists/);
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: `E2E Person ${run}`, exact: true }).waitFor();

    // Deactivating reads the user's ETag and sends it back as If-Match.
    const patches: (string | null)[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') patches.push(request.headers()['if-match'] ?? null);
    });
    await page.getByRole('button', { name: `Deactivate E2E Person ${run}` }).click();
    await page.getByRole('button', { name: `Reactivate E2E Person ${run}` }).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('cell', { name: `E2E Person ${run}`, exact: true }) });
    expect(await row.getByText('Deactivated', { exact: true }).count()).toBe(1);
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatch(/^(W\/)?".+"$/);
    await context.close();
  });

  it('creates an API client and shows its secret once, with copy buttons', async () => {
    const { context, page } = await newPage(browser);
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await signIn(page, DEMO.northLead);
    await page.goto('/admin/api-clients');
    await page.getByRole('heading', { level: 1, name: 'API clients' }).waitFor();

    await page.getByRole('button', { name: 'New API client' }).click();
    const form = page.getByRole('dialog', { name: 'New API client' });
    await form.getByLabel(/^Name/).fill(`Intake form ${run}`);
    await form.getByRole('button', { name: 'Create' }).click();
    await form.getByText('Choose at least one scope.').waitFor();
    await form.getByLabel('Submit applications (form tools)').check();
    await form.getByRole('button', { name: 'Create' }).click();

    const secretDialog = page.getByRole('dialog', { name: 'Copy the client secret now' });
    await secretDialog.waitFor();
    const codes = await secretDialog.locator('pre').allTextContents();
    expect(codes).toHaveLength(2);
    const [clientId, secret] = codes;
    expect(secret?.length).toBeGreaterThan(20);

    await secretDialog.getByRole('button', { name: 'Copy client secret' }).click();
    await secretDialog.getByRole('button', { name: 'Copied client secret' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

    // The secret really works: the client credentials grant accepts it.
    const grant = await page.evaluate(
      async ([id, key]) => {
        const response = await fetch('/api/v1/auth/token', {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ grant_type: 'client_credentials', client_id: id ?? '', client_secret: key ?? '' }),
        });
        return response.status;
      },
      [clientId, secret],
    );
    expect(grant).toBe(200);

    await secretDialog.getByRole('button', { name: 'I have stored the secret' }).click();
    await secretDialog.waitFor({ state: 'detached' });
    // Once closed, the secret is nowhere on the page.
    expect(await page.content()).not.toContain(secret);
    await page.getByRole('cell', { name: `Intake form ${run}`, exact: true }).waitFor();
    await context.close();
  });

  it('shows a national admin every hub, and refuses the page to a hub lead', async () => {
    const admin = await newPage(browser);
    await signIn(admin.page, DEMO.nationalAdmin);
    await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hubs' }).click();
    await admin.page.getByRole('heading', { level: 1, name: 'Hubs' }).waitFor();
    await admin.page.getByRole('cell', { name: 'north', exact: true }).waitFor();
    expect(await admin.page.getByRole('cell', { name: 'south', exact: true }).count()).toBe(1);
    expect(await seriousViolations(admin.page)).toEqual([]);
    await admin.context.close();

    const lead = await newPage(browser);
    await signIn(lead.page, DEMO.northLead);
    await lead.page.goto('/admin/hubs');
    await lead.page.getByRole('heading', { level: 1, name: 'You do not have access to this page' }).waitFor();
    await lead.context.close();
  });

  it('filters the audit log from the query string, so the view can be bookmarked', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    await page.goto('/admin/audit-log?entity_type=api_clients');
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByRole('table', { name: 'Audit events' }).waitFor();
    const types = await page.locator('tbody tr td:nth-child(4)').evaluateAll((cells) =>
      cells.map((cell) => cell.firstChild?.textContent ?? ''),
    );
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(['api_clients']));
    expect(await page.getByLabel('Record type').inputValue()).toBe('api_clients');

    // The date filter's calendar is accessible too.
    await page.getByRole('button', { name: /^From/ }).click();
    await page.getByRole('dialog').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('shows the audit log newest first, and oldest first on request', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northLead);
    // Two changes a moment apart, so their order is certain.
    const leadToken = await passwordToken(DEMO.northLead);
    for (const name of [`Order first ${run}`, `Order second ${run}`]) {
      const created = await call('/api/v1/api-clients', { method: 'POST', token: leadToken, body: { name, scopes: ['applications:read'] } });
      expect(created.status).toBe(201);
    }
    await page.goto('/admin/audit-log?action=api_client.created');
    const table = page.getByRole('table', { name: 'Audit events' });
    await table.getByRole('row').filter({ hasText: `Order second ${run}` }).waitFor();
    const names = async () =>
      // The event rows only (each holds a table of its changes), in the order shown.
      (await table.locator(':scope > tbody > tr').allTextContents()).flatMap((row) =>
        row.includes(`Order second ${run}`) ? ['second'] : row.includes(`Order first ${run}`) ? ['first'] : [],
      );
    expect(await names()).toEqual(['second', 'first']);
    expect(await page.getByLabel('Order', { exact: true }).first().inputValue()).toBe('Newest first');

    await page.goto('/admin/audit-log?action=api_client.created&order=asc');
    await table.getByRole('row').filter({ hasText: `Order second ${run}` }).waitFor();
    const ascending = await names();
    expect(ascending.slice(-2)).toEqual(['first', 'second']);
    await context.close();
  });
});
