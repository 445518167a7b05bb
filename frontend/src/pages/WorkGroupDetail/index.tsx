import { Anchor, Badge, Button, Group, List, SimpleGrid, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { WorkGroup } from '../../api/workGroups';
import { useWorkGroup } from '../../api/workGroups';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ProposedClaims } from '../../components/ProposedClaims';
import { TableScroll } from '../../components/TableScroll';
import { formatDate } from '../../lib/format';
import { formatClock, MODE_LABELS, PHASE_LABELS, PROGRAMME_LABELS, WORK_GROUP_STATUS_LABELS } from '../../lib/labels';
import { DeleteWorkGroup } from './DeleteWorkGroup';
import { Evaluation } from './Evaluation';
import { Grants } from './Grants';
import { DetailList, Section } from '../../components/Section';
import { StaleAlert } from '../../components/StaleAlert';
import { StatusActions } from './StatusActions';

const STATUS_COLOURS = { planned: 'gray', running: 'green', completed: 'blue', cancelled: 'red' } as const;

/** `/work-groups/:workGroupId`: the work group in words, its sessions, its evaluation. */
export function Component() {
  const { workGroupId = '' } = useParams();
  const query = useWorkGroup(workGroupId);
  const [stale, setStale] = useState(false);
  // Remount the editable panels after a reload so they start from the latest version.
  const [generation, setGeneration] = useState(0);

  if (query.isPending) return <FullPageLoader label="Loading the work group…" />;
  if (query.isError) {
    return (
      <Page title="Work group">
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      </Page>
    );
  }
  const { workGroup, etag } = query.data;
  const onStale = () => setStale(true);
  return (
    <Page
      title={workGroup.title}
      actions={
        <Anchor component={Link} to="/work-groups">
          All work groups
        </Anchor>
      }
    >
      {stale ? (
        <StaleAlert
          what="work group"
          onReload={async () => {
            await query.refetch();
            setStale(false);
            setGeneration((n) => n + 1);
          }}
        />
      ) : null}
      <Group gap="xs">
        <Badge size="lg" variant="light" color={STATUS_COLOURS[workGroup.status]} tt="none">
          {WORK_GROUP_STATUS_LABELS[workGroup.status]}
        </Badge>
        <Text size="sm">
          {workGroup.code} · {PROGRAMME_LABELS[workGroup.programme]} · {workGroup.academic_year}
        </Text>
      </Group>
      <Group gap="sm">
        <Button component={Link} to={`/work-groups/${workGroup.id}/edit`} variant="default">
          Edit work group
        </Button>
        <DeleteWorkGroup workGroup={workGroup} etag={etag} onStale={onStale} />
      </Group>
      <StatusActions key={`status-${generation}`} workGroup={workGroup} etag={etag} onStale={onStale} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Section title="Details">
          <DetailList termWidth={130}
            rows={[
              ['Code', workGroup.code],
              ['Phase', PHASE_LABELS[workGroup.phase]],
              ['Programme', PROGRAMME_LABELS[workGroup.programme]],
              ['Academic year', workGroup.academic_year],
              ['Led by', workGroup.leads.map((lead) => `${lead.first_name} ${lead.last_name}`).join(', ') || 'No one yet'],
              ['Schools', `${workGroup.schools.length}`],
            ]}
          />
        </Section>
        <Schools workGroup={workGroup} />
      </SimpleGrid>
      <Sessions workGroup={workGroup} />
      <ProposedClaims
        evidenceIds={[workGroup.id, ...workGroup.sessions.map((session) => session.id)]}
        specialistNames={Object.fromEntries(workGroup.leads.map((lead) => [lead.id, `${lead.first_name} ${lead.last_name}`]))}
      />
      <Grants key={`grants-${generation}`} workGroup={workGroup} etag={etag} onStale={onStale} />
      <Evaluation key={`evaluation-${generation}`} workGroup={workGroup} etag={etag} onStale={onStale} />
    </Page>
  );
}

function Schools({ workGroup }: { workGroup: WorkGroup }) {
  return (
    <Section title="Schools and participants">
      {workGroup.schools.length === 0 ? (
        <Text size="sm">No schools yet. Edit the work group to add them.</Text>
      ) : (
        <Stack gap="sm">
          {workGroup.schools.map((row) => (
            <div key={row.school.id}>
              <Text fw={600} size="sm">
                {row.school.name} (URN {row.school.urn})
              </Text>
              {row.participants.length === 0 ? (
                <Text size="sm">No participants yet.</Text>
              ) : (
                <List size="sm" spacing={2}>
                  {row.participants.map((participant) => (
                    <List.Item key={participant.id}>
                      {participant.name}
                      {participant.role ? `, ${participant.role}` : ''}
                      {participant.email ? ` (${participant.email})` : ''}
                    </List.Item>
                  ))}
                </List>
              )}
            </div>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function timeRange(starts: string | null, ends: string | null): string {
  const from = formatClock(starts);
  const to = formatClock(ends);
  if (from && to) return `${from} to ${to}`;
  return from ?? 'Not recorded';
}

function Sessions({ workGroup }: { workGroup: WorkGroup }) {
  const participants = workGroup.schools.reduce((total, row) => total + row.participants.length, 0);
  const canRecord = workGroup.status !== 'cancelled';
  return (
    <Section title="Sessions">
      <Stack gap="sm">
        {canRecord ? (
          <Group>
            <Button component={Link} to={`/work-groups/${workGroup.id}/sessions/new`}>
              Record a session
            </Button>
          </Group>
        ) : (
          <Text size="sm">This work group is cancelled: reopen it (status planned) to record sessions.</Text>
        )}
        {workGroup.sessions.length === 0 ? (
          <Text size="sm">No sessions recorded yet.</Text>
        ) : (
          <TableScroll minWidth={640} label="Sessions table">
            <Table striped aria-label="Sessions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Time</Table.Th>
                  <Table.Th scope="col">Mode</Table.Th>
                  <Table.Th scope="col">Location</Table.Th>
                  <Table.Th scope="col">Attendance</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {workGroup.sessions.map((session) => {
                  const attended = session.attendance.filter((row) => row.attended).length;
                  return (
                    <Table.Tr key={session.id}>
                      <Table.Td>{formatDate(session.held_on)}</Table.Td>
                      <Table.Td>{timeRange(session.starts_at, session.ends_at)}</Table.Td>
                      <Table.Td>{MODE_LABELS[session.mode]}</Table.Td>
                      <Table.Td>{session.location ?? '—'}</Table.Td>
                      <Table.Td>
                        {session.attendance.length === 0
                          ? 'Not recorded'
                          : `${attended} of ${Math.max(participants, session.attendance.length)} attended`}
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/work-groups/${workGroup.id}/sessions/${session.id}`} size="sm">
                          Edit<VisuallyHidden> the session of {formatDate(session.held_on)}</VisuallyHidden>
                        </Anchor>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Stack>
    </Section>
  );
}
