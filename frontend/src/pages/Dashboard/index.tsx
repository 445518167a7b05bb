import { Anchor, Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCohorts } from '../../api/cohorts';
import { useCalendarEvents } from '../../api/calendar';
import { useCurrentUser } from '../../auth/currentUser';
import { HUB_TEAM, ROLE_LABELS } from '../../auth/roles';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { EVENT_KIND_LABELS, eventPath, eventTime } from '../../lib/calendarEvents';
import { academicYearOf, formatDate, formatDateTime } from '../../lib/format';
import { londonMonth } from '../../lib/months';
import { ApplicationsByStatusPanel } from './ApplicationsByStatus';
import { ReleaseDaysPanel } from './ReleaseDaysUsed';

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

const THIS_MONTH_LIMIT = 8;

/** This month's residentials, TRG meetings and work-group sessions, from the calendar's agenda. */
function ThisMonth({ first, last, label }: { first: string; last: string; label: string }) {
  const events = useCalendarEvents(first, last);
  const items = events.data?.items ?? [];
  return (
    <ListState
      isPending={events.isPending}
      error={events.error}
      isEmpty={items.length === 0}
      emptyTitle={`Nothing in ${label}`}
      emptyDescription="Residentials, TRG meetings and work-group sessions appear here once they are planned."
      onRetry={() => void events.refetch()}
    >
      <Stack gap="xs">
        <Stack gap="xs" component="ul" aria-labelledby="this-month" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.slice(0, THIS_MONTH_LIMIT).map((event) => {
            const path = eventPath(event);
            return (
              <li key={event.id}>
                <Text size="xs" c="dimmed">
                  {formatDate(event.starts_on)}
                  {event.ends_on !== event.starts_on ? ` to ${formatDate(event.ends_on)}` : ''}, {eventTime(event)} ·{' '}
                  {EVENT_KIND_LABELS[event.kind]}
                </Text>
                {path ? (
                  <Anchor component={Link} to={path} size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {event.title}
                  </Anchor>
                ) : (
                  <Text size="sm">{event.title}</Text>
                )}
              </li>
            );
          })}
        </Stack>
        <Anchor component={Link} to="/calendar" size="sm">
          {items.length > THIS_MONTH_LIMIT ? `See all ${items.length} in the calendar` : 'Open the calendar'}
        </Anchor>
      </Stack>
    </ListState>
  );
}

export function Component() {
  const me = useCurrentUser();
  const month = londonMonth(new Date());
  const hubTeam = me.role !== null && HUB_TEAM.includes(me.role);
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
        <Panel id="this-month" title={`This month: ${month.label}`}>
          <ThisMonth {...month} />
        </Panel>
        {hubTeam ? (
          <Panel id="applications-by-status" title="Applications by status">
            <ApplicationsByStatusPanel />
          </Panel>
        ) : null}
        {hubTeam ? (
          <Panel id="release-days-used" title="Release days used vs entitlement">
            <ReleaseDaysPanel academicYear={academicYearOf(new Date())} />
          </Panel>
        ) : null}
      </SimpleGrid>
    </Page>
  );
}
