import { Alert, Badge, Button, Group, Modal, Radio, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useParams } from 'react-router';
import {
  CONFIRMATION_STATE_LABELS,
  HEAD_CONFIRMATION_LABELS,
  useReleaseConfirmation,
  useResendConfirmation,
  useResolveDispute,
  type ConfirmationLineRead,
} from '../../api/releaseConfirmations';
import type { Activity } from '../../api/releaseDays';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { DetailList, Section } from '../../components/Section';
import { TableScroll } from '../../components/TableScroll';
import { formatDate, formatDateTime, formatPence } from '../../lib/format';
import { ACTIVITY_LABELS } from '../../lib/labels';
import { daysInWords } from '../ConfirmRelease/daysInWords';

/** One request to a head: the days listed, their answers, and resolving a disputed day. */
export function Component() {
  const { confirmationId = '' } = useParams();
  const query = useReleaseConfirmation(confirmationId);
  const resend = useResendConfirmation(confirmationId);
  const resolve = useResolveDispute(confirmationId);
  const [resolving, setResolving] = useState<ConfirmationLineRead | null>(null);
  const [resolution, setResolution] = useState<'reversed' | 'upheld' | ''>('');
  const [note, setNote] = useState('');
  const confirmation = query.data;

  async function saveResolution() {
    if (!resolving || !resolution || !note.trim()) return;
    await resolve.mutateAsync({ lineId: resolving.id, body: { resolution, note: note.trim() } });
    notifications.show({
      color: 'green',
      message: resolution === 'reversed' ? 'The day is reversed on the ledger.' : 'The day stands and may be paid.',
    });
    setResolving(null);
    setResolution('');
    setNote('');
  }

  return (
    <Page title={confirmation ? `${confirmation.school_name}: ${confirmation.term_label}` : 'Head confirmation'}>
      <ListState isPending={query.isPending} error={query.error} isEmpty={false} emptyTitle="" onRetry={() => void query.refetch()}>
        {confirmation ? (
          <Stack>
            <Section title="The request">
              <DetailList
                rows={[
                  ['School', `${confirmation.school_name} (URN ${confirmation.school_urn})`],
                  ['Term', `${confirmation.term_label}${confirmation.sequence > 1 ? `, follow-up ${confirmation.sequence - 1}` : ''}`],
                  ['Sent to', `${confirmation.headteacher_name ? `${confirmation.headteacher_name}, ` : ''}${confirmation.sent_to}`],
                  ['Sent', formatDateTime(confirmation.sent_at)],
                  ['State', CONFIRMATION_STATE_LABELS[confirmation.state]],
                  [
                    'Answered',
                    confirmation.answered_at
                      ? `${formatDateTime(confirmation.answered_at)}${confirmation.answered_by_name ? ` by ${confirmation.answered_by_name}` : ''}`
                      : `Not yet; the link works until ${formatDate(confirmation.expires_at)}`,
                  ],
                ]}
              />
              {confirmation.state !== 'answered' ? (
                <Group mt="sm">
                  <Button
                    variant="light"
                    loading={resend.isPending}
                    onClick={() =>
                      void resend.mutateAsync().then((read) => notifications.show({ color: 'green', message: `A new link went to ${read.sent_to}.` }))
                    }
                  >
                    Send a new link
                  </Button>
                  <Text size="xs" maw={360}>
                    Goes to the school&apos;s headteacher email as on record now; earlier links stop working.
                  </Text>
                </Group>
              ) : null}
              {resend.error ? <ProblemAlert error={resend.error} /> : null}
            </Section>
            <Section title="Release days">
              <TableScroll minWidth={760} label="Release days table">
                <Table striped aria-label="Release days asked about">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">Date</Table.Th>
                      <Table.Th scope="col">Specialist</Table.Th>
                      <Table.Th scope="col">Activity</Table.Th>
                      <Table.Th scope="col">Days</Table.Th>
                      <Table.Th scope="col">Amount</Table.Th>
                      <Table.Th scope="col">The head says</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {confirmation.items.map((line) => (
                      <Table.Tr key={line.id}>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(line.date)}</Table.Td>
                        <Table.Td>{line.specialist_name}</Table.Td>
                        <Table.Td>{line.activity ? ACTIVITY_LABELS[line.activity as Activity] : '—'}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{daysInWords(line.days)}</Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatPence(line.amount_pence)}</Table.Td>
                        <Table.Td>
                          <Badge
                            variant="light"
                            tt="none"
                            color={line.head_confirmation === 'disputed' ? 'red' : line.head_confirmation === 'confirmed' ? 'green' : 'gray'}
                          >
                            {HEAD_CONFIRMATION_LABELS[line.head_confirmation]}
                          </Badge>
                          {line.comment ? <Text size="sm">“{line.comment}”</Text> : null}
                          {line.resolution ? (
                            <Text size="xs">
                              {line.resolution === 'reversed' ? 'Reversed' : 'Upheld'} by {line.resolved_by_label}: {line.resolution_note}
                            </Text>
                          ) : null}
                          {line.head_confirmation === 'disputed' ? (
                            <Button
                              mt={4}
                              size="compact-sm"
                              variant="light"
                              onClick={() => setResolving(line)}
                              aria-label={`Resolve the dispute about ${formatDate(line.date)}, ${line.specialist_name}`}
                            >
                              Resolve
                            </Button>
                          ) : null}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            </Section>
          </Stack>
        ) : null}
      </ListState>
      <Modal opened={resolving !== null} onClose={() => setResolving(null)} title="Resolve the dispute">
        <Stack>
          {resolving ? (
            <Alert variant="light" color="gray">
              {formatDate(resolving.date)}, {resolving.specialist_name}: “{resolving.comment}”
            </Alert>
          ) : null}
          <Radio.Group label="What was agreed?" value={resolution} onChange={(value) => setResolution(value)} required>
            <Stack gap={6} mt={6}>
              <Radio value="reversed" label="The day was not given: reverse the entry" />
              <Radio value="upheld" label="The day was given: it stands and may be paid" />
            </Stack>
          </Radio.Group>
          <Textarea label="Note" description="What was agreed with the school" required autosize minRows={2} value={note} onChange={(event) => setNote(event.currentTarget.value)} />
          {resolve.error ? <ProblemAlert error={resolve.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setResolving(null)}>
              Cancel
            </Button>
            <Button disabled={!resolution || !note.trim()} loading={resolve.isPending} onClick={() => void saveResolution().catch(() => undefined)}>
              Save
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Page>
  );
}
