import { Table, UnstyledButton } from '@mantine/core';

/**
 * A column header that sorts the list on the API (`sort=name`, `sort=-name`): sorting one
 * page in the browser would be wrong, as the list is paged by cursor. The header carries
 * `aria-sort`, and its button says what pressing it does.
 */
export function SortableTh({
  column,
  sort,
  defaultSort,
  onSort,
  label,
}: {
  column: string;
  sort: string;
  defaultSort: string;
  onSort: (sort: string) => void;
  label: string;
}) {
  const current = sort || defaultSort;
  const direction = current === column ? 'ascending' : current === `-${column}` ? 'descending' : 'none';
  const next = direction === 'ascending' ? `-${column}` : column;
  const arrow = direction === 'ascending' ? ' ▲' : direction === 'descending' ? ' ▼' : '';
  return (
    <Table.Th scope="col" aria-sort={direction}>
      <UnstyledButton
        fw={700}
        fz="sm"
        onClick={() => onSort(next === defaultSort ? '' : next)}
        aria-label={`${label}: sort ${next.startsWith('-') ? 'descending' : 'ascending'}`}
      >
        {label}
        <span aria-hidden="true">{arrow}</span>
      </UnstyledButton>
    </Table.Th>
  );
}
