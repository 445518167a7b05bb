import { Anchor, Badge, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { Link } from 'react-router';
import { useApplications, type ApplicationSort, type ApplicationStatus } from '../../api/applications';
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

const PAGE_SIZE = 50;

export function Component() {
  const { values, cursor, setFilter, setCursor } = useListParams(['status', 'cohort', 'school_urn', 'q', 'sort', 'hub'] as const);
  const everyHub = useSeesEveryHub();
  const applications = useApplications({
    limit: PAGE_SIZE,
    cursor,
    status: values.status ? [values.status as ApplicationStatus] : undefined,
    cohort_code: optional(values.cohort),
    school_urn: optional(values.school_urn),
    q: optional(values.q),
    hub_id: everyHub ? optional(values.hub) : undefined,
    sort: optional(values.sort) as ApplicationSort | undefined,
  });
  const cohorts = useCohorts({ limit: 100 });
  const search = useDebouncedCallback((value: string) => setFilter('q', value.trim()), 300);
  const searchUrn = useDebouncedCallback((value: string) => setFilter('school_urn', value.trim()), 300);
  const items = applications.data?.items ?? [];
  const sorting = { sort: values.sort, defaultSort: 'submitted', onSort: (sort: string) => setFilter('sort', sort) };

  return (
    <Page title="Applications">
      <Group align="end" gap="sm" wrap="wrap" role="search" aria-label="Filter applications">
        <TextInput
          label="Search"
          description="Name, email or reference"
          defaultValue={values.q}
          onChange={(event) => search(event.currentTarget.value)}
          w={{ base: '100%', xs: 240 }}
        />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={options(APPLICATION_STATUS_LABELS)}
          value={values.status || null}
          onChange={(value) => setFilter('status', value ?? '')}
          w={{ base: '100%', xs: 200 }}
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
        <HubFilter value={values.hub} onChange={(value) => setFilter('hub', value)} />
      </Group>
      <ListState
        isPending={applications.isPending}
        error={applications.error}
        isEmpty={items.length === 0}
        emptyTitle="No applications match"
        emptyDescription="Change the filters, or wait for applications to arrive."
        onRetry={() => void applications.refetch()}
      >
        <TableScroll minWidth={820} label="Applications table">
          <Table striped highlightOnHover aria-label="Applications" aria-busy={applications.isFetching}>
            <Table.Thead>
              <Table.Tr>
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
              {items.map((application) => (
                <Table.Tr key={application.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/applications/${application.id}`}>
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
                  <Table.Td>
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
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <CursorPager cursor={cursor} nextCursor={applications.data?.next_cursor} onChange={setCursor} shown={items.length} />
      </ListState>
    </Page>
  );
}
