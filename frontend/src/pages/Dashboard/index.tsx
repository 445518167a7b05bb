import { Anchor, Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, Navigate } from 'react-router';
import { useCohorts } from '../../api/cohorts';
import { useCurrentUser } from '../../auth/currentUser';
import { HUB_TEAM, ROLE_LABELS } from '../../auth/roles';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { ThisMonth } from '../../components/ThisMonth';
import { academicYearOf, formatDateTime } from '../../lib/format';
import { londonMonth } from '../../lib/months';
import { useWorkQueue } from '../../api/applications';
import { ReleaseDaysPanel } from './ReleaseDaysUsed';
import { ApplicationsByStatusFromQueue, WorkQueuePanel } from './WorkQueue';

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

export function Component() {
  const me = useCurrentUser();
  const hubTeam = me.role !== null && HUB_TEAM.includes(me.role);
  // One request feeds the work queue and the by-status chart (the dashboard's request budget).
  const queue = useWorkQueue(hubTeam);
  // A specialist's home is their own programme.
  if (me.role === 'specialist') return <Navigate to="/my-programme" replace />;
  const month = londonMonth(new Date());
  return (
    <Page title="Dashboard">
      <Text>
        Welcome, {me.name}
        {me.role ? ` (${ROLE_LABELS[me.role]}${me.hub ? `, ${me.hub.name}` : ', all hubs'})` : ''}.
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {hubTeam ? (
          <Panel id="work-queue" title="Work queue">
            <WorkQueuePanel query={queue} />
          </Panel>
        ) : null}
        <Panel id="open-cohorts" title="Cohorts taking applications">
          <OpenCohorts />
        </Panel>
        <Panel id="this-month" title={`This month: ${month.label}`}>
          <ThisMonth {...month} labelledBy="this-month" />
        </Panel>
        {hubTeam ? (
          <Panel id="applications-by-status" title="Applications by status">
            <ApplicationsByStatusFromQueue query={queue} />
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
