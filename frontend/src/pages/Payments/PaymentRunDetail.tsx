import { Alert, Button, Checkbox, Group, Paper, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import { downloadRemittance, PAYMENT_RUN_STATUS_LABELS, usePaymentRun, usePaymentRunAction } from '../../api/paymentRuns';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TableScroll } from '../../components/TableScroll';
import { formatDate, formatPence } from '../../lib/format';
import { notifyProblem, problemOf } from '../../lib/problem';

function fieldErrors(error: unknown): Record<string, string> {
  return Object.fromEntries((problemOf(error).errors ?? []).map((e) => [e.field, e.message]));
}

/** One payment run reviewed per school: commit it, mark it sent, void it, download remittances. */
export function Component() {
  const { runId = '' } = useParams();
  const run = usePaymentRun(runId);
  const act = usePaymentRunAction(runId);
  const [reason, setReason] = useState('');
  const [allowNegative, setAllowNegative] = useState(false);
  const data = run.data;
  const errors = act.error ? fieldErrors(act.error) : {};

  async function download(school?: { id: string; urn: string }) {
    if (!data) return;
    try {
      await downloadRemittance(data, school);
    } catch (error) {
      notifyProblem(problemOf(error));
    }
  }

  return (
    <Page
      title={data ? `Payment run ${data.reference}` : 'Payment run'}
      actions={
        data && data.status !== 'voided' ? (
          <Button variant="default" onClick={() => void download()}>
            Download remittance CSV
          </Button>
        ) : null
      }
    >
      <ListState isPending={run.isPending} error={run.error} isEmpty={false} emptyTitle="" onRetry={() => void run.refetch()}>
        {data ? (
          <>
            <Paper withBorder p="sm" role="group" aria-label="Run summary">
              <Text>
                Status: <strong>{PAYMENT_RUN_STATUS_LABELS[data.status]}</strong> · built {formatDate(data.created_at)} by {data.created_by_label}
                {data.up_to ? ` · work up to ${formatDate(data.up_to)}` : ''}
              </Text>
              <Text fw={600}>
                {data.school_count} {data.school_count === 1 ? 'school' : 'schools'}, {data.entry_count} {data.entry_count === 1 ? 'entry' : 'entries'}, total{' '}
                <span data-testid="run-total">{formatPence(data.total_pence)}</span>
              </Text>
              {data.void_reason ? <Text>Voided: {data.void_reason}</Text> : null}
            </Paper>
            {data.warnings.map((warning) => (
              <Alert key={warning} color="yellow" title="Check before committing">
                {warning}
              </Alert>
            ))}
            {act.error && Object.keys(errors).length === 0 ? <ProblemAlert error={act.error} /> : null}
            <Group align="end" gap="sm" wrap="wrap" role="group" aria-label="Run actions">
              {data.status === 'draft' ? (
                <>
                  {data.total_pence < 0 ? (
                    <Checkbox
                      label="This run may take money back overall"
                      checked={allowNegative}
                      onChange={(event) => setAllowNegative(event.currentTarget.checked)}
                      error={errors.allow_negative_total}
                    />
                  ) : null}
                  <Button loading={act.isPending} onClick={() => act.mutate({ action: 'commit', allowNegative })}>
                    Commit the run
                  </Button>
                </>
              ) : null}
              {data.status === 'committed' ? (
                <Button variant="default" loading={act.isPending} onClick={() => act.mutate({ action: 'sent' })}>
                  Mark sent to schools
                </Button>
              ) : null}
              {data.status === 'draft' || data.status === 'committed' ? (
                <>
                  <TextInput
                    label="Reason for voiding"
                    value={reason}
                    onChange={(event) => setReason(event.currentTarget.value)}
                    error={errors.reason}
                    w={{ base: '100%', xs: 260 }}
                  />
                  <Button color="red" variant="light" loading={act.isPending} onClick={() => act.mutate({ action: 'void', reason })}>
                    Void the run
                  </Button>
                </>
              ) : null}
            </Group>
            <TableScroll minWidth={640} label="Remittance per school table">
              <Table striped aria-label="Remittance per school">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">URN</Table.Th>
                    <Table.Th scope="col">School</Table.Th>
                    <Table.Th scope="col">Local authority</Table.Th>
                    <Table.Th scope="col">Lines</Table.Th>
                    <Table.Th scope="col">Total</Table.Th>
                    <Table.Th scope="col">Remittance</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.schools.map((school) => (
                    <Table.Tr key={school.school_id}>
                      <Table.Td>{school.urn}</Table.Td>
                      <Table.Td>{school.name}</Table.Td>
                      <Table.Td>{school.la_name ?? '—'}</Table.Td>
                      <Table.Td>{school.lines}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatPence(school.total_pence)}</Table.Td>
                      <Table.Td>
                        {/* The visible word starts the accessible name (WCAG 2.5.3, label in name). */}
                        <Button size="compact-sm" variant="subtle" onClick={() => void download({ id: school.school_id, urn: school.urn })}>
                          CSV<VisuallyHidden> remittance for {school.name}</VisuallyHidden>
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          </>
        ) : null}
      </ListState>
    </Page>
  );
}
