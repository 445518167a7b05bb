import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

/** Debian's chromium: Playwright's own browser downloads are not available here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const DEMO = {
  nationalAdmin: { email: 'admin@masteryhub.test', password: 'national-admin-demo' },
  northLead: { email: 'lead@north.masteryhub.test', password: 'hub-lead-demo' },
  northStaff: { email: 'staff@north.masteryhub.test', password: 'hub-staff-demo' },
} as const;

export function baseUrl(): string {
  return inject('baseUrl');
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

export async function newPage(
  browser: Browser,
  viewport: { width: number; height: number } = { width: 1280, height: 800 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl(), viewport, locale: 'en-GB', timezoneId: 'Europe/London' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

export async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(who.email);
  await page.getByLabel(/^Password/).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // A specialist's home is My programme; everyone else's the dashboard.
  await page.getByRole('heading', { level: 1, name: /^(Dashboard|My programme)$/ }).waitFor();
}

/** Sign out through the user menu in the shell's header. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Your account and sign out/ }).click();
  await page.getByRole('region', { name: 'Your account and sign out' }).getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in to MasteryHub' }).waitFor();
}

/** With E2E_SCREENSHOTS=dir, a full-page PNG for looking at a page by eye; otherwise nothing. */
export async function screenshot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** How far the page scrolls sideways (0 when nothing is wider than the viewport). */
export function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export interface Violation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

/** axe-core against WCAG 2.2 A/AA: the serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<Violation[]> {
  // A dialog or popover still fading in has text at part opacity, which axe measures as low
  // contrast: let them finish their transition first (on a busy machine it can take a while).
  await page
    .waitForFunction(
      () =>
        [...document.querySelectorAll('[role="dialog"], .mantine-Popover-dropdown')].every((dialog) => {
          for (let node: Element | null = dialog; node; node = node.parentElement) {
            if (Number(getComputedStyle(node).opacity) < 1) return false;
          }
          return true;
        }),
      undefined,
      { timeout: 5_000 },
    )
    .catch(() => undefined);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}
