import { describe, expect, it } from 'vitest';
import { ApiError, toProblem } from '../../lib/problem';
import { isRefusal, pageState, refusalLines, sharedReasons, successMessage, toggle, toggleAll, type Selected } from './bulk';

const row = (id: string, status: Selected['status'] = 'complete', cohortId = 'c1'): Selected => ({
  id,
  reference: `PMS6-00000${id}`,
  name: `Person ${id}`,
  status,
  cohortId,
});

describe('the selection', () => {
  it('selects every row of the page, then none, and says when only some are chosen', () => {
    const first = row('1');
    const rows = [first, row('2'), row('3')];
    let selection = toggle(new Map(), first);
    expect(pageState(selection, rows)).toEqual({ checked: false, indeterminate: true });
    selection = toggleAll(selection, rows);
    expect([...selection.keys()]).toEqual(['1', '2', '3']);
    expect(pageState(selection, rows)).toEqual({ checked: true, indeterminate: false });
    selection = toggleAll(selection, rows);
    expect(selection.size).toBe(0);
    expect(pageState(selection, [])).toEqual({ checked: false, indeterminate: false });
  });

  it('keeps rows chosen on another page when the page is selected and cleared', () => {
    const other = row('9');
    const selection = toggleAll(toggleAll(new Map([[other.id, other]]), [row('1')]), [row('1')]);
    expect([...selection.keys()]).toEqual(['9']);
  });
});

describe('what the notification says', () => {
  const item = (changed: boolean) => ({ id: 'x', reference: 'R', status: 'shortlisted' as const, changed });
  it('counts the applications moved', () => {
    expect(successMessage('shortlisted', { items: [item(true), item(true), item(true)] })).toBe('3 applications shortlisted.');
    expect(successMessage('interview', { items: [item(true)] })).toBe('1 application moved to interview.');
  });
  it('says when some already had the status (a repeated request changes nothing)', () => {
    expect(successMessage('shortlisted', { items: [item(true), item(false)] })).toBe('1 application shortlisted; 1 already was.');
    expect(successMessage('shortlisted', { items: [item(false), item(false)] })).toBe(
      'Nothing changed: the 2 applications already were shortlisted.',
    );
  });
});

describe('a refusal in words', () => {
  const refusal = toProblem(409, {
    type: 'about:blank',
    title: 'Some applications cannot move',
    status: 409,
    code: 'bulk_transition_failed',
    detail: '1 of 3 applications cannot be shortlisted, so nothing was changed.',
    rows: [{ application_id: '2', reference: 'PMS6-000002', code: 'invalid_transition', detail: 'PMS6-000002 is appointed…' }],
  });

  it('names the application that blocked it, the applicant and why, from what the table showed', () => {
    const selection = new Map([row('1'), row('2', 'appointed')].map((r) => [r.id, r]));
    expect(isRefusal(refusal)).toBe(true);
    expect(refusalLines(refusal, 'shortlisted', selection)).toEqual([
      'PMS6-000002 (Person 2) has been appointed, so it cannot be shortlisted.',
    ]);
  });

  it('falls back to the API’s words for a row it does not know, and to the detail without rows', () => {
    expect(refusalLines(refusal, 'shortlisted', new Map())).toEqual(['PMS6-000002: PMS6-000002 is appointed…']);
    const other = new ApiError(toProblem(403, { type: 'x', title: 'Not allowed', status: 403, code: 'forbidden', detail: 'Only a hub lead can.' }));
    expect(isRefusal(other.problem)).toBe(false);
    expect(refusalLines(other.problem, 'not_appointed', new Map())).toEqual(['Only a hub lead can.']);
  });
});

describe('the coded reasons offered', () => {
  const programmes = [
    { id: 'p', outcome_reasons: [{ code: 'qts', label: 'QTS not met' }, { code: 'full', label: 'Places filled' }] },
    { id: 's', outcome_reasons: [{ code: 'full', label: 'Places filled' }, { code: 'fit', label: 'Strategic fit' }] },
  ];
  const cohorts = new Map([
    ['c1', 'p'],
    ['c2', 's'],
  ]);
  it('are the programme’s own when every application is in one programme', () => {
    const selection = new Map([[ '1', row('1') ]]);
    expect(sharedReasons(selection, cohorts, programmes).map((r) => r.value)).toEqual(['qts', 'full']);
  });
  it('are those the programmes share when the selection spans two', () => {
    const selection = new Map([row('1'), row('2', 'complete', 'c2')].map((r) => [r.id, r]));
    expect(sharedReasons(selection, cohorts, programmes)).toEqual([{ value: 'full', label: 'Places filled' }]);
  });
  it('are none while a cohort’s programme is unknown', () => {
    expect(sharedReasons(new Map([['1', row('1', 'complete', 'c9')]]), cohorts, programmes)).toEqual([]);
  });
});
