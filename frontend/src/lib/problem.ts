/**
 * RFC 9457 problem details, as every MasteryHub endpoint answers an error:
 * `{type, title, status, detail, code, errors: [{field, message}]}` with
 * `Content-Type: application/problem+json`.
 *
 * The rule the SPA follows: an error that names a field is shown beside that field; whatever
 * cannot be placed on the form (a `cohort_closed`, a 500, a field the form does not have) goes
 * into one notification, so nothing the API said is ever dropped.
 */
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string | null;
  instance?: string | null;
  errors?: FieldError[] | null;
}

export function isProblem(body: unknown): body is Problem {
  if (typeof body !== 'object' || body === null) return false;
  const candidate = body as Record<string, unknown>;
  return (
    typeof candidate.title === 'string' &&
    typeof candidate.status === 'number' &&
    typeof candidate.code === 'string' &&
    (candidate.errors === undefined ||
      candidate.errors === null ||
      (Array.isArray(candidate.errors) &&
        candidate.errors.every(
          (item: unknown) =>
            typeof item === 'object' &&
            item !== null &&
            typeof (item as FieldError).field === 'string' &&
            typeof (item as FieldError).message === 'string',
        )))
  );
}

const FALLBACK_TITLES: Record<number, string> = {
  400: 'The request was not accepted',
  401: 'You need to sign in again',
  403: 'You do not have permission to do that',
  404: 'Not found',
  409: 'That conflicts with the current state',
  412: 'Someone else changed this',
  413: 'That is too large to upload',
  422: 'Some of the details need correcting',
  429: 'Too many requests',
  503: 'The service is unavailable',
};

/**
 * The problem an error response carries, or one made up from its status when the body is not
 * problem details (a proxy's HTML 502, an empty body), so callers always have a title to show.
 */
export function toProblem(status: number, body: unknown): Problem {
  if (isProblem(body)) return body;
  return {
    type: 'about:blank',
    title:
      FALLBACK_TITLES[status] ??
      (status >= 500 ? 'Something went wrong on our side' : 'The request failed'),
    status,
    code: status >= 500 ? 'server_error' : 'http_error',
    detail: status >= 500 ? 'Please try again in a moment.' : null,
  };
}

/** Thrown by the query hooks so error states can render the problem's title and detail. */
export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

/** The problem behind anything a mutation or query threw (network failures included). */
export function problemOf(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return {
    type: 'about:blank',
    title: 'Could not reach MasteryHub',
    status: 0,
    code: 'network_error',
    detail: 'Check your connection and try again.',
  };
}

export interface ProblemNotification {
  title: string;
  message: ReactNode;
  color: 'red';
}

export type Notify = (notification: ProblemNotification) => void;

export const notifyWithMantine: Notify = (notification) => {
  notifications.show({ ...notification, autoClose: 10_000 });
};

/** Show a problem that has no form to go on (a failed delete, a failed load). */
export function notifyProblem(problem: Problem, notify: Notify = notifyWithMantine): void {
  notify({ title: problem.title, message: problem.detail ?? 'Please try again.', color: 'red' });
}

/** The slice of a Mantine `useForm` return value this module needs. */
export interface ProblemForm {
  getValues: () => unknown;
  setErrors: (errors: Record<string, ReactNode>) => void;
}

export interface ApplyProblemOptions {
  /** API field path → form path, for fields the form names differently (`username` → `email`). */
  fieldMap?: Record<string, string>;
  /** How to show what cannot be placed on a field; defaults to a Mantine notification. */
  notify?: Notify;
}

function hasPath(values: unknown, path: string): boolean {
  let node: unknown = values;
  for (const segment of path.split('.')) {
    if (typeof node !== 'object' || node === null || !(segment in node)) return false;
    node = (node as Record<string, unknown>)[segment];
  }
  return true;
}

export interface AppliedProblem {
  /** Form paths that received an error. */
  placed: string[];
  /** Field errors the form had no field for (they went into the notification). */
  unplaced: FieldError[];
  /** Whether a notification was shown. */
  notified: boolean;
}

/**
 * Put each field error beside its field (Mantine `setErrors`, dotted paths such as
 * `applicant.email` or `attendees.0.name`); put the rest in one notification. A problem without
 * field errors (e.g. `cohort_closed`) becomes a notification with its title and detail.
 */
export function applyProblemToForm(
  problem: Problem,
  form: ProblemForm,
  { fieldMap = {}, notify = notifyWithMantine }: ApplyProblemOptions = {},
): AppliedProblem {
  const values = form.getValues();
  const errors: Record<string, string> = {};
  const unplaced: FieldError[] = [];
  for (const error of problem.errors ?? []) {
    const path = fieldMap[error.field] ?? error.field;
    if (hasPath(values, path)) {
      // Several messages for one field are joined rather than the last one winning.
      errors[path] = errors[path] ? `${errors[path]} ${error.message}` : error.message;
    } else {
      unplaced.push(error);
    }
  }
  form.setErrors(errors);
  const placed = Object.keys(errors);

  const lines: string[] = [];
  if (placed.length === 0 && problem.detail) lines.push(problem.detail);
  // The message alone: a field's name (`school_id`) means nothing to the person reading it.
  for (const error of unplaced) lines.push(error.message);
  const notified = placed.length === 0 || unplaced.length > 0;
  if (notified) {
    notify({
      title: problem.title,
      message: lines.length > 0 ? lines.join('\n') : 'Please try again.',
      color: 'red',
    });
  }
  return { placed, unplaced, notified };
}
