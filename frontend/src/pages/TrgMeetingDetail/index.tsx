import { routeProblem } from '../../api/http';
import { Alert, Anchor, Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { TrgMeeting } from '../../api/trgMeetings';
import { useDeleteTrgMeeting, useTrgMeeting } from '../../api/trgMeetings';
import { useWorkGroupTitle } from '../../api/workGroups';
import { useCurrentUser } from '../../auth/currentUser';
import { HUB_TEAM } from '../../auth/roles';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ProposedClaims } from '../../components/ProposedClaims';
import { TableScroll } from '../../components/TableScroll';
import { formatDate, formatDateTime } from '../../lib/format';
import { MODE_LABELS, TRG_KIND_LABELS, formatClock } from '../../lib/labels';
import { type Problem } from '../../lib/problem';
import { describe } from '../TrgMeetings/describe';
import { StaleAlert } from '../../components/StaleAlert';
import { DetailList, Section } from '../../components/Section';

export function Component() {
  const { trgMeetingId = '' } = useParams();
  const query = useTrgMeeting(trgMeetingId);
  const [stale, setStale] = useState(false);

  if (query.isPending) return <FullPageLoader label="Loading the TRG meeting…" />;
  if (query.isError) {
    return (
      <Page title="TRG meeting" actions={<BackToList />}>
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      </Page>
    );
  }
  const { meeting, etag } = query.data;
  const reload = async () => {
    await query.refetch();
    setStale(false);
  };
  return (
    <Page title={describe(meeting)} actions={<BackToList />}>
      {stale ? <StaleAlert what="TRG meeting" onReload={() => void reload()} /> : null}
      {/* Everyone who can read a meeting may change it: hub staff any of the hub's, a specialist their own. */}
      <Group gap="xs" role="group" aria-label="Meeting actions">
        <Button component={Link} to={`/trg-meetings/${meeting.id}/edit`}>
          Edit
        </Button>
        <DeleteMeeting meeting={meeting} etag={etag} onStale={() => setStale(true)} />
      </Group>
      <Details meeting={meeting} />
      <Attendees meeting={meeting} />
      <ProposedClaims
        evidenceIds={[meeting.id]}
        specialistNames={{
          [meeting.lead_specialist.id]: `${meeting.lead_specialist.first_name} ${meeting.lead_specialist.last_name}`,
        }}
      />
    </Page>
  );
}

function BackToList() {
  return (
    <Anchor component={Link} to="/trg-meetings">
      All TRG meetings
    </Anchor>
  );
}

function Details({ meeting }: { meeting: TrgMeeting }) {
  const me = useCurrentUser();
  const isHubTeam = me.role !== null && HUB_TEAM.includes(me.role);
  const workGroup = useWorkGroupTitle(meeting.work_group_id ?? null);
  const lead = `${meeting.lead_specialist.first_name} ${meeting.lead_specialist.last_name}`;
  const times = [formatClock(meeting.starts_at), formatClock(meeting.ends_at)].filter(Boolean).join('–');
  const lesson = meeting.research_lesson;
  const rows: [string, ReactNode][] = [
    ['Kind', TRG_KIND_LABELS[meeting.kind]],
    [
      'Led by',
      isHubTeam ? (
        <Anchor component={Link} to={`/specialists/${meeting.lead_specialist.id}`}>
          {lead}
        </Anchor>
      ) : (
        lead
      ),
    ],
    ['Date', formatDate(meeting.held_on)],
    ['Time', times ? `${times} (London time)` : 'Not recorded'],
    ['Mode', MODE_LABELS[meeting.mode]],
    [
      'Host school',
      meeting.school ? (
        isHubTeam ? (
          <Anchor component={Link} to={`/schools?urn=${meeting.school.urn}`}>
            {meeting.school.name} ({meeting.school.urn})
          </Anchor>
        ) : (
          `${meeting.school.name} (${meeting.school.urn})`
        )
      ) : (
        'None recorded'
      ),
    ],
    ['Focus', meeting.focus ?? 'None recorded'],
    ['Research lesson', lesson ? [lesson.year_group, lesson.topic].filter(Boolean).join(': ') : 'None'],
  ];
  if (meeting.work_group_id) {
    rows.push([
      'Work group',
      workGroup.data ? (
        <Anchor component={Link} to={`/work-groups?q=${encodeURIComponent(workGroup.data)}`}>
          {workGroup.data}
        </Anchor>
      ) : workGroup.isError ? (
        'Could not load the work group'
      ) : (
        'Loading…'
      ),
    ]);
  }
  rows.push(['Notes', meeting.notes ? <span style={{ whiteSpace: 'pre-wrap' }}>{meeting.notes}</span> : 'None']);
  rows.push(['Last changed', formatDateTime(meeting.updated_at)]);
  return (
    <Section id="meeting-details" title="Details">
      <DetailList rows={rows} termWidth={140} />
    </Section>
  );
}

function Attendees({ meeting }: { meeting: TrgMeeting }) {
  const attended = meeting.attendees.filter((attendee) => attendee.attended).length;
  return (
    <Section id="meeting-attendees" title="Attendees">
      {meeting.attendees.length === 0 ? (
        <Text size="sm">No attendees recorded.</Text>
      ) : (
        <>
          <Text size="sm" mb="xs">
            {attended} of {meeting.attendees.length} attended.
          </Text>
          <TableScroll minWidth={560} label="Attendees table">
            <Table striped aria-label="Attendees">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Role</Table.Th>
                  <Table.Th scope="col">School</Table.Th>
                  <Table.Th scope="col">Attendance</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {meeting.attendees.map((attendee, index) => (
                  <Table.Tr key={index}>
                    <Table.Td>{attendee.name}</Table.Td>
                    <Table.Td>{attendee.role ?? '—'}</Table.Td>
                    <Table.Td>{attendee.school ? `${attendee.school.name} (${attendee.school.urn})` : '—'}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={attendee.attended ? 'green' : 'gray'}>
                        {attendee.attended ? 'Attended' : 'Absent'}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        </>
      )}
    </Section>
  );
}

/** Delete after a confirmation; claims it proposed are withdrawn, or reversals proposed for accepted ones. */
function DeleteMeeting({ meeting, etag, onStale }: { meeting: TrgMeeting; etag: string | null; onStale: () => void }) {
  const navigate = useNavigate();
  const remove = useDeleteTrgMeeting(meeting.id);
  const [open, setOpen] = useState(false);
  const [refused, setRefused] = useState<Problem | null>(null);
  const close = () => {
    setOpen(false);
    setRefused(null);
  };

  async function confirm() {
    try {
      await remove.mutateAsync(etag);
      notifications.show({ color: 'green', message: `Deleted the ${describe(meeting)}.` });
      await navigate('/trg-meetings');
    } catch (error) {
      routeProblem(error, {
        onStale: () => {
          close();
          onStale();
        },
        onProblem: setRefused,
      });
    }
  }

  return (
    <>
      <Button variant="default" color="red" onClick={() => setOpen(true)}>
        Delete
      </Button>
      <Modal opened={open} onClose={close} title="Delete this TRG meeting">
        <Stack>
          <Text size="sm">
            The {describe(meeting)} and its attendance will be deleted. This cannot be undone. Claims it proposed that nobody
            accepted are withdrawn; for accepted ones a reversal is proposed.
          </Text>
          {refused ? (
            <Alert color="red" variant="light" role="alert" title={refused.title}>
              {refused.detail ?? 'Please try again.'}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button color="red" loading={remove.isPending} disabled={refused !== null} onClick={() => void confirm()}>
              Delete
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
