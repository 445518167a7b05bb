import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { WorkQueue } from '../../api/applications';
import { renderWithApp } from '../../test/render';
import { WorkQueueCounts } from './WorkQueue';
import { byStatusReport } from './workQueue';

const QUEUE: WorkQueue = {
  references_overdue: 1,
  awaiting_review: {
    count: 5,
    by_review_count: [
      { reviews: 0, count: 3 },
      { reviews: 2, count: 2 },
    ],
  },
  decisions_waiting: 2,
  claims_awaiting_approval: 0,
  proposals_waiting: 4,
  disputes_open: 2,
  schools_without_head_email: 1,
  by_status: { complete: 5, interview: 1, reserve: 1 },
};

describe('the work queue', () => {
  it('links each count to the list filtered to it', () => {
    renderWithApp(<WorkQueueCounts queue={QUEUE} />);
    expect(screen.getByRole('link', { name: /1\s*References overdue/ })).toHaveAttribute(
      'href',
      '/applications?status=awaiting_reference&reference_overdue=true',
    );
    expect(screen.getByRole('link', { name: /5\s*Awaiting review/ })).toHaveAttribute('href', '/applications?status=complete');
    expect(screen.getByRole('link', { name: /2\s*Decisions waiting/ })).toHaveAttribute('href', '/applications?status=interview,reserve');
    expect(screen.getByRole('link', { name: /0\s*Claims awaiting approval/ })).toHaveAttribute('href', '/reports/release-days?status=claimed');
    expect(screen.getByRole('link', { name: /4\s*Proposed claims/ })).toHaveAttribute('href', '/release-day-proposals');
    expect(screen.getByRole('link', { name: /2\s*Disputed release days/ })).toHaveAttribute('href', '/release-confirmations?disputed=true');
    expect(screen.getByRole('link', { name: /1\s*No headteacher email on record/ })).toHaveAttribute('href', '/release-confirmations#no-head-email');
    expect(screen.getByRole('link', { name: '3 with no reviews yet' })).toHaveAttribute('href', '/applications?status=complete&review_count=0');
    expect(screen.getByRole('link', { name: '2 with 2 reviews' })).toHaveAttribute('href', '/applications?status=complete&review_count=2');
  });

  it('gives the by-status chart every status, zero when none', () => {
    const report = byStatusReport(QUEUE);
    expect(report.total).toBe(7);
    expect(report.statuses).toHaveLength(9);
    expect(report.statuses.find((line) => line.status === 'withdrawn')).toEqual({ status: 'withdrawn', count: 0 });
  });
});
