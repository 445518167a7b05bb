import { Anchor, Badge, Box, Button, Card, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { useCalendarEvents, type CalendarEvent } from '../../api/calendar';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { addMonths, daysOf, londonToday, monthBounds, monthLabel, monthOf, monthParam, monthWeeks, parseMonth, type Month } from '../../lib/months';
import { CalendarFeed } from '../TrgMeetings/CalendarFeed';
import { busyDays, EVENT_KIND_LABELS, eventPath, eventsByDay, eventTime, formatDayHeading } from '../../lib/calendarEvents';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

function EventLink({ event, compact = false }: { event: CalendarEvent; compact?: boolean }) {
  const path = eventPath(event);
  const title = path ? (
    <Anchor component={Link} to={path} size="sm" style={{ overflowWrap: 'anywhere' }}>
      {event.title}
    </Anchor>
  ) : (
    <Text size="sm" span>
      {event.title}
    </Text>
  );
  if (compact) {
    // In a grid cell the kind and time lead, so a glance finds the afternoon's meeting.
    return (
      <Stack gap={0}>
        <Text size="xs" c="dimmed">
          {eventTime(event)} · {EVENT_KIND_LABELS[event.kind]}
        </Text>
        {title}
      </Stack>
    );
  }
  return (
    <Stack gap={2}>
      <Group gap="xs" wrap="wrap">
        <Badge variant="light" size="sm">
          {EVENT_KIND_LABELS[event.kind]}
        </Badge>
        <Text size="sm">{eventTime(event)}</Text>
      </Group>
      {title}
      {event.location ? (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {event.location}
        </Text>
      ) : null}
    </Stack>
  );
}

/** Wide screens: the month as a table of weeks, each day listing its events. */
function MonthGrid({ month, byDay, today }: { month: Month; byDay: Map<string, CalendarEvent[]>; today: string }) {
  return (
    <Table withTableBorder withColumnBorders layout="fixed" aria-label={`${monthLabel(month)}, by week`}>
      <Table.Thead>
        <Table.Tr>
          {WEEKDAYS.map((weekday) => (
            <Table.Th key={weekday} scope="col">
              <abbr title={weekday} style={{ textDecoration: 'none' }}>
                {weekday.slice(0, 3)}
              </abbr>
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {monthWeeks(month).map((week) => (
          <Table.Tr key={week.find((day) => day !== null) ?? ''}>
            {week.map((day, index) => {
              if (day === null) return <Table.Td key={`blank-${index}`} bg="var(--mantine-color-gray-0)" />;
              const isToday = day === today;
              const events = byDay.get(day) ?? [];
              return (
                <Table.Td
                  key={day}
                  aria-current={isToday ? 'date' : undefined}
                  style={{ verticalAlign: 'top', height: 96, ...(isToday ? { boxShadow: 'inset 0 0 0 2px var(--mantine-color-indigo-6)' } : {}) }}
                >
                  <Stack gap={4}>
                    <Group gap={4} justify="space-between" wrap="nowrap">
                      <Text size="sm" fw={isToday ? 700 : 500} aria-hidden>
                        {Number(day.slice(8))}
                      </Text>
                      {isToday ? (
                        <Badge size="xs" color="indigo" aria-hidden>
                          Today
                        </Badge>
                      ) : null}
                    </Group>
                    <VisuallyHidden>
                      {formatDayHeading(day)}
                      {isToday ? ' (today)' : ''}
                      {events.length === 0 ? ': nothing on' : ''}
                    </VisuallyHidden>
                    {events.map((event) => (
                      <EventLink key={event.id} event={event} compact />
                    ))}
                  </Stack>
                </Table.Td>
              );
            })}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Narrow screens (and everyone's quick read): the days with something on, in order. */
function AgendaList({ byDay, today }: { byDay: Map<string, CalendarEvent[]>; today: string }) {
  return (
    <Stack gap="md" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label="Agenda">
      {busyDays(byDay).map(([day, events]) => (
        <Box component="li" key={day} aria-current={day === today ? 'date' : undefined}>
          <Title order={3} size="h5" mb={4}>
            {formatDayHeading(day)}
            {day === today ? (
              <Badge size="xs" color="indigo" ml="xs" style={{ verticalAlign: 'middle' }}>
                Today
              </Badge>
            ) : null}
          </Title>
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {events.map((event) => (
              <li key={event.id}>
                <EventLink event={event} />
              </li>
            ))}
          </Stack>
        </Box>
      ))}
    </Stack>
  );
}

export function Component() {
  const [params] = useSearchParams();
  const today = londonToday(new Date());
  const thisMonth = monthOf(today);
  const month = parseMonth(params.get('month')) ?? thisMonth;
  const { first, last } = monthBounds(month);
  const label = monthLabel(month);
  const events = useCalendarEvents(first, last);
  const byDay = eventsByDay(events.data?.items ?? [], daysOf(month));
  const linkTo = (target: Month) => `?month=${monthParam(target)}`;

  return (
    <Page title="Calendar">
      <Text>Residentials, TRG meetings and work-group sessions, by month. Dates and times are London&apos;s.</Text>
      <Card withBorder component="section" aria-labelledby="calendar-month">
        <Stack gap="md">
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Title order={2} id="calendar-month" aria-live="polite">
              {label}
            </Title>
            <Group gap="xs" component="nav" aria-label="Months">
              <Button component={Link} to={linkTo(addMonths(month, -1))} variant="default" size="xs">
                Previous month
              </Button>
              <Button component={Link} to={linkTo(thisMonth)} variant="default" size="xs">
                This month
              </Button>
              <Button component={Link} to={linkTo(addMonths(month, 1))} variant="default" size="xs">
                Next month
              </Button>
            </Group>
          </Group>
          <ListState
            isPending={events.isPending}
            error={events.error}
            isEmpty={(events.data?.items.length ?? 0) === 0}
            emptyTitle={`Nothing in ${label}`}
            emptyDescription="Residentials, TRG meetings and work-group sessions appear here once they are planned."
            onRetry={() => void events.refetch()}
          >
            <Box visibleFrom="md">
              <MonthGrid month={month} byDay={byDay} today={today} />
            </Box>
            <Box hiddenFrom="md">
              <AgendaList byDay={byDay} today={today} />
            </Box>
          </ListState>
        </Stack>
      </Card>
      <Card withBorder component="section" aria-labelledby="calendar-feed">
        <Stack gap="xs">
          <Title order={2} size="h3" id="calendar-feed">
            Your calendar
          </Title>
          <CalendarFeed />
        </Stack>
      </Card>
    </Page>
  );
}
