import { screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { ReleaseDayReport } from '../../api/reports';
import { renderWithMantine } from '../../test/render';
import { CHART_LIMIT, ReleaseDaysChart } from './ReleaseDaysUsed';

const MONEY = { paid_days: 0, claimed_pence: 0, approved_pence: 0, paid_pence: 0, owed_pence: 0 };

function report(count: number): ReleaseDayReport {
  const specialists = Array.from({ length: count }, (_, index) => ({
    ...MONEY,
    specialist_id: `s${index}`,
    first_name: 'Sam',
    last_name: `Specialist ${String(index).padStart(2, '0')}`,
    status: 'active' as const,
    cohort_code: 'primary-6',
    programme_year: 2,
    school_urn: null,
    school_name: null,
    claimed_days: index === 0 ? 4.5 : 0,
    approved_days: index === 0 ? 2 : 0,
    entitlement_days: 33,
    remaining_days: index === 0 ? 28.5 : 33,
  }));
  return {
    academic_year: '2026/27',
    currency: 'GBP',
    specialists,
    schools: [],
    totals: { ...MONEY, claimed_days: 4.5, approved_days: 2, entitlement_days: 33 * count, remaining_days: 33 * count - 4.5 },
  };
}

describe('release days used vs entitlement', () => {
  it('gives screen readers each specialist’s figures as a table and hides the drawing', () => {
    renderWithMantine(
      <MemoryRouter>
        <ReleaseDaysChart report={report(2)} captionId="total" />
      </MemoryRouter>,
    );
    const table = screen.getByRole('table', { name: 'Release days used against entitlement, 2026/27' });
    expect(within(table).getByRole('rowheader', { name: 'Sam Specialist 00' }).closest('tr')).toHaveTextContent(
      'Sam Specialist 004.5 days2 days33 days28.5 days',
    );
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByTestId('release-days-chart')).toHaveAttribute('aria-hidden', 'true');
    expect(screen.getByRole('link', { name: 'Open specialists' })).toHaveAttribute('href', '/specialists');
  });

  it('shows the first specialists by name and links to the rest', () => {
    renderWithMantine(
      <MemoryRouter>
        <ReleaseDaysChart report={report(CHART_LIMIT + 5)} captionId="total" />
      </MemoryRouter>,
    );
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(1 + CHART_LIMIT);
    expect(screen.getByText(/the first 20 by name are shown/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: `See all ${CHART_LIMIT + 5} specialists` })).toHaveAttribute('href', '/specialists');
  });
});
