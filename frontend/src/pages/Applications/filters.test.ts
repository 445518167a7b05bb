import { describe, expect, it } from 'vitest';
import { listQuery, statusesFrom } from './filters';

describe('the list’s filters from the query string', () => {
  it('takes several statuses, dropping words that are not statuses', () => {
    expect(statusesFrom('interview,reserve')).toEqual(['interview', 'reserve']);
    expect(statusesFrom('complete,bogus')).toEqual(['complete']);
    expect(statusesFrom('')).toEqual([]);
  });

  it('sends the work queue’s filters to the API, and leaves out what is not set', () => {
    expect(listQuery({ status: 'awaiting_reference', reference_overdue: 'true', review_count: '' })).toEqual({
      status: ['awaiting_reference'],
      reference_overdue: true,
      review_count: undefined,
    });
    expect(listQuery({ status: 'complete', reference_overdue: '', review_count: '0' })).toMatchObject({ review_count: 0 });
    expect(listQuery({ status: '', reference_overdue: 'yes', review_count: 'two' })).toEqual({
      status: undefined,
      reference_overdue: undefined,
      review_count: undefined,
    });
  });
});
