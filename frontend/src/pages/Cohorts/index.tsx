import { Anchor, Button, Group, Select, Switch, Table, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { Link } from 'react-router';
import { useCohorts } from '../../api/cohorts';
import { type ProgrammeCode } from '../../api/programmes';
import { useCurrentUser } from '../../auth/currentUser';
import { CursorPager } from '../../components/CursorPager';
import { ListState } from '../../components/ListState';
import { TableScroll } from '../../components/TableScroll';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../lib/format';
import { PROGRAMME_LABELS, options } from '../../lib/labels';
import { optional, useListParams } from '../../lib/searchParams';
import { CohortWindowBadge } from './CohortWindowBadge';

const PAGE_SIZE = 50;

export function Component() {
  const me = useCurrentUser();
  const { values, cursor, setFilter, setCursor } = useListParams(['q', 'programme', 'open'] as const);
  const cohorts = useCohorts({
    limit: PAGE_SIZE,
    cursor,
    q: optional(values.q),
    programme: optional(values.programme) as ProgrammeCode | undefined,
    is_open: values.open === 'yes' ? true : undefined,
  });
  const search = useDebouncedCallback((value: string) => setFilter('q', value.trim()), 300);
  const items = cohorts.data?.items ?? [];
  return (
    <Page
      title="Cohorts"
      actions={
        me.role === 'national_admin' ? (
          <Button component={Link} to="/cohorts/new">
            New cohort
          </Button>
        ) : undefined
      }
    >
      <Group align="end" gap="sm" role="search" aria-label="Filter cohorts">
        <TextInput label="Search" description="Name or code" defaultValue={values.q} onChange={(event) => search(event.currentTarget.value)} w={{ base: '100%', xs: 260 }} />
        <Select
          label="Programme"
          placeholder="Primary and secondary"
          clearable
          data={options(PROGRAMME_LABELS)}
          value={values.programme || null}
          onChange={(value) => setFilter('programme', value ?? '')}
          w={{ base: '100%', xs: 220 }}
        />
        <Switch label="Open for applications now" checked={values.open === 'yes'} onChange={(event) => setFilter('open', event.currentTarget.checked ? 'yes' : '')} mb={8} />
      </Group>
      <ListState
        isPending={cohorts.isPending}
        error={cohorts.error}
        isEmpty={items.length === 0}
        emptyTitle="No cohorts match"
        emptyDescription="Change or clear the filters."
        onRetry={() => void cohorts.refetch()}
      >
        <TableScroll minWidth={720} label="Cohorts table">
          <Table striped aria-label="Cohorts" aria-busy={cohorts.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Cohort</Table.Th>
                <Table.Th scope="col">Programme</Table.Th>
                <Table.Th scope="col">Development year</Table.Th>
                <Table.Th scope="col">Applications close</Table.Th>
                <Table.Th scope="col">Window</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((cohort) => (
                <Table.Tr key={cohort.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/cohorts/${cohort.id}`}>
                      {cohort.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{PROGRAMME_LABELS[cohort.programme.code]}</Table.Td>
                  <Table.Td>{cohort.development_year}</Table.Td>
                  <Table.Td>{formatDateTime(cohort.closes_at)}</Table.Td>
                  <Table.Td>
                    <CohortWindowBadge cohort={cohort} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <CursorPager cursor={cursor} nextCursor={cohorts.data?.next_cursor} onChange={setCursor} shown={items.length} />
      </ListState>
    </Page>
  );
}
