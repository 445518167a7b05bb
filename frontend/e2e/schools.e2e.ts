import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, launch, newPage, seriousViolations, signIn } from './browser';

const repository = fileURLToPath(new URL('../..', import.meta.url));
let browser: Browser;
let dir: string;
beforeAll(async () => {
  browser = await launch();
  dir = mkdtempSync(join(tmpdir(), 'masteryhub-gias-'));
});
afterAll(async () => {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A real-shaped GIAS extract (all 139 columns, Windows-1252) from the backend's test helpers. */
function giasFile(schools: number, firstUrn: number): string {
  const path = join(dir, `edubasealldata-${firstUrn}.csv`);
  execFileSync(
    'uv',
    [
      'run',
      '--frozen',
      'python',
      '-c',
      [
        'import sys; from pathlib import Path',
        'from tests.schools.gias_files import write_gias_file, synthetic_rows, gias_row',
        `rows = list(synthetic_rows(${schools}, first_urn=${firstUrn})) + [gias_row("12AB56", "A row with a broken URN")]`,
        `write_gias_file(Path(sys.argv[1]), rows)`,
      ].join('\n'),
      path,
    ],
    { cwd: repository, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return path;
}

describe('schools', () => {
  it('imports a GIAS extract with progress to 100 % and the skipped-row report, then finds a school by URN', async () => {
    const firstUrn = 900000 + Math.floor(Math.random() * 90000);
    const file = giasFile(250, firstUrn);
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.nationalAdmin);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Schools' }).click();
    await page.getByRole('heading', { level: 1, name: 'Schools' }).waitFor();

    const section = page.getByRole('region', { name: 'Import schools from GIAS' });
    await section.locator('input[type=file]').setInputFiles(file);
    await section.getByRole('button', { name: 'Import' }).click();
    const status = section.getByRole('status');
    await status.getByText(/^Finished:/).waitFor({ timeout: 60_000 });
    expect(await status.textContent()).toMatch(/250 added, 0 updated, 0 unchanged, 1 skipped \(100 %\)/);
    expect(await section.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');

    await section.getByText(/Skipped rows \(1\)/).click();
    const skipped = section.getByRole('table', { name: 'Skipped rows' });
    expect(await skipped.textContent()).toContain('12AB56');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel(/^URN/).fill(String(firstUrn));
    await page.waitForURL((url) => url.searchParams.get('urn') === String(firstUrn));
    const table = page.getByRole('table', { name: 'Schools' });
    await page.waitForFunction(() => document.querySelectorAll('table[aria-label="Schools"] tbody tr').length === 1);
    expect(await table.locator('tbody tr td').first().textContent()).toBe(String(firstUrn));
    await context.close();
  });

  it('lets hub staff search schools but not import them', async () => {
    const { context, page } = await newPage(browser);
    await signIn(page, DEMO.northStaff);
    await page.goto('/schools');
    await page.getByRole('heading', { level: 1, name: 'Schools' }).waitFor();
    await page.getByRole('search', { name: 'Find schools' }).waitFor();
    expect(await page.getByRole('region', { name: 'Import schools from GIAS' }).count()).toBe(0);
    await page.getByRole('status').waitFor({ state: 'detached' });
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });
});
