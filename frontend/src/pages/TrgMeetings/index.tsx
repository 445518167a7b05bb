import '@mantine/dates/styles.css';
import { Anchor, Button, Card, Group, Select, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { DatePickerInput } from '@mantine/dates';
import { useTrgMeetings, type TrgMeetingKind } from '../../api/trgMeetings';
import { CursorPager } from '../../components/CursorPager';
import { useHubName, useSeesEveryHub } from '../../auth/everyHub';
import { HubFilter } from '../../components/HubFilter';
import { DATE_PICKER_DEFAULTS } from '../../components/datePickerDefaults';
import { ListState } from '../../components/ListState';
import { TableScroll } from '../../components/TableScroll';
import { Page } from '../../components/Page';
import { formatDate } from '../../lib/format';
import { formatClock, MODE_LABELS, options, TRG_KIND_LABELS } from '../../lib/labels';
import { optional, useListParams } from '../../lib/searchParams';
import { CalendarFeed } from './CalendarFeed';
import { describe } from './describe';

const PAGE_SIZE = 50;

export function Component() {
  const { values, cursor, setFilter, setCursor } = useListParams(['kind', 'from', 'to', 'hub'] as const);
  const everyHub = useSeesEveryHub();
  const hubName = useHubName();
  const meetings = useTrgMeetings({
    limit: PAGE_SIZE,
    cursor,
    kind: optional(values.kind) as TrgMeetingKind | undefined,
    held_from: optional(values.from),
    held_to: optional(values.to),
    hub_id: everyHub ? optional(values.hub) : undefined,
  });
  const items = meetings.data?.items ?? [];
  return (
    <Page
      title="TRG meetings"
      actions={
        // Every role may record one (the API's rule): hub staff for any specialist, a specialist their own.
        <Button component={Link} to="/trg-meetings/new">
          Record a TRG meeting
        </Button>
      }
    >
      <Text>Teacher Research Group meetings led by the hub&apos;s Mastery Specialists, with who attended.</Text>
      <Group align="end" gap="sm" role="search" aria-label="Filter TRG meetings">
        <Select
          label="Kind"
          placeholder="All kinds"
          clearable
          data={options(TRG_KIND_LABELS)}
          value={values.kind || null}
          onChange={(value) => setFilter('kind', value ?? '')}
          w={{ base: '100%', xs: 200 }}
        />
        <DatePickerInput
          label="From"
          description="Held on or after"
          clearable
          {...DATE_PICKER_DEFAULTS}
          value={values.from || null}
          maxDate={values.to || undefined}
          onChange={(value) => setFilter('from', value ?? '')}
          w={{ base: '100%', xs: 200 }}
        />
        <DatePickerInput
          label="To"
          description="Held on or before"
          clearable
          {...DATE_PICKER_DEFAULTS}
          value={values.to || null}
          minDate={values.from || undefined}
          onChange={(value) => setFilter('to', value ?? '')}
          w={{ base: '100%', xs: 200 }}
        />
        <HubFilter value={values.hub} onChange={(value) => setFilter('hub', value)} />
      </Group>
      <ListState
        isPending={meetings.isPending}
        error={meetings.error}
        isEmpty={items.length === 0}
        emptyTitle="No TRG meetings recorded"
        emptyDescription="Meetings appear here once specialists record them."
        onRetry={() => void meetings.refetch()}
      >
        <TableScroll minWidth={760} label="TRG meetings table">
          <Table striped aria-label="TRG meetings" aria-busy={meetings.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Date</Table.Th>
                {everyHub ? <Table.Th scope="col">Hub</Table.Th> : null}
                <Table.Th scope="col">Kind</Table.Th>
                <Table.Th scope="col">Led by</Table.Th>
                <Table.Th scope="col">Host school</Table.Th>
                <Table.Th scope="col">Focus</Table.Th>
                <Table.Th scope="col">Attended</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((meeting) => {
                const times = [formatClock(meeting.starts_at), formatClock(meeting.ends_at)].filter(Boolean).join('–');
                const attended = meeting.attendees.filter((attendee) => attendee.attended).length;
                return (
                  <Table.Tr key={meeting.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/trg-meetings/${meeting.id}`} aria-label={`${describe(meeting)}, led by ${meeting.lead_specialist.first_name} ${meeting.lead_specialist.last_name}`}>
                        {formatDate(meeting.held_on)}
                      </Anchor>
                      <Text size="xs" c="dimmed">
                        {[times, MODE_LABELS[meeting.mode]].filter(Boolean).join(', ')}
                      </Text>
                    </Table.Td>
                    {everyHub ? <Table.Td>{hubName(meeting.hub_id)}</Table.Td> : null}
                    <Table.Td>{TRG_KIND_LABELS[meeting.kind]}</Table.Td>
                    <Table.Td>
                      {meeting.lead_specialist.first_name} {meeting.lead_specialist.last_name}
                    </Table.Td>
                    <Table.Td>{meeting.school?.name ?? '—'}</Table.Td>
                    <Table.Td>
                      {meeting.focus ?? '—'}
                      {meeting.research_lesson ? (
                        <Text size="xs" c="dimmed">
                          Research lesson: {meeting.research_lesson.year_group}, {meeting.research_lesson.topic}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>
                      {attended} of {meeting.attendees.length}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <CursorPager cursor={cursor} nextCursor={meetings.data?.next_cursor} onChange={setCursor} shown={items.length} />
      </ListState>
      <Card withBorder component="section" aria-labelledby="calendar-feed">
        <Title order={2} size="h4" id="calendar-feed" mb="xs">
          Your calendar
        </Title>
        <CalendarFeed />
      </Card>
    </Page>
  );
}
