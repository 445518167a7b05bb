import { Table } from '@mantine/core';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithMantine } from '../test/render';
import { SortableTh } from './SortableTh';

function header(sort: string, onSort = vi.fn()) {
  renderWithMantine(
    <Table>
      <Table.Thead>
        <Table.Tr>
          <SortableTh column="name" label="Applicant" sort={sort} defaultSort="submitted" onSort={onSort} />
          <SortableTh column="submitted" label="Submitted" sort={sort} defaultSort="submitted" onSort={onSort} />
        </Table.Tr>
      </Table.Thead>
    </Table>,
  );
  return onSort;
}

describe('SortableTh', () => {
  it('marks the default sort ascending when the URL names none, and offers the reverse', async () => {
    const onSort = header('');
    expect(screen.getByRole('columnheader', { name: /Submitted/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(screen.getByRole('columnheader', { name: /Applicant/ })).toHaveAttribute('aria-sort', 'none');
    await userEvent.click(screen.getByRole('button', { name: 'Submitted: sort descending' }));
    expect(onSort).toHaveBeenCalledWith('-submitted');
  });

  it('sorts a new column ascending, then descending; back to the default clears the parameter', async () => {
    const onSort = header('name');
    expect(screen.getByRole('columnheader', { name: /Applicant/ })).toHaveAttribute('aria-sort', 'ascending');
    await userEvent.click(screen.getByRole('button', { name: 'Applicant: sort descending' }));
    expect(onSort).toHaveBeenLastCalledWith('-name');
    await userEvent.click(screen.getByRole('button', { name: 'Submitted: sort ascending' }));
    expect(onSort).toHaveBeenLastCalledWith('');
  });
});
