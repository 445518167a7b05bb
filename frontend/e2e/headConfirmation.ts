/**
 * The headteacher's termly confirmation from the browser tests' side: run the confirmation pass
 * by hand (the CLI, on the e2e server's database) and answer the emailed links as the head.
 *
 *   await confirmEverythingAsHead(leadToken, schoolId)   // e.g. before building a payment run
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { call } from './api';

const repository = fileURLToPath(new URL('../..', import.meta.url));
const LINK = /https?:\/\/[^\s"<>]+\/confirm-release\/([A-Za-z0-9_-]+)/g;

interface Contact {
  headteacher_email: string | null;
}
interface View {
  lines: { id: string }[];
}

/**
 * One pass of `masteryhub send-release-confirmations --include-current-term` on the server's
 * database (scripts/e2e.sh exports MASTERYHUB_DATABASE_URL to the tests): asks about the term in
 * progress too, since the termly asking day is usually weeks away. Answers how many emails it
 * queued.
 */
export function runConfirmationPass(): number {
  const masteryhub = join(repository, '.venv/bin/masteryhub');
  const [command, args] = existsSync(masteryhub)
    ? [masteryhub, ['send-release-confirmations', '--include-current-term']]
    : ['uv', ['run', '--frozen', 'masteryhub', 'send-release-confirmations', '--include-current-term']];
  const output = execFileSync(command, args, { cwd: repository, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return Number(/Queued (\d+)/.exec(output)?.[1] ?? '0');
}

/** Every confirmation link in an email the API wrote (as an .eml file) to EMAIL, newest first. */
export function confirmationLinksTo(email: string): string[] {
  const dir = process.env.E2E_MAIL_DIR;
  if (!dir) throw new Error('E2E_MAIL_DIR is not set: run the tests through scripts/e2e.sh');
  if (!existsSync(dir)) return [];
  const links: string[] = [];
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.eml')).sort().reverse()) {
    const message = readFileSync(join(dir, name), 'utf8');
    const to = /^to:(.*)$/im.exec(message)?.[1]?.toLowerCase() ?? '';
    if (!to.includes(email.toLowerCase())) continue;
    // Quoted-printable bodies wrap long lines with `=` at the end; undo that first.
    const unwrapped = message.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    for (const match of unwrapped.matchAll(LINK)) if (!links.includes(match[0])) links.push(match[0]);
  }
  return links;
}

/** The newest confirmation link emailed to EMAIL that is not in SEEN, waiting for delivery. */
export async function newConfirmationLink(email: string, seen: readonly string[] = []): Promise<string> {
  for (let attempt = 0; attempt < 60; attempt += 1) {
    const fresh = confirmationLinksTo(email).find((link) => !seen.includes(link));
    if (fresh) return fresh;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no new release confirmation email to ${email}`);
}

/** The school's headteacher email (setting one for the hub when there is none). */
export async function headEmailOf(leadToken: string, schoolId: string): Promise<string> {
  const url = `/api/v1/schools/${schoolId}/head-contact`;
  const read = await call<Contact>(url, { token: leadToken });
  if (read.status !== 200) throw new Error(`head contact: ${read.status} ${JSON.stringify(read.body)}`);
  if (read.body.headteacher_email) return read.body.headteacher_email;
  const email = `head.${schoolId.slice(-8)}@schools.e2e.example.org`;
  const put = await call(url, { method: 'PUT', token: leadToken, body: { headteacher_name: 'E2E Head', headteacher_email: email } });
  if (put.status !== 200) throw new Error(`set head contact: ${put.status} ${JSON.stringify(put.body)}`);
  return email;
}

/** Answers one emailed confirmation link as the head; how many days it confirmed (0 when the
 * link had been answered or replaced already). */
export type AnswerLink = (link: string) => Promise<number>;

/** Confirms every line of LINK through the API, as the head's page would. */
export async function confirmThroughApi(link: string): Promise<number> {
  const token = link.split('/confirm-release/')[1] ?? '';
  const view = await call<View>(`/api/v1/release-confirmation-links/${token}`);
  if (view.status !== 200) return 0; // answered or replaced already
  const answer = await call(`/api/v1/release-confirmation-links/${token}`, {
    method: 'POST',
    body: { answers: view.body.lines.map((line) => ({ line_id: line.id, answer: 'confirmed' })) },
  });
  if (answer.status !== 200) throw new Error(`confirm: ${answer.status} ${JSON.stringify(answer.body)}`);
  return view.body.lines.length;
}

/**
 * "Run the confirmation pass and confirm everything for this school as its head": every open
 * request to the school's head is answered with ANSWER (through the API unless given, e.g. in
 * the browser), until a pass asks nothing more (days recorded after a request go into a
 * follow-up, which the next pass sends once the earlier one is answered). Answers how many days
 * were confirmed.
 */
export async function confirmEverythingAsHead(
  leadToken: string,
  schoolId: string,
  answer: AnswerLink = confirmThroughApi,
): Promise<number> {
  const email = await headEmailOf(leadToken, schoolId);
  const tried = new Set<string>();
  let confirmed = 0;
  for (let round = 0; round < 6; round += 1) {
    const queued = runConfirmationPass();
    let answered = 0;
    // The server's dispatcher writes the emails within a second or so; wait for this round's.
    for (let attempt = 0; attempt < (queued > 0 ? 20 : 1); attempt += 1) {
      for (const link of confirmationLinksTo(email).filter((found) => !tried.has(found))) {
        tried.add(link);
        const days = await answer(link);
        if (days === 0) continue;
        answered += 1;
        confirmed += days;
      }
      if (answered > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (queued === 0 && answered === 0) return confirmed;
  }
  return confirmed;
}
