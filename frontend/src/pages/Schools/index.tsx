import { Anchor, Badge, Card, Group, Select, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { Link } from 'react-router';
import { useHubNames } from '../../api/hubs';
import { useSchools } from '../../api/schools';
import { useCurrentUser } from '../../auth/currentUser';
import { CursorPager } from '../../components/CursorPager';
import { ListState } from '../../components/ListState';
import { TableScroll } from '../../components/TableScroll';
import { Page } from '../../components/Page';
import { optional, useListParams } from '../../lib/searchParams';
import { useSeesEveryHub } from '../../auth/everyHub';
import { HubFilter } from '../../components/HubFilter';
import { HubAreaEditor } from '../admin/Hubs/HubAreaEditor';
import { SchoolImport } from './SchoolImport';

const PAGE_SIZE = 50;

// GIAS "PhaseOfEducation (code)" and "EstablishmentStatus (code)".
const PHASES = [
  ['0', 'Not applicable'],
  ['1', 'Nursery'],
  ['2', 'Primary'],
  ['3', 'Middle deemed primary'],
  ['4', 'Secondary'],
  ['5', 'Middle deemed secondary'],
  ['6', '16 plus'],
  ['7', 'All-through'],
].map(([value = '', label = '']) => ({ value, label }));
const STATUSES = [
  ['1', 'Open'],
  ['2', 'Closed'],
  ['3', 'Open, but proposed to close'],
  ['4', 'Proposed to open'],
].map(([value = '', label = '']) => ({ value, label }));

/** A hub lead sets their own hub's area here; national admins set any hub's on Admin → Hubs. */
function HubAreaPanel({ hubId }: { hubId: string }) {
  return (
    <Card withBorder component="section" aria-labelledby="hub-area">
      <Stack gap="sm">
        <Title order={2} size="h3" id="hub-area">
          Hub area
        </Title>
        <Text size="sm">The local authorities whose schools belong to your hub.</Text>
        <HubAreaEditor hubId={hubId} />
      </Stack>
    </Card>
  );
}

export function Component() {
  const me = useCurrentUser();
  const isNational = me.role === 'national_admin';
  const { values, cursor, setFilter, setCursor } = useListParams(['q', 'urn', 'phase', 'status', 'state_funded', 'mine', 'hub'] as const);
  const everyHub = useSeesEveryHub();
  const urn = /^\d{6}$/.test(values.urn) ? values.urn : undefined;
  const schools = useSchools({
    limit: PAGE_SIZE,
    cursor,
    q: optional(values.q),
    urn,
    phase: optional(values.phase),
    status: optional(values.status),
    state_funded: values.state_funded === 'yes' ? true : undefined,
    hub_id: values.mine === 'yes' && me.hub ? me.hub.id : everyHub ? optional(values.hub) : undefined,
  });
  const { nameOf } = useHubNames();
  const search = useDebouncedCallback((value: string) => setFilter('q', value.trim()), 300);
  const searchUrn = useDebouncedCallback((value: string) => setFilter('urn', value.trim()), 300);
  const items = schools.data?.items ?? [];
  return (
    <Page title="Schools">
      {isNational ? <SchoolImport /> : null}
      {me.role === 'hub_lead' && me.hub ? <HubAreaPanel hubId={me.hub.id} /> : null}
      <Group align="end" gap="sm" role="search" aria-label="Find schools">
        <TextInput label="Name" description="Part of the school's name" defaultValue={values.q} onChange={(event) => search(event.currentTarget.value)} w={{ base: '100%', xs: 240 }} />
        <TextInput
          label="URN"
          description="6 digits"
          inputMode="numeric"
          defaultValue={values.urn}
          error={values.urn && !urn ? 'A URN has 6 digits.' : undefined}
          onChange={(event) => searchUrn(event.currentTarget.value)}
          w={{ base: '100%', xs: 140 }}
        />
        <Select label="Phase" placeholder="Any phase" clearable data={PHASES} value={values.phase || null} onChange={(value) => setFilter('phase', value ?? '')} w={{ base: '100%', xs: 200 }} />
        <Select label="Status" placeholder="Any status" clearable data={STATUSES} value={values.status || null} onChange={(value) => setFilter('status', value ?? '')} w={{ base: '100%', xs: 220 }} />
        <HubFilter value={values.hub} onChange={(value) => setFilter('hub', value)} />
      </Group>
      <Group gap="lg">
        <Switch label="State-funded only" checked={values.state_funded === 'yes'} onChange={(event) => setFilter('state_funded', event.currentTarget.checked ? 'yes' : '')} />
        {me.hub ? (
          <Switch label={`In ${me.hub.name}'s area`} checked={values.mine === 'yes'} onChange={(event) => setFilter('mine', event.currentTarget.checked ? 'yes' : '')} />
        ) : null}
      </Group>
      <ListState
        isPending={schools.isPending}
        error={schools.error}
        isEmpty={items.length === 0}
        emptyTitle="No schools match"
        emptyDescription={isNational ? 'Change the filters, or import the GIAS extract above.' : 'Change the filters.'}
        onRetry={() => void schools.refetch()}
      >
        <TableScroll minWidth={820} label="Schools table">
          <Table striped aria-label="Schools" aria-busy={schools.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">URN</Table.Th>
                <Table.Th scope="col">School</Table.Th>
                <Table.Th scope="col">Phase</Table.Th>
                <Table.Th scope="col">Local authority</Table.Th>
                <Table.Th scope="col">Postcode</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Hub</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((school) => (
                <Table.Tr key={school.id}>
                  <Table.Td>{school.urn}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/schools/${school.id}`}>
                      {school.name}
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {school.type_name ?? ''}
                      {school.is_state_funded ? '' : school.type_name ? ', not state-funded' : 'Not state-funded'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{school.phase_name ?? '—'}</Table.Td>
                  <Table.Td>{school.la_name ?? '—'}</Table.Td>
                  <Table.Td>{school.postcode ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={school.is_open ? 'green' : 'gray'} tt="none">
                      {school.status_name ?? (school.is_open ? 'Open' : 'Closed')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{nameOf(school.hub_id) ?? 'No hub'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <CursorPager cursor={cursor} nextCursor={schools.data?.next_cursor} onChange={setCursor} shown={items.length} />
      </ListState>
    </Page>
  );
}
