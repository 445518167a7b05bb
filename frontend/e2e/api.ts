/**
 * Talking to the API directly, as another hub's system would: set-up the browser tests need
 * (a school, a day rate, an application posted by an API client) and the emails the API wrote.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseUrl } from './browser';

const repository = fileURLToPath(new URL('../..', import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the body it expects
export async function call<T = unknown>(
  path: string,
  { method = 'GET', token, body, headers = {} }: { method?: string; token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const isForm = body instanceof FormData || body instanceof URLSearchParams;
  const response = await fetch(`${baseUrl()}${path}`, {
    method,
    headers: {
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined && !isForm ? { 'Content-Type': 'application/json' } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

async function grant(params: Record<string, string>): Promise<string> {
  const { status, body } = await call<{ access_token: string }>('/api/v1/auth/token', {
    method: 'POST',
    body: new URLSearchParams(params),
  });
  if (status !== 200) throw new Error(`token grant failed: ${status} ${JSON.stringify(body)}`);
  return body.access_token;
}

export function passwordToken(who: { email: string; password: string }): Promise<string> {
  return grant({ grant_type: 'password', username: who.email, password: who.password });
}

/** A hub lead creates an intake API client through the admin API; returns the client's token. */
export async function intakeClientToken(leadToken: string, name: string): Promise<string> {
  const created = await call<{ client_id: string; client_secret: string }>('/api/v1/api-clients', {
    method: 'POST',
    token: leadToken,
    body: { name, scopes: ['applications:submit', 'applications:read'] },
  });
  if (created.status !== 201) throw new Error(`api client: ${created.status} ${JSON.stringify(created.body)}`);
  return grant({ grant_type: 'client_credentials', client_id: created.body.client_id, client_secret: created.body.client_secret });
}

/** One school with this URN, through the real GIAS import (a national admin's job). */
export async function importSchool(adminToken: string, urn: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'masteryhub-e2e-school-'));
  const path = join(dir, `edubasealldata-${urn}.csv`);
  execFileSync(
    'uv',
    [
      'run',
      '--frozen',
      'python',
      '-c',
      [
        'import sys; from pathlib import Path',
        'from tests.schools.gias_files import write_gias_file, gias_row',
        `write_gias_file(Path(sys.argv[1]), [gias_row("${urn}", "Brook Lane Primary School ${urn}")])`,
      ].join('\n'),
      path,
    ],
    { cwd: repository, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const form = new FormData();
  form.append('file', new Blob([readFileSync(path)]), `edubasealldata-${urn}.csv`);
  const started = await call<{ id: string }>('/api/v1/schools/imports', { method: 'POST', token: adminToken, body: form });
  if (started.status !== 202) throw new Error(`import: ${started.status} ${JSON.stringify(started.body)}`);
  for (let attempt = 0; attempt < 120; attempt += 1) {
    const { body } = await call<{ status: string }>(`/api/v1/schools/imports/${started.body.id}`, { token: adminToken });
    if (body.status === 'completed') return;
    if (body.status === 'failed') throw new Error('the school import failed');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error('the school import did not finish');
}

export interface Cohort {
  id: string;
  code: string;
  development_year: string;
}

export async function demoCohort(token: string): Promise<Cohort> {
  const { body } = await call<{ items: Cohort[] }>('/api/v1/cohorts?limit=100', { token });
  const cohort = body.items.find((item) => item.code === 'primary-demo');
  if (!cohort) throw new Error('seed-demo’s primary-demo cohort is missing');
  return cohort;
}

/** The hub sets a day rate (the programme leaves it to the hub), so days can be claimed. */
export async function setDayRate(adminToken: string, cohortId: string, pence: number): Promise<void> {
  const { status, body } = await call(`/api/v1/cohorts/${cohortId}/year-rules/1`, {
    method: 'PUT',
    token: adminToken,
    body: { release_days: 15, day_rates_pence: { default: pence }, grants: [] },
  });
  if (status !== 200 && status !== 201) throw new Error(`year rule: ${status} ${JSON.stringify(body)}`);
}

export interface Posted {
  id: string;
  reference: string;
  status: string;
}

/** `POST /api/v1/applications` as the form tool would, with an Idempotency-Key. */
export async function postApplication(
  clientToken: string,
  { first, last, urn, headteacherStatement }: { first: string; last: string; urn: number; headteacherStatement: string | null },
): Promise<Posted> {
  const key = `e2e-${first}-${last}`;
  const body = {
    cohort_code: 'primary-demo',
    applicant: { first_name: first, last_name: last, email: `${first}.${last}@example.org`.toLowerCase() },
    school_urn: String(urn),
    role_title: 'Year 4 teacher and maths lead',
    has_qts: true,
    years_teaching_maths: 6,
    days_teaching_maths_per_week: 4,
    is_maths_subject_leader: true,
    statement: 'I have led mastery in my school for two years and want to support other schools.',
    headteacher: {
      name: 'Pat Head',
      email: `head.${last}@example.org`.toLowerCase(),
      statement: headteacherStatement,
    },
    consent_to_data_processing: true,
  };
  const first1 = await call<Posted>('/api/v1/applications', {
    method: 'POST',
    token: clientToken,
    body,
    headers: { 'Idempotency-Key': key },
  });
  if (first1.status !== 201) throw new Error(`application: ${first1.status} ${JSON.stringify(first1.body)}`);
  // The same key again is the same application, not a second one.
  const again = await call<Posted>('/api/v1/applications', {
    method: 'POST',
    token: clientToken,
    body,
    headers: { 'Idempotency-Key': key },
  });
  if (again.body.id !== first1.body.id) throw new Error('the Idempotency-Key did not replay the first application');
  return first1.body;
}

/**
 * The newest link to PATH (`/invitations/`, `/reset-password/`) in an email the API wrote to
 * EMAIL (no SMTP host in e2e: every email is an .eml file in E2E_MAIL_DIR). Links already seen
 * (AFTER) are skipped, so a second email's link is not mistaken for the first's.
 */
export async function emailedLink(email: string, path: string, after: readonly string[] = []): Promise<string> {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error('E2E_MAIL_DIR is not set: run the tests through scripts/e2e.sh');
  const pattern = new RegExp(`https?://[^\\s"<>]+${path.replace(/[/]/g, '\\/')}[A-Za-z0-9_-]+`);
  for (let attempt = 0; attempt < 60; attempt += 1) {
    if (existsSync(dir)) {
      const files = readdirSync(dir)
        .filter((file) => file.endsWith('.eml'))
        // Named <UTC time>-<id>.eml: newest first.
        .sort()
        .reverse()
        .map((file) => join(dir, file));
      for (const file of files) {
        const message = readFileSync(file, 'utf8');
        const to = /^to:(.*)$/im.exec(message)?.[1]?.toLowerCase() ?? '';
        if (!to.includes(email.toLowerCase())) continue;
        const unwrapped = message.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
        const match = pattern.exec(unwrapped);
        if (match && !after.includes(match[0])) return match[0];
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no email to ${email} with a ${path} link in ${dir}`);
}

/** Someone invited through the API sets their password through the API (set-up for tests). */
export async function acceptInvitationFor(email: string, password: string): Promise<void> {
  const link = await emailedLink(email, '/invitations/');
  const token = link.split('/invitations/')[1] ?? '';
  const { status, body } = await call(`/api/v1/invitations/${token}`, { method: 'POST', body: { password } });
  if (status !== 204) throw new Error(`accept invitation: ${status} ${JSON.stringify(body)}`);
}

/** The reference link from the email the API wrote for this headteacher (no SMTP host in e2e). */
export async function referenceLinkFor(email: string): Promise<string> {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error('E2E_MAIL_DIR is not set: run the tests through scripts/e2e.sh');
  for (let attempt = 0; attempt < 60; attempt += 1) {
    if (existsSync(dir)) {
      for (const name of readdirSync(dir).filter((file) => file.endsWith('.eml'))) {
        const message = readFileSync(join(dir, name), 'utf8');
        if (!message.toLowerCase().includes(`to: ${email}`)) continue;
        // Quoted-printable bodies wrap long lines with `=` at the end; undo that first.
        const unwrapped = message.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
        const match = /https?:\/\/[^\s"<>]+\/references\/[A-Za-z0-9_-]+/.exec(unwrapped);
        if (match) return match[0];
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no reference email for ${email} in ${dir}`);
}

