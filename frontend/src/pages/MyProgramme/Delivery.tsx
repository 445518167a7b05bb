import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useTrgMeetings } from '../../api/trgMeetings';
import { useWorkGroups } from '../../api/workGroups';
import { ListState } from '../../components/ListState';
import { formatDate, parseAcademicYear } from '../../lib/format';
import { PHASE_LABELS, TRG_KIND_LABELS, WORK_GROUP_STATUS_LABELS } from '../../lib/labels';

const SHOWN = 10;
const LIST = { listStyle: 'none', padding: 0, margin: 0 } as const;

/** 1 September to 31 August of `2026/27`. */
function yearBounds(academicYear: string): { from: string; to: string } {
  const start = parseAcademicYear(academicYear);
  return { from: `${String(start)}-09-01`, to: `${String(start + 1)}-08-31` };
}

/** The TRG meetings the specialist led in the year, newest first, and where to record another. */
export function MyTrgMeetings({ specialistId, academicYear }: { specialistId: string; academicYear: string }) {
  const { from, to } = yearBounds(academicYear);
  const meetings = useTrgMeetings({ specialist_id: specialistId, held_from: from, held_to: to, limit: SHOWN });
  const items = meetings.data?.items ?? [];
  return (
    <Stack gap="sm">
      <Group>
        <Button component={Link} to="/trg-meetings/new" size="sm">
          Record a meeting
        </Button>
      </Group>
      <ListState
        isPending={meetings.isPending}
        error={meetings.error}
        isEmpty={items.length === 0}
        emptyTitle={`No TRG meetings recorded for ${academicYear}`}
        emptyDescription="Record each meeting you lead: a claim for it can then point to it."
        onRetry={() => void meetings.refetch()}
      >
        <Stack gap="xs" component="ul" aria-labelledby="my-trg-meetings" style={LIST}>
          {items.map((meeting) => (
            <li key={meeting.id}>
              <Anchor component={Link} to={`/trg-meetings/${meeting.id}`} size="sm">
                {TRG_KIND_LABELS[meeting.kind]}, {formatDate(meeting.held_on)}
              </Anchor>
              <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                {meeting.school ? meeting.school.name : 'No school'} · {meeting.attendees.length}{' '}
                {meeting.attendees.length === 1 ? 'attendee' : 'attendees'}
              </Text>
            </li>
          ))}
        </Stack>
      </ListState>
      <Anchor component={Link} to="/trg-meetings" size="sm">
        {meetings.data?.next_cursor ? 'See all my TRG meetings' : 'All my TRG meetings'}
      </Anchor>
    </Stack>
  );
}

/** The work groups the specialist leads in the year, each with a way to record its next session. */
export function MyWorkGroups({ specialistId, academicYear }: { specialistId: string; academicYear: string }) {
  const groups = useWorkGroups({ specialist_id: specialistId, academic_year: academicYear, limit: SHOWN });
  const items = groups.data?.items ?? [];
  return (
    <Stack gap="sm">
      <ListState
        isPending={groups.isPending}
        error={groups.error}
        isEmpty={items.length === 0}
        emptyTitle={`No work groups for ${academicYear}`}
        emptyDescription="Work groups you lead appear here once the hub sets them up."
        onRetry={() => void groups.refetch()}
      >
        <Stack gap="sm" component="ul" aria-labelledby="my-work-groups" style={LIST}>
          {items.map((group) => (
            <li key={group.id}>
              <Group justify="space-between" align="start" gap="xs" wrap="wrap">
                <div style={{ minWidth: 0, flex: '1 1 12rem' }}>
                  <Anchor component={Link} to={`/work-groups/${group.id}`} size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {group.title}
                  </Anchor>
                  <Text size="xs">
                    {PHASE_LABELS[group.phase]} · {WORK_GROUP_STATUS_LABELS[group.status]} · {group.sessions.length}{' '}
                    {group.sessions.length === 1 ? 'session' : 'sessions'} recorded
                  </Text>
                </div>
                <Button
                  component={Link}
                  to={`/work-groups/${group.id}/sessions/new`}
                  size="xs"
                  variant="default"
                  aria-label={`Record a session of ${group.title}`}
                >
                  Record a session
                </Button>
              </Group>
            </li>
          ))}
        </Stack>
      </ListState>
      <Anchor component={Link} to="/work-groups" size="sm">
        All my work groups
      </Anchor>
    </Stack>
  );
}
