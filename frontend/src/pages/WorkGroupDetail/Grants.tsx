import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, Textarea, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { idempotencyKey, routeProblem } from '../../api/http';
import type { WorkGroup, WorkGroupGrant } from '../../api/workGroups';
import { useRecoverGrant, useUpdateWorkGroup, useWorkGroupGrants } from '../../api/workGroups';
import { useCurrentUser } from '../../auth/currentUser';
import { HUB_LEADS, HUB_TEAM } from '../../auth/roles';
import { DateField } from '../../components/DateField';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { TableScroll } from '../../components/TableScroll';
import { formatDate, formatPence } from '../../lib/format';
import { type Problem } from '../../lib/problem';
import { grantInWords, withdrawalBody } from './grants';

type School = WorkGroup['schools'][number];

/**
 * Each school's grant and whether it withdrew. A hub lead records a withdrawal and recovers a
 * withdrawn school's accepted grant (a reversing entry the next payment run takes back).
 */
export function Grants({ workGroup, etag, onStale }: { workGroup: WorkGroup; etag: string | null; onStale: () => void }) {
  const me = useCurrentUser();
  const isTeam = me.role !== null && HUB_TEAM.includes(me.role);
  const isLead = me.role !== null && HUB_LEADS.includes(me.role);
  const grants = useWorkGroupGrants(workGroup.id, isTeam);
  const [withdrawing, setWithdrawing] = useState<School | null>(null);
  const [recovering, setRecovering] = useState<{ school: School; grant: WorkGroupGrant } | null>(null);
  if (!isTeam || workGroup.schools.length === 0) return null;
  const bySchool = new Map((grants.data ?? []).map((grant) => [grant.school_id, grant]));

  return (
    <Section title="Grants and withdrawals">
      <Stack gap="sm">
        {grants.error ? <ProblemAlert error={grants.error} onRetry={() => void grants.refetch()} /> : null}
        <TableScroll minWidth={560} label="Grants table">
          <Table striped aria-label="Grants and withdrawals">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">School</Table.Th>
                <Table.Th scope="col">Taking part</Table.Th>
                <Table.Th scope="col">Grant</Table.Th>
                {isLead ? <Table.Th scope="col">Action</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {workGroup.schools.map((row) => {
                const grant = bySchool.get(row.school.id);
                return (
                  <Table.Tr key={row.school.id}>
                    <Table.Td>{row.school.name}</Table.Td>
                    <Table.Td>
                      {row.withdrawn_on ? (
                        <Badge color="orange" variant="light" tt="none">
                          Withdrew on {formatDate(row.withdrawn_on)}
                        </Badge>
                      ) : (
                        'Yes'
                      )}
                    </Table.Td>
                    <Table.Td>{grants.isPending ? 'Loading…' : grantInWords(grant)}</Table.Td>
                    {isLead ? (
                      <Table.Td>
                        {!row.withdrawn_on ? (
                          <Button size="compact-sm" variant="default" onClick={() => setWithdrawing(row)}>
                            Record withdrawal<VisuallyHidden> of {row.school.name}</VisuallyHidden>
                          </Button>
                        ) : grant?.recoverable ? (
                          <Button size="compact-sm" color="red" variant="outline" onClick={() => setRecovering({ school: row, grant })}>
                            Recover grant<VisuallyHidden> from {row.school.name}</VisuallyHidden>
                          </Button>
                        ) : null}
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </Stack>
      <WithdrawalDialog workGroup={workGroup} etag={etag} school={withdrawing} onClose={() => setWithdrawing(null)} onStale={onStale} />
      <RecoverGrantDialog workGroup={workGroup} target={recovering} onClose={() => setRecovering(null)} />
    </Section>
  );
}

function WithdrawalDialog({
  workGroup,
  etag,
  school,
  onClose,
  onStale,
}: {
  workGroup: WorkGroup;
  etag: string | null;
  school: School | null;
  onClose: () => void;
  onStale: () => void;
}) {
  const update = useUpdateWorkGroup(workGroup.id);
  const [date, setDate] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<Problem | null>(null);

  function close() {
    setDate(null);
    setError(null);
    setRefused(null);
    onClose();
  }

  async function save() {
    if (!school) return;
    if (!date) {
      setError('Enter the date the school withdrew.');
      return;
    }
    try {
      await update.mutateAsync({ body: withdrawalBody(workGroup, school.school.id, date), etag });
      notifications.show({ color: 'green', message: `${school.school.name} is recorded as withdrawn.` });
      close();
    } catch (failure) {
      routeProblem(failure, {
        onStale: () => {
          close();
          onStale();
        },
        onProblem: setRefused,
      });
    }
  }

  return (
    <Modal opened={school !== null} onClose={close} title="Record a withdrawal">
      <Stack gap="sm">
        <Text size="sm">
          {school?.school.name} leaves the work group. Its attendance stays on record; it earns no grant from now on, and a grant
          already accepted can then be recovered.
        </Text>
        {refused ? (
          <Alert color="red" variant="light" role="alert" title={refused.title}>
            {refused.detail ?? 'Please try again.'}
          </Alert>
        ) : null}
        <DateField label="Date it withdrew" required value={date} onChange={setDate} error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Keep it in the work group
          </Button>
          <Button loading={update.isPending} onClick={() => void save()}>
            Record withdrawal
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The confirm dialog states the amount; one Idempotency-Key per dialog, so a double click recovers once. */
export function RecoverGrantDialog({
  workGroup,
  target,
  onClose,
}: {
  workGroup: WorkGroup;
  target: { school: School; grant: WorkGroupGrant } | null;
  onClose: () => void;
}) {
  const recover = useRecoverGrant(workGroup.id);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [refused, setRefused] = useState<Problem | null>(null);
  const [key, setKey] = useState(idempotencyKey);
  const amount = target ? formatPence(target.grant.grant.amount_pence) : '';
  const paid = target?.grant.grant.status === 'paid';

  function close() {
    setReason('');
    setError(null);
    setRefused(null);
    setKey(idempotencyKey());
    onClose();
  }

  async function confirm() {
    if (!target) return;
    if (!reason.trim()) {
      setError('Say why the grant is recovered.');
      return;
    }
    try {
      await recover.mutateAsync({ schoolId: target.school.school.id, reason: reason.trim(), key });
      notifications.show({ color: 'green', message: `${amount} will be recovered from ${target.school.school.name}.` });
      close();
    } catch (failure) {
      routeProblem(failure, { onProblem: setRefused });
    }
  }

  return (
    <Modal opened={target !== null} onClose={close} title="Recover the grant">
      <Stack gap="sm">
        <Text size="sm">
          Recover {amount} from {target?.school.school.name}?{' '}
          {paid
            ? 'The grant was paid: the next payment run takes it back as a negative line for the school.'
            : 'The grant was not paid yet: reversing it means it will not be paid.'}
        </Text>
        {refused ? (
          <Alert color="red" variant="light" role="alert" title={refused.title}>
            {refused.detail ?? 'Please try again.'}
          </Alert>
        ) : null}
        <Textarea
          label="Reason"
          required
          autosize
          minRows={2}
          value={reason}
          error={error}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setError(null);
          }}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Keep the grant
          </Button>
          <Button color="red" loading={recover.isPending} onClick={() => void confirm()}>
            Recover {amount}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
