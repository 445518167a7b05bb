import { Badge, Button, Group, Modal, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { routeProblem } from '../../api/http';
import { specialistKeys } from '../../api/specialists';
import { useAdvanceEntry, useReverse, type Activity, type LedgerEntry } from '../../api/releaseDays';
import { HEAD_CONFIRMATION_LABELS } from '../../api/releaseConfirmations';
import { StaleAlert } from '../../components/StaleAlert';
import { useCurrentUser } from '../../auth/currentUser';
import { TableScroll } from '../../components/TableScroll';
import { formatDate, formatDays, formatPence } from '../../lib/format';
import { ACTIVITY_LABELS, ENTRY_KIND_LABELS, ENTRY_STATUS_LABELS } from '../../lib/labels';
import { notifyProblem, problemOf } from '../../lib/problem';
import { approvalRefusal } from './approvalRefusal';

function describe(entry: LedgerEntry): string {
  const what = entry.kind === 'release_days' && entry.activity ? ACTIVITY_LABELS[entry.activity as Activity] : ENTRY_KIND_LABELS[entry.kind];
  return `${what} on ${formatDate(entry.date)}`;
}

const EVIDENCE_LABELS: Record<NonNullable<LedgerEntry['evidence']>['type'], string> = {
  trg_meeting: 'a TRG meeting',
  work_group_session: 'a work group session',
  work_group: 'a work group',
  residential: 'a residential',
};

export function Entries({ specialistId, entries }: { specialistId: string; entries: LedgerEntry[] }) {
  const me = useCurrentUser();
  // Approvers: hub leads, national admins and hub staff given the permission; never for their
  // own specialist record, and never for an entry they recorded (the API refuses both).
  const ownRecord = (me.specialists ?? []).some((record) => record.id === specialistId);
  const canApprove = me.can_approve_claims && !ownRecord;
  // Whoever may claim for the specialist may reverse a claim not yet approved; once approved or
  // paid, only a hub lead or a national admin may (the API's rule, release_days/service.py).
  const mayReverseDecided = me.role === 'hub_lead' || me.role === 'national_admin';
  const canReverse = (entry: LedgerEntry) => entry.status === 'claimed' || (mayReverseDecided && (entry.status === 'approved' || entry.status === 'paid'));
  const reverse = useReverse(specialistId);
  const advance = useAdvanceEntry(specialistId);
  const queryClient = useQueryClient();
  const [reversing, setReversing] = useState<LedgerEntry | null>(null);
  const [reason, setReason] = useState('');
  const [paying, setPaying] = useState<LedgerEntry | null>(null);
  const [paymentReference, setPaymentReference] = useState('');
  // Approve or pay found the entry changed since it was shown (approved, paid or reversed by
  // someone else): nothing was written; the ledger is read again when the mutation settles.
  const [stale, setStale] = useState(false);

  async function reload() {
    setStale(false);
    await queryClient.invalidateQueries({ queryKey: specialistKeys.detail(specialistId) });
  }

  if (entries.length === 0) return <Text size="sm">Nothing recorded for this year yet.</Text>;

  async function confirmReversal() {
    if (!reversing || !reason.trim()) return;
    try {
      await reverse.mutateAsync({ entryId: reversing.id, reason: reason.trim() });
      notifications.show({ color: 'green', message: `${describe(reversing)} is reversed.` });
      setReversing(null);
      setReason('');
    } catch (error) {
      notifyProblem(problemOf(error));
    }
  }

  async function step(entry: LedgerEntry, kind: 'approval' | 'payment', reference?: string) {
    setStale(false);
    try {
      await advance.mutateAsync({ entry, step: kind, reference });
      notifications.show({ color: 'green', message: `${describe(entry)} is ${kind === 'approval' ? 'approved' : 'marked paid'}.` });
      setPaying(null);
      setPaymentReference('');
    } catch (error) {
      routeProblem(error, {
        onStale: () => {
          setPaying(null);
          setStale(true);
        },
        onProblem: (problem) => notifyProblem(approvalRefusal(problem)),
      });
    }
  }

  return (
    <>
      {stale ? <StaleAlert what="entry" onReload={reload} /> : null}
      <TableScroll minWidth={960} label="Ledger entries table">
        <Table striped aria-label="Ledger entries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Date</Table.Th>
              <Table.Th scope="col">What</Table.Th>
              <Table.Th scope="col">Days</Table.Th>
              <Table.Th scope="col">Amount</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Recorded by</Table.Th>
              <Table.Th scope="col">Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => {
              const isReversal = entry.reverses_id !== null;
              const isReversed = entry.reversed_by_id !== null;
              const label = describe(entry);
              const open = !isReversal && !isReversed;
              const recordedByMe = entry.recorded_by_id === me.id;
              return (
                <Table.Tr key={entry.id}>
                  <Table.Td>{formatDate(entry.date)}</Table.Td>
                  <Table.Td>
                    {entry.kind === 'release_days' && entry.activity ? ACTIVITY_LABELS[entry.activity as Activity] : ENTRY_KIND_LABELS[entry.kind]}
                    {isReversal ? (
                      <Badge ml={6} size="sm" variant="outline" color="gray">
                        Reversal
                      </Badge>
                    ) : null}
                    {isReversed ? (
                      <Badge ml={6} size="sm" variant="outline" color="gray">
                        Reversed
                      </Badge>
                    ) : null}
                    {entry.evidence ? (
                      <Text size="xs">From the register: {EVIDENCE_LABELS[entry.evidence.type]}</Text>
                    ) : null}
                    {entry.note ? (
                      <Text size="xs" c="dimmed">
                        {entry.note}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{entry.kind === 'release_days' ? formatDays(entry.days) : '—'}</Table.Td>
                  <Table.Td>{formatPence(entry.amount_pence)}</Table.Td>
                  <Table.Td>
                    {ENTRY_STATUS_LABELS[entry.status]}
                    {entry.kind === 'release_days' && !isReversal && entry.status !== 'proposed' && entry.status !== 'rejected' ? (
                      <Text size="xs" c={entry.head_confirmation === 'disputed' ? 'red.8' : undefined}>
                        {HEAD_CONFIRMATION_LABELS[entry.head_confirmation]}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{entry.recorded_by_label}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="wrap">
                      {open && canReverse(entry) ? (
                        <Button size="compact-sm" variant="subtle" color="red" onClick={() => setReversing(entry)} aria-label={`Reverse ${label}`}>
                          Reverse
                        </Button>
                      ) : null}
                      {canApprove && open && !recordedByMe && entry.status === 'claimed' ? (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          loading={advance.isPending && advance.variables.entry.id === entry.id}
                          onClick={() => void step(entry, 'approval')}
                          aria-label={`Approve ${label}`}
                        >
                          Approve
                        </Button>
                      ) : null}
                      {canApprove && open && !recordedByMe && entry.status === 'approved' ? (
                        <Button size="compact-sm" variant="subtle" onClick={() => setPaying(entry)} aria-label={`Mark paid ${label}`}>
                          Mark paid
                        </Button>
                      ) : null}
                      {canApprove && open && recordedByMe && entry.status !== 'paid' ? (
                        <Text size="xs" maw={180}>You recorded this: another approver {entry.status === 'claimed' ? 'approves' : 'pays'} it.</Text>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <Modal opened={reversing !== null} onClose={() => setReversing(null)} title="Reverse this entry">
        <Stack>
          <Text size="sm">
            {reversing ? `${describe(reversing)}, ${formatDays(reversing.days)}.` : ''} A reversing entry is added; the original stays on
            the record.
          </Text>
          <Textarea
            label="Reason"
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={reverse.isError ? problemOf(reverse.error).title : undefined}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setReversing(null)}>
              Cancel
            </Button>
            <Button color="red" disabled={!reason.trim()} loading={reverse.isPending} onClick={() => void confirmReversal()}>
              Reverse
            </Button>
          </Group>
        </Stack>
      </Modal>
      <Modal opened={paying !== null} onClose={() => setPaying(null)} title="Mark as paid">
        <Stack>
          <TextInput
            label="Payment reference (optional)"
            value={paymentReference}
            onChange={(event) => setPaymentReference(event.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setPaying(null)}>
              Cancel
            </Button>
            <Button
              loading={advance.isPending}
              onClick={() => {
                if (paying) void step(paying, 'payment', paymentReference.trim() || undefined);
              }}
            >
              Mark paid
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
