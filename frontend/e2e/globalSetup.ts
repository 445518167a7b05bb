/**
 * Before the browser tests: the API must be up (we do not start it — it needs a migrated,
 * seeded database), and the built SPA must be served on one origin with it. Unless
 * E2E_BASE_URL points at a server already doing that, `vite preview` serves dist/ on port 4173
 * and proxies /api to the API.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const API_URL = process.env.MASTERYHUB_API_URL ?? 'http://127.0.0.1:8000';
const PREVIEW_PORT = Number(process.env.E2E_PREVIEW_PORT ?? 4173);
const frontend = fileURLToPath(new URL('..', import.meta.url));

async function waitFor(url: string, seconds: number): Promise<boolean> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

let preview: ChildProcess | null = null;

export default async function setup(project: TestProject) {
  if (!(await waitFor(`${API_URL}/healthz`, 5))) {
    throw new Error(
      `The API is not answering at ${API_URL}/healthz. From the repository root run:\n` +
        '  uv run masteryhub migrate && uv run masteryhub seed-demo && uv run masteryhub serve',
    );
  }

  let baseUrl = process.env.E2E_BASE_URL;
  if (!baseUrl) {
    if (!existsSync(`${frontend}/dist/index.html`)) throw new Error('dist/ is missing: run `npm run build` first.');
    preview = spawn(
      `${frontend}/node_modules/.bin/vite`,
      ['preview', '--port', String(PREVIEW_PORT), '--strictPort', '--host', '127.0.0.1'],
      { cwd: frontend, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, MASTERYHUB_API_URL: API_URL } },
    );
    baseUrl = `http://127.0.0.1:${PREVIEW_PORT}`;
    if (!(await waitFor(`${baseUrl}/healthz`, 20))) {
      preview.kill();
      throw new Error(`vite preview did not come up on ${baseUrl} (is the port taken?)`);
    }
  }
  project.provide('baseUrl', baseUrl);

  return () => {
    preview?.kill();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
