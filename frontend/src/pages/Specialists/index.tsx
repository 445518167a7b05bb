import { Anchor, Badge, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { useCohorts } from '../../api/cohorts';
import { downloadReleaseDayReport } from '../../api/reports';
import { useSpecialists, type SpecialistSort, type SpecialistStatus } from '../../api/specialists';
import { useHubName, useSeesEveryHub } from '../../auth/everyHub';
import { HubFilter } from '../../components/HubFilter';
import { EARLY_WARNING_CHOICES, EARLY_WARNING_COLOURS, EARLY_WARNING_LABELS, earlyWarningStatuses } from './earlyWarnings';
import { CursorPager } from '../../components/CursorPager';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { TableScroll } from '../../components/TableScroll';
import { academicYearOf, formatDate } from '../../lib/format';
import { SPECIALIST_STATUS_LABELS, options } from '../../lib/labels';
import { notifyProblem, problemOf } from '../../lib/problem';
import { optional, useListParams } from '../../lib/searchParams';
import { yearChoices } from './years';
import { SortableTh } from '../../components/SortableTh';

const PAGE_SIZE = 50;

export function Component() {
  const { values, cursor, setFilter, setCursor } = useListParams(['q', 'status', 'cohort', 'sort', 'hub', 'warning', 'year'] as const);
  const everyHub = useSeesEveryHub();
  const hubName = useHubName();
  const year = values.year || academicYearOf(new Date());
  const specialists = useSpecialists({
    limit: PAGE_SIZE,
    cursor,
    q: optional(values.q),
    status: optional(values.status) as SpecialistStatus | undefined,
    cohort_code: optional(values.cohort),
    sort: optional(values.sort) as SpecialistSort | undefined,
    academic_year: year,
    hub_id: everyHub ? optional(values.hub) : undefined,
    early_warning: earlyWarningStatuses(values.warning),
  });
  const cohorts = useCohorts({ limit: 100 });
  const search = useDebouncedCallback((value: string) => setFilter('q', value.trim()), 300);
  const [reportYear, setReportYear] = useState(academicYearOf(new Date()));
  const [downloading, setDownloading] = useState(false);
  const items = specialists.data?.items ?? [];
  const sorting = { sort: values.sort, defaultSort: 'name', onSort: (sort: string) => setFilter('sort', sort) };

  async function download() {
    setDownloading(true);
    try {
      await downloadReleaseDayReport(reportYear);
    } catch (error) {
      notifyProblem(problemOf(error));
    } finally {
      setDownloading(false);
    }
  }

  return (
    <Page
      title="Specialists"
      actions={
        <Group gap="xs" align="end" role="group" aria-label="Release-day report">
          <Select
            label="Report year"
            data={yearChoices()}
            value={reportYear}
            onChange={(value) => setReportYear(value ?? reportYear)}
            allowDeselect={false}
            w={120}
          />
          <Button variant="default" loading={downloading} onClick={() => void download()}>
            Download release-day report (CSV)
          </Button>
        </Group>
      }
    >
      <Group align="end" gap="sm" wrap="wrap" role="search" aria-label="Filter specialists">
        <TextInput
          label="Search"
          description="Name or email address"
          defaultValue={values.q}
          onChange={(event) => search(event.currentTarget.value)}
          w={{ base: '100%', xs: 240 }}
        />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={options(SPECIALIST_STATUS_LABELS)}
          value={values.status || null}
          onChange={(value) => setFilter('status', value ?? '')}
          w={{ base: '100%', xs: 180 }}
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
        <HubFilter value={values.hub} onChange={(value) => setFilter('hub', value)} />
        <Select
          label="Early warning"
          placeholder="Any"
          clearable
          data={EARLY_WARNING_CHOICES}
          value={values.warning || null}
          onChange={(value) => setFilter('warning', value ?? '')}
          w={{ base: '100%', xs: 200 }}
        />
        <Select
          label="Year"
          data={yearChoices(year)}
          value={year}
          onChange={(value) => setFilter('year', value ?? '')}
          allowDeselect={false}
          w={{ base: '100%', xs: 120 }}
        />
      </Group>
      <ListState
        isPending={specialists.isPending}
        error={specialists.error}
        isEmpty={items.length === 0}
        emptyTitle="No specialists match"
        emptyDescription="Specialists appear here when an applicant is appointed."
        onRetry={() => void specialists.refetch()}
      >
        <TableScroll minWidth={everyHub ? 1100 : 940} label="Specialists table">
          <Table striped highlightOnHover aria-label="Specialists" aria-busy={specialists.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <SortableTh column="name" label="Name" {...sorting} />
                {everyHub ? <Table.Th scope="col">Hub</Table.Th> : null}
                <Table.Th scope="col">School</Table.Th>
                <Table.Th scope="col">Cohort</Table.Th>
                <Table.Th scope="col">Programme year</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Early warning ({year})</Table.Th>
                <SortableTh column="appointed" label="Appointed" {...sorting} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((specialist) => (
                <Table.Tr key={specialist.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/specialists/${specialist.id}`}>
                      {specialist.first_name} {specialist.last_name}
                    </Anchor>
                  </Table.Td>
                  {everyHub ? <Table.Td>{hubName(specialist.hub_id)}</Table.Td> : null}
                  <Table.Td>{specialist.school?.name ?? '—'}</Table.Td>
                  <Table.Td>{specialist.cohort.name}</Table.Td>
                  <Table.Td>{specialist.programme_year ?? 'Not started'}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={specialist.status === 'active' ? 'green' : 'gray'}>
                      {SPECIALIST_STATUS_LABELS[specialist.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {specialist.early_warning ? (
                      <>
                        <Badge variant="light" color={EARLY_WARNING_COLOURS[specialist.early_warning.status]}>
                          {EARLY_WARNING_LABELS[specialist.early_warning.status]}
                        </Badge>
                        {specialist.early_warning.reasons.length > 0 ? (
                          <Text size="xs" c="dimmed">
                            {specialist.early_warning.reasons.join(' ')}
                          </Text>
                        ) : null}
                      </>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>{formatDate(specialist.appointed_on)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <CursorPager cursor={cursor} nextCursor={specialists.data?.next_cursor} onChange={setCursor} shown={items.length} />
      </ListState>
    </Page>
  );
}
