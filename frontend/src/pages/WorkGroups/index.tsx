import { Anchor, Badge, Button, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { Link } from 'react-router';
import { useWorkGroups, type WorkGroupPhase, type WorkGroupStatus } from '../../api/workGroups';
import { CursorPager } from '../../components/CursorPager';
import { useHubName, useSeesEveryHub } from '../../auth/everyHub';
import { HubFilter } from '../../components/HubFilter';
import { ListState } from '../../components/ListState';
import { TableScroll } from '../../components/TableScroll';
import { Page } from '../../components/Page';
import { academicYearOf, formatAcademicYear } from '../../lib/format';
import { options, PHASE_LABELS, PROGRAMME_LABELS, WORK_GROUP_STATUS_LABELS } from '../../lib/labels';
import { optional, useListParams } from '../../lib/searchParams';

const PAGE_SIZE = 50;

function recentAcademicYears(now: Date): string[] {
  const current = Number(academicYearOf(now).slice(0, 4));
  return Array.from({ length: 8 }, (_, index) => formatAcademicYear(current + 1 - index));
}

export function Component() {
  const { values, cursor, setFilter, setCursor } = useListParams(['q', 'academic_year', 'phase', 'status', 'hub'] as const);
  const everyHub = useSeesEveryHub();
  const hubName = useHubName();
  const groups = useWorkGroups({
    limit: PAGE_SIZE,
    cursor,
    q: optional(values.q),
    academic_year: optional(values.academic_year),
    phase: optional(values.phase) as WorkGroupPhase | undefined,
    status: optional(values.status) as WorkGroupStatus | undefined,
    hub_id: everyHub ? optional(values.hub) : undefined,
  });
  const search = useDebouncedCallback((value: string) => setFilter('q', value.trim()), 300);
  const items = groups.data?.items ?? [];
  return (
    <Page
      title="Work groups"
      actions={
        // Every role records work groups (a specialist those they lead); the API checks which.
        <Button component={Link} to="/work-groups/new">
          New work group
        </Button>
      }
    >
      <Text>Work groups led by the hub&apos;s specialists from their second year: schools, participants and sessions.</Text>
      <Group align="end" gap="sm" role="search" aria-label="Filter work groups">
        <TextInput label="Search" description="Title or code" defaultValue={values.q} onChange={(event) => search(event.currentTarget.value)} w={{ base: '100%', xs: 220 }} />
        <Select
          label="Academic year"
          placeholder="Any year"
          clearable
          data={recentAcademicYears(new Date())}
          value={values.academic_year || null}
          onChange={(value) => setFilter('academic_year', value ?? '')}
          w={{ base: '100%', xs: 160 }}
        />
        <Select
          label="Phase"
          placeholder="Any phase"
          clearable
          data={options(PHASE_LABELS)}
          value={values.phase || null}
          onChange={(value) => setFilter('phase', value ?? '')}
          w={{ base: '100%', xs: 160 }}
        />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={options(WORK_GROUP_STATUS_LABELS)}
          value={values.status || null}
          onChange={(value) => setFilter('status', value ?? '')}
          w={{ base: '100%', xs: 160 }}
        />
        <HubFilter value={values.hub} onChange={(value) => setFilter('hub', value)} />
      </Group>
      <ListState
        isPending={groups.isPending}
        error={groups.error}
        isEmpty={items.length === 0}
        emptyTitle="No work groups recorded"
        emptyDescription="Work groups appear here once they are set up."
        onRetry={() => void groups.refetch()}
      >
        <TableScroll minWidth={760} label="Work groups table">
          <Table striped aria-label="Work groups" aria-busy={groups.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Work group</Table.Th>
                {everyHub ? <Table.Th scope="col">Hub</Table.Th> : null}
                <Table.Th scope="col">Phase</Table.Th>
                <Table.Th scope="col">Year</Table.Th>
                <Table.Th scope="col">Led by</Table.Th>
                <Table.Th scope="col">Schools</Table.Th>
                <Table.Th scope="col">Sessions</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((group) => (
                <Table.Tr key={group.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/work-groups/${group.id}`}>
                      {group.title}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {group.code}, {PROGRAMME_LABELS[group.programme]}
                    </Text>
                  </Table.Td>
                  {everyHub ? <Table.Td>{hubName(group.hub_id)}</Table.Td> : null}
                  <Table.Td>{PHASE_LABELS[group.phase]}</Table.Td>
                  <Table.Td>{group.academic_year}</Table.Td>
                  <Table.Td>{group.leads.map((lead) => `${lead.first_name} ${lead.last_name}`).join(', ') || '—'}</Table.Td>
                  <Table.Td>{group.schools.length}</Table.Td>
                  <Table.Td>{group.sessions.length}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={group.status === 'running' ? 'green' : group.status === 'cancelled' ? 'red' : 'gray'} tt="none">
                      {WORK_GROUP_STATUS_LABELS[group.status]}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <CursorPager cursor={cursor} nextCursor={groups.data?.next_cursor} onChange={setCursor} shown={items.length} />
      </ListState>
    </Page>
  );
}
