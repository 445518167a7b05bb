import { Anchor, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useCalendarEvents } from '../api/calendar';
import { EVENT_KIND_LABELS, eventPath, eventTime } from '../lib/calendarEvents';
import { formatDate } from '../lib/format';
import { ListState } from './ListState';

const THIS_MONTH_LIMIT = 8;

/** This month's residentials, TRG meetings and work-group sessions, from the calendar's agenda. */
export function ThisMonth({ first, last, label, labelledBy }: { first: string; last: string; label: string; labelledBy: string }) {
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
        <Stack gap="xs" component="ul" aria-labelledby={labelledBy} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
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

