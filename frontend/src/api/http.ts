/**
 * What every request and every form shares: the Idempotency-Key a create sends, the If-Match a
 * change sends (and the ETag a read answers), the If-None-Match a first version put in place
 * sends, and where a failed submit's problem goes — a 412 to the page's "someone else changed
 * this" alert, anything else beside the form's fields.
 */
import { applyProblemToForm, ApiError, problemOf, toProblem, type ApplyProblemOptions, type Problem, type ProblemForm } from '../lib/problem';
/** A fresh key for one action; the API answers a retried request with the first answer. */
export function idempotencyKey(): string {
  return crypto.randomUUID();
}

/** The `Idempotency-Key` header; a form that may be sent twice passes its own key. */
export function idempotent(key: string = idempotencyKey()): { 'Idempotency-Key': string } {
  return { 'Idempotency-Key': key };
}

/** The `If-Match` header for the version the person opened; none (no guard) when it is unknown. */
export function ifMatch(etag: string | null | undefined): { 'If-Match'?: string } {
  return etag ? { 'If-Match': etag } : {};
}

/**
 * The `If-None-Match: *` header for a PUT that puts in place what the person saw was not there
 * yet (a first version): if someone else created it meanwhile, the API refuses it (412) rather
 * than overwrite theirs.
 */
export function ifAbsent(): { 'If-None-Match': '*' } {
  return { 'If-None-Match': '*' };
}

/** The version (ETag) a response was read at. */
export function etagOf(result: { response: Response }): string | null {
  return result.response.headers.get('ETag');
}

/** A row as a list shows it: lists carry no ETag, but every row carries the time it last changed. */
export interface Versioned {
  updated_at: string;
}

/**
 * The ETag of the version the person saw, for a row that came from a list (lists carry no
 * ETags): the resource is read with its ETag, and if it is still the version on screen (the same
 * `updated_at`, which changes with every write, and whatever else `same` compares) that ETag is
 * the one to send; if it changed since it was shown, a 412 problem — exactly what a stale
 * If-Match would have answered — and nothing is written.
 */
export async function etagOfVersionSeen<T extends Versioned>(
  read: () => Promise<{ data?: T; error?: unknown; response: Response }>,
  shown: T,
  same: (latest: T, shown: T) => boolean = () => true,
): Promise<string> {
  const result = await read();
  if (!result.response.ok || result.data === undefined) throw new ApiError(toProblem(result.response.status, result.error));
  const latest = result.data;
  const etag = etagOf(result);
  const unchanged = Date.parse(latest.updated_at) === Date.parse(shown.updated_at) && same(latest, shown);
  if (!etag || !unchanged) throw new ApiError(toProblem(412, null));
  return etag;
}

/** Where a failed action's problem goes, besides a 412. */
export type ProblemTarget =
  | ({ form: ProblemForm; adapt?: (problem: Problem) => Problem } & ApplyProblemOptions)
  | { onProblem: (problem: Problem) => void };

export type ProblemRoute = ProblemTarget & {
  /** Someone else changed this (412): show the stale alert. Without it a 412 goes where the rest goes. */
  onStale?: (() => void) | undefined;
};

/**
 * Route what an action threw: a 412 to `onStale` (the page's "someone else changed this"), any
 * other problem beside the form's fields (`applyProblemToForm`) or to `onProblem`. Answers the problem.
 */
export function routeProblem(error: unknown, route: ProblemRoute): Problem {
  const problem = problemOf(error);
  if (problem.status === 412 && route.onStale) {
    route.onStale();
  } else if ('form' in route) {
    const { form, adapt, onStale: _onStale, ...options } = route;
    applyProblemToForm(adapt ? adapt(problem) : problem, form, options);
  } else {
    route.onProblem(problem);
  }
  return problem;
}
