import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ApplicationsByStatus } from '../../api/applications';
import { renderWithMantine } from '../../test/render';
import { ApplicationsByStatusChart } from './ApplicationsByStatus';

const REPORT: ApplicationsByStatus = {
  cohort_code: null,
  total: 5,
  statuses: [
    { status: 'submitted', count: 2 },
    { status: 'awaiting_reference', count: 0 },
    { status: 'complete', count: 1 },
    { status: 'shortlisted', count: 2 },
    { status: 'interview', count: 0 },
    { status: 'appointed', count: 0 },
    { status: 'not_appointed', count: 0 },
    { status: 'withdrawn', count: 0 },
  ],
};

describe('applications by status', () => {
  it('gives screen readers the figures as a table and hides the drawing', () => {
    renderWithMantine(<ApplicationsByStatusChart report={REPORT} captionId="total" />);
    const table = screen.getByRole('table', { name: 'Applications by status' });
    expect(within(table).getByRole('rowheader', { name: 'Shortlisted' }).closest('tr')).toHaveTextContent('Shortlisted2');
    expect(within(table).getAllByRole('row')).toHaveLength(1 + REPORT.statuses.length);
    expect(screen.getByTestId('applications-by-status-chart')).toHaveAttribute('aria-hidden', 'true');
  });
});
