import { Anchor, Card, EmptyState, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCohorts } from '../../api/cohorts';
import { useTrgMeetings } from '../../api/delivery';
import { useCurrentUser } from '../../auth/currentUser';
import { HUB_TEAM, ROLE_LABELS } from '../../auth/roles';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { formatDate, formatDateTime } from '../../lib/format';
import { TRG_KIND_LABELS } from '../../lib/labels';
import { ApplicationsByStatusPanel } from './ApplicationsByStatus';

/** The first and last day of the current month in London, as `YYYY-MM-DD`. */
export function londonMonth(now: Date): { first: string; last: string; label: string } {
  const [year = 0, month = 1] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit' })
    .format(now)
    .split('-')
    .map(Number);
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const pad = (value: number) => String(value).padStart(2, '0');
  return {
    first: `${year}-${pad(month)}-01`,
    last: `${year}-${pad(month)}-${pad(lastDay)}`,
    label: new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1))),
  };
}

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function OpenCohorts() {
  const cohorts = useCohorts({ is_open: true, limit: 10 });
  const items = cohorts.data?.items ?? [];
  return (
    <ListState
      isPending={cohorts.isPending}
      error={cohorts.error}
      isEmpty={items.length === 0}
      emptyTitle="No cohort is taking applications"
      onRetry={() => void cohorts.refetch()}
    >
      <Table aria-labelledby="open-cohorts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Cohort</Table.Th>
            <Table.Th scope="col">Closes</Table.Th>
            <Table.Th scope="col">Days left</Table.Th>
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
              <Table.Td>{formatDateTime(cohort.closes_at)}</Table.Td>
              <Table.Td>{cohort.days_to_close === 0 ? 'Closes today' : (cohort.days_to_close ?? '—')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ListState>
  );
}

function MeetingsThisMonth({ first, last }: { first: string; last: string }) {
  const meetings = useTrgMeetings({ held_from: first, held_to: last, limit: 10 });
  const items = meetings.data?.items ?? [];
  return (
    <ListState
      isPending={meetings.isPending}
      error={meetings.error}
      isEmpty={items.length === 0}
      emptyTitle="No TRG meetings recorded this month"
      onRetry={() => void meetings.refetch()}
    >
      <Stack gap="xs">
        <Table aria-labelledby="meetings-this-month">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Date</Table.Th>
              <Table.Th scope="col">Kind</Table.Th>
              <Table.Th scope="col">Led by</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((meeting) => (
              <Table.Tr key={meeting.id}>
                <Table.Td>{formatDate(meeting.held_on)}</Table.Td>
                <Table.Td>{TRG_KIND_LABELS[meeting.kind]}</Table.Td>
                <Table.Td>
                  {meeting.lead_specialist.first_name} {meeting.lead_specialist.last_name}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Anchor component={Link} to={`/trg-meetings?from=${first}&to=${last}`} size="sm">
          {meetings.data?.next_cursor ? 'See all of this month’s meetings' : 'Open in TRG meetings'}
        </Anchor>
      </Stack>
    </ListState>
  );
}

export function Component() {
  const me = useCurrentUser();
  const month = londonMonth(new Date());
  return (
    <Page title="Dashboard">
      <Text>
        Welcome, {me.name}
        {me.role ? ` (${ROLE_LABELS[me.role]}${me.hub ? `, ${me.hub.name}` : ', all hubs'})` : ''}.
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Panel id="open-cohorts" title="Cohorts taking applications">
          <OpenCohorts />
        </Panel>
        <Panel id="meetings-this-month" title={`TRG meetings in ${month.label}`}>
          <MeetingsThisMonth first={month.first} last={month.last} />
        </Panel>
        {me.role && HUB_TEAM.includes(me.role) ? (
          <Panel id="applications-by-status" title="Applications by status">
            <ApplicationsByStatusPanel />
          </Panel>
        ) : null}
        <Panel id="programme-figures" title="Release days">
          <EmptyState
            align="left"
            size="sm"
            title="Not available yet"
            description="Specialists' release days used against entitlement will appear here once the MasteryHub API offers them."
          />
        </Panel>
      </SimpleGrid>
    </Page>
  );
}
