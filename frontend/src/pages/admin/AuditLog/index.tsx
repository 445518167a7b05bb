import '@mantine/dates/styles.css';
import { Code, Group, Select, Table, Text, TextInput } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedCallback } from '@mantine/hooks';
import { useAuditEvents, type AuditEvent } from '../../../api/audit';
import { CursorPager } from '../../../components/CursorPager';
import { DATE_PICKER_DEFAULTS } from '../../../components/datePickerDefaults';
import { ListState } from '../../../components/ListState';
import { TableScroll } from '../../../components/TableScroll';
import { Page } from '../../../components/Page';
import { formatDateTime, nextDay, startOfLondonDay } from '../../../lib/format';
import { optional, useListParams } from '../../../lib/searchParams';

const PAGE_SIZE = 50;

/** The fields an event changed: keys whose value differs between before and after. */
export function changedFields(event: Pick<AuditEvent, 'before' | 'after'>): string[] {
  const before = event.before ?? {};
  const after = event.after ?? {};
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key])).sort();
}

function Changes({ event }: { event: AuditEvent }) {
  const fields = changedFields(event);
  if (fields.length === 0) return <Text size="sm">—</Text>;
  return (
    <details>
      <summary>
        <Text component="span" size="sm">
          {fields.join(', ')}
        </Text>
      </summary>
      <Table withRowBorders={false} fz="xs" mt={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Field</Table.Th>
            <Table.Th scope="col">Before</Table.Th>
            <Table.Th scope="col">After</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((field) => (
            <Table.Tr key={field}>
              <Table.Th scope="row">{field}</Table.Th>
              <Table.Td>
                <Code>{JSON.stringify(event.before?.[field] ?? null)}</Code>
              </Table.Td>
              <Table.Td>
                <Code>{JSON.stringify(event.after?.[field] ?? null)}</Code>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </details>
  );
}

export function Component() {
  const { values, cursor, setFilter, setCursor } = useListParams(['entity_type', 'action', 'from', 'to', 'order'] as const);
  // Newest first unless asked otherwise: what changed last is what people come here to see.
  const order = values.order === 'asc' ? 'asc' : 'desc';
  const events = useAuditEvents({
    limit: PAGE_SIZE,
    cursor,
    order,
    entity_type: optional(values.entity_type),
    action: optional(values.action),
    occurred_after: values.from ? startOfLondonDay(values.from) : undefined,
    occurred_before: values.to ? startOfLondonDay(nextDay(values.to)) : undefined,
  });
  const setEntityType = useDebouncedCallback((value: string) => setFilter('entity_type', value.trim()), 300);
  const setAction = useDebouncedCallback((value: string) => setFilter('action', value.trim()), 300);
  const items = events.data?.items ?? [];

  return (
    <Page title="Audit log">
      <Text>Every change to MasteryHub&apos;s records: who made it, when, and what it was before and after.</Text>
      <Group align="end" gap="sm" role="search" aria-label="Filter the audit log">
        <TextInput
          label="Record type"
          description="e.g. users, api_clients, hubs"
          defaultValue={values.entity_type}
          onChange={(event) => setEntityType(event.currentTarget.value)}
          w={{ base: '100%', xs: 200 }}
        />
        <TextInput
          label="Action"
          description="e.g. user.created"
          defaultValue={values.action}
          onChange={(event) => setAction(event.currentTarget.value)}
          w={{ base: '100%', xs: 200 }}
        />
        <DatePickerInput
          label="From"
          description="On or after"
          clearable
          {...DATE_PICKER_DEFAULTS}
          value={values.from || null}
          maxDate={values.to || undefined}
          onChange={(value) => setFilter('from', value ?? '')}
          w={{ base: '100%', xs: 200 }}
        />
        <DatePickerInput
          label="To"
          description="On or before"
          clearable
          {...DATE_PICKER_DEFAULTS}
          value={values.to || null}
          minDate={values.from || undefined}
          onChange={(value) => setFilter('to', value ?? '')}
          w={{ base: '100%', xs: 200 }}
        />
        <Select
          label="Order"
          allowDeselect={false}
          data={[
            { value: 'desc', label: 'Newest first' },
            { value: 'asc', label: 'Oldest first' },
          ]}
          value={order}
          onChange={(value) => setFilter('order', value === 'asc' ? 'asc' : '')}
          w={{ base: '100%', xs: 160 }}
        />
      </Group>
      <ListState
        isPending={events.isPending}
        error={events.error}
        isEmpty={items.length === 0}
        emptyTitle="No events match"
        emptyDescription="Change or clear the filters."
        onRetry={() => void events.refetch()}
      >
        <TableScroll minWidth={760} label="Audit events table">
          <Table striped aria-label="Audit events" aria-busy={events.isFetching} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">When</Table.Th>
                <Table.Th scope="col">Who</Table.Th>
                <Table.Th scope="col">Action</Table.Th>
                <Table.Th scope="col">Record</Table.Th>
                <Table.Th scope="col">Changes</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((event) => (
                <Table.Tr key={event.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.created_at)}</Table.Td>
                  <Table.Td>
                    {event.actor_label}
                    <Text size="xs" c="dimmed">
                      {event.actor_type}
                    </Text>
                  </Table.Td>
                  <Table.Td>{event.action}</Table.Td>
                  <Table.Td>
                    {event.entity_type}
                    {event.entity_id ? (
                      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                        {event.entity_id}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Changes event={event} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <CursorPager cursor={cursor} nextCursor={events.data?.next_cursor} onChange={setCursor} shown={items.length} />
      </ListState>
    </Page>
  );
}
