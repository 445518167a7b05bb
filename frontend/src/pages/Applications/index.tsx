import { Anchor, Badge, Button, Checkbox, Group, MultiSelect, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useApplications, type ApplicationSort } from '../../api/applications';
import { useCurrentUser } from '../../auth/currentUser';
import { HUB_TEAM } from '../../auth/roles';
import { useCohorts } from '../../api/cohorts';
import { CursorPager } from '../../components/CursorPager';
import { useSeesEveryHub } from '../../auth/everyHub';
import { HubFilter } from '../../components/HubFilter';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { TableScroll } from '../../components/TableScroll';
import { formatDate } from '../../lib/format';
import { APPLICATION_STATUS_COLOURS, APPLICATION_STATUS_LABELS, options } from '../../lib/labels';
import { optional, useListParams } from '../../lib/searchParams';
import { SortableTh } from '../../components/SortableTh';
import { BulkBar } from './BulkBar';
import { pageState, selectedFrom, toggle, toggleAll, type Selected } from './bulk';
import { listQuery, REVIEW_COUNT_OPTIONS, statusesFrom } from './filters';

const PAGE_SIZE = 50;
const EMPTY: ReadonlyMap<string, Selected> = new Map();

export function Component() {
  const { values, cursor, setFilter, setCursor } = useListParams([
    'status',
    'cohort',
    'school_urn',
    'q',
    'sort',
    'reference_overdue',
    'review_count',
    'hub',
  ] as const);
  const everyHub = useSeesEveryHub();
  const applications = useApplications({
    limit: PAGE_SIZE,
    cursor,
    ...listQuery(values),
    cohort_code: optional(values.cohort),
    school_urn: optional(values.school_urn),
    q: optional(values.q),
    hub_id: everyHub ? optional(values.hub) : undefined,
    sort: optional(values.sort) as ApplicationSort | undefined,
  });
  const cohorts = useCohorts({ limit: 100 });
  const me = useCurrentUser();
  const canEnter = me.role !== null && HUB_TEAM.includes(me.role);
  // The selection belongs to the filters it was made under: change them and it is dropped, so
  // an action never reaches rows no longer shown.
  const filterKey = JSON.stringify([values.status, values.cohort, values.school_urn, values.q, values.reference_overdue, values.review_count, values.hub]);
  const [chosen, setChosen] = useState<{ key: string; rows: ReadonlyMap<string, Selected> }>({ key: filterKey, rows: new Map() });
  const selection: ReadonlyMap<string, Selected> = chosen.key === filterKey ? chosen.rows : EMPTY;
  const setSelection = (change: (current: ReadonlyMap<string, Selected>) => ReadonlyMap<string, Selected>) =>
    setChosen({ key: filterKey, rows: change(selection) });
  const cohortProgramme = useMemo(
    () => new Map((cohorts.data?.items ?? []).map((cohort) => [cohort.id, cohort.programme.id])),
    [cohorts.data],
  );
  const search = useDebouncedCallback((value: string) => setFilter('q', value.trim()), 300);
  const searchUrn = useDebouncedCallback((value: string) => setFilter('school_urn', value.trim()), 300);
  const items = applications.data?.items ?? [];
  const sorting = { sort: values.sort, defaultSort: 'submitted', onSort: (sort: string) => setFilter('sort', sort) };
  const rows = items.map(selectedFrom);
  const all = pageState(selection, rows);

  return (
    <Page
      title="Applications"
      actions={
        canEnter ? (
          <Button component={Link} to="/applications/new">
            Enter an application
          </Button>
        ) : null
      }
    >
      <Group align="end" gap="sm" wrap="wrap" role="search" aria-label="Filter applications">
        <TextInput
          label="Search"
          description="Name, email or reference"
          defaultValue={values.q}
          onChange={(event) => search(event.currentTarget.value)}
          w={{ base: '100%', xs: 240 }}
        />
        <MultiSelect
          label="Status"
          placeholder={values.status ? undefined : 'Any status'}
          clearable
          data={options(APPLICATION_STATUS_LABELS)}
          value={statusesFrom(values.status)}
          onChange={(value) => setFilter('status', value.join(','))}
          w={{ base: '100%', xs: 260 }}
        />
        <Select
          label="Cohort"
          placeholder="Any cohort"
          clearable
          searchable
          data={(cohorts.data?.items ?? []).map((cohort) => ({ value: cohort.code, label: cohort.name }))}
          value={values.cohort || null}
          onChange={(value) => setFilter('cohort', value ?? '')}
          w={{ base: '100%', xs: 300 }}
        />
        <TextInput
          label="School URN"
          inputMode="numeric"
          defaultValue={values.school_urn}
          onChange={(event) => searchUrn(event.currentTarget.value)}
          w={{ base: '100%', xs: 140 }}
        />
        <Select
          label="Reviews"
          placeholder="Any number"
          clearable
          data={REVIEW_COUNT_OPTIONS}
          value={values.review_count || null}
          onChange={(value) => setFilter('review_count', value ?? '')}
          w={{ base: '100%', xs: 150 }}
        />
        <Checkbox
          label="Reference overdue"
          checked={values.reference_overdue === 'true'}
          onChange={(event) => setFilter('reference_overdue', event.currentTarget.checked ? 'true' : '')}
          mb={8}
        />
        <HubFilter value={values.hub} onChange={(value) => setFilter('hub', value)} />
      </Group>
      {selection.size > 0 ? (
        <BulkBar
          selection={selection}
          cohortProgramme={cohortProgramme}
          onDone={() => setSelection(() => EMPTY)}
          onClear={() => setSelection(() => EMPTY)}
        />
      ) : null}
      <ListState
        isPending={applications.isPending}
        error={applications.error}
        isEmpty={items.length === 0}
        emptyTitle="No applications match"
        emptyDescription="Change the filters, or wait for applications to arrive."
        onRetry={() => void applications.refetch()}
      >
        <TableScroll minWidth={900} label="Applications table">
          <Table striped highlightOnHover aria-label="Applications" aria-busy={applications.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col" w={40}>
                  <Checkbox
                    aria-label="Select every application on this page"
                    checked={all.checked}
                    indeterminate={all.indeterminate}
                    onChange={() => setSelection((current) => toggleAll(current, rows))}
                  />
                </Table.Th>
                <SortableTh column="reference" label="Reference" {...sorting} />
                <SortableTh column="name" label="Applicant" {...sorting} />
                {everyHub ? <Table.Th scope="col">Hub</Table.Th> : null}
                <Table.Th scope="col">School</Table.Th>
                <Table.Th scope="col">Cohort</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <SortableTh column="submitted" label="Submitted" {...sorting} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((application) => {
                const row = selectedFrom(application);
                return (
                <Table.Tr key={application.id}>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Select ${row.name} (${application.reference})`}
                      checked={selection.has(application.id)}
                      onChange={() => setSelection((current) => toggle(current, row))}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/applications/${application.id}`} style={{ whiteSpace: 'nowrap' }}>
                      {application.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {application.applicant.first_name} {application.applicant.last_name}
                  </Table.Td>
                  {everyHub ? <Table.Td>{application.hub.name}</Table.Td> : null}
                  <Table.Td>
                    {application.school?.name ?? (
                      <Text span size="sm" c="dimmed">
                        {application.school_urn ? `URN ${application.school_urn} (not matched)` : 'No school'}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{application.cohort.name}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap', minWidth: 150 }}>
                    <Badge variant="light" color={APPLICATION_STATUS_COLOURS[application.status]}>
                      {APPLICATION_STATUS_LABELS[application.status]}
                    </Badge>
                    {application.is_late ? (
                      <Badge variant="outline" color="orange" ml={4}>
                        Late
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{formatDate(application.submitted_at)}</Table.Td>
                </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <CursorPager cursor={cursor} nextCursor={applications.data?.next_cursor} onChange={setCursor} shown={items.length} />
      </ListState>
    </Page>
  );
}
