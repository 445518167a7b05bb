import { describe, expect, it, vi } from 'vitest';
import { ApiError, applyProblemToForm, isProblem, problemOf, toProblem, type Problem } from './problem';

function fakeForm(values: unknown) {
  const setErrors = vi.fn();
  return { form: { getValues: () => values, setErrors }, setErrors };
}

const validation: Problem = {
  type: 'https://masteryhub.test/problems/validation_failed',
  title: 'The request is not valid',
  status: 422,
  code: 'validation_failed',
  detail: '2 fields need attention.',
  errors: [
    { field: 'applicant.email', message: 'Enter a valid email address.' },
    { field: 'school_urn', message: 'A URN has 6 digits.' },
  ],
};

describe('isProblem', () => {
  it('recognises RFC 9457 bodies and rejects others', () => {
    expect(isProblem(validation)).toBe(true);
    expect(isProblem({ error: 'invalid_grant' })).toBe(false);
    expect(isProblem({ ...validation, errors: [{ field: 1 }] })).toBe(false);
    expect(isProblem('<html>')).toBe(false);
  });
});

describe('applyProblemToForm', () => {
  it('puts each field error beside its field, nested paths included', () => {
    const { form, setErrors } = fakeForm({ applicant: { email: '' }, school_urn: '' });
    const notify = vi.fn();
    const applied = applyProblemToForm(validation, form, { notify });
    expect(setErrors).toHaveBeenCalledWith({
      'applicant.email': 'Enter a valid email address.',
      school_urn: 'A URN has 6 digits.',
    });
    expect(applied.placed).toEqual(['applicant.email', 'school_urn']);
    expect(notify).not.toHaveBeenCalled();
  });

  it('maps API field names onto form names', () => {
    const { form, setErrors } = fakeForm({ email: '' });
    const problem: Problem = { ...validation, errors: [{ field: 'username', message: 'Required.' }] };
    applyProblemToForm(problem, form, { fieldMap: { username: 'email' }, notify: vi.fn() });
    expect(setErrors).toHaveBeenCalledWith({ email: 'Required.' });
  });

  it('sends errors for fields the form lacks to a notification, without losing them', () => {
    const { form, setErrors } = fakeForm({ school_urn: '' });
    const notify = vi.fn();
    const applied = applyProblemToForm(validation, form, { notify });
    expect(setErrors).toHaveBeenCalledWith({ school_urn: 'A URN has 6 digits.' });
    expect(applied.unplaced).toEqual([validation.errors?.[0]]);
    expect(notify).toHaveBeenCalledWith({
      title: 'The request is not valid',
      message: 'Enter a valid email address.',
      color: 'red',
    });
  });

  it('shows a problem without field errors as a notification with its detail', () => {
    const { form, setErrors } = fakeForm({ statement: '' });
    const notify = vi.fn();
    const closed: Problem = {
      type: 'https://masteryhub.test/problems/cohort_closed',
      title: 'The cohort is closed',
      status: 409,
      code: 'cohort_closed',
      detail: 'Applications closed on 15 June 2020 at 17:00.',
    };
    const applied = applyProblemToForm(closed, form, { notify });
    expect(setErrors).toHaveBeenCalledWith({});
    expect(applied.notified).toBe(true);
    expect(notify).toHaveBeenCalledWith({
      title: 'The cohort is closed',
      message: 'Applications closed on 15 June 2020 at 17:00.',
      color: 'red',
    });
  });
});

describe('toProblem and problemOf', () => {
  it('makes a readable problem from a body that is not one', () => {
    expect(toProblem(502, '<html>Bad gateway</html>')).toMatchObject({
      status: 502,
      title: 'Something went wrong on our side',
    });
    expect(toProblem(412, null).title).toBe('Someone else changed this');
    expect(toProblem(422, validation)).toBe(validation);
  });

  it('describes network failures and API errors', () => {
    expect(problemOf(new TypeError('Failed to fetch')).code).toBe('network_error');
    const error = new ApiError(validation);
    expect(problemOf(error)).toBe(validation);
    expect(error.status).toBe(422);
  });
});
