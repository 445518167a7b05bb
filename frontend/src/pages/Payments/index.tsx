import '@mantine/dates/styles.css';
import { Anchor, Button, Group, Select, Table, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useHubNames } from '../../api/hubs';
import { PAYMENT_RUN_STATUS_LABELS, useBuildPaymentRun, usePaymentRuns } from '../../api/paymentRuns';
import { useCurrentUser } from '../../auth/currentUser';
import { DATE_PICKER_DEFAULTS } from '../../components/datePickerDefaults';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { TableScroll } from '../../components/TableScroll';
import { formatDate, formatPence } from '../../lib/format';

/** The hub's payment runs, newest first, and building the next one from approved entries. */
export function Component() {
  const me = useCurrentUser();
  const isNational = me.role === 'national_admin';
  const [hubId, setHubId] = useState<string | null>(null);
  const [upTo, setUpTo] = useState<string | null>(null);
  const { hubs } = useHubNames(isNational);
  const runs = usePaymentRuns(hubId ?? undefined);
  const build = useBuildPaymentRun();
  const navigate = useNavigate();
  const items = runs.data?.items ?? [];

  function buildRun() {
    build.mutate(
      { body: { up_to: upTo }, hubId: hubId ?? undefined },
      { onSuccess: (run) => void navigate(`/payments/${run.id}`) },
    );
  }

  return (
    <Page title="Payments">
      <Text maw={760}>
        A payment run pays the hub&apos;s schools every approved entry not yet paid. Build one, check each school&apos;s total, then commit
        it: every entry in it is marked paid with the run&apos;s reference. Each school&apos;s remittance downloads as CSV.
      </Text>
      <Group align="end" gap="sm" wrap="wrap" role="group" aria-label="Build a payment run">
        {isNational ? (
          <Select
            label="Hub"
            placeholder="Choose the hub"
            searchable
            data={(hubs.data?.items ?? []).map((hub) => ({ value: hub.id, label: hub.name }))}
            value={hubId}
            onChange={setHubId}
            w={{ base: '100%', xs: 240 }}
          />
        ) : null}
        <DateInput
          {...DATE_PICKER_DEFAULTS}
          label="Work done up to"
          description="Leave empty to pay everything approved"
          clearable
          value={upTo}
          onChange={(value) => setUpTo(value ?? null)}
          w={{ base: '100%', xs: 220 }}
        />
        <Button onClick={buildRun} loading={build.isPending}>
          Build a payment run
        </Button>
      </Group>
      {build.error ? <ProblemAlert error={build.error} /> : null}
      <ListState
        isPending={runs.isPending}
        error={runs.error}
        isEmpty={items.length === 0}
        emptyTitle="No payment runs yet"
        emptyDescription="Build one when claims have been approved."
        onRetry={() => void runs.refetch()}
      >
        <TableScroll minWidth={720} label="Payment runs table">
          <Table striped aria-label="Payment runs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Reference</Table.Th>
                <Table.Th scope="col">Built</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Schools</Table.Th>
                <Table.Th scope="col">Entries</Table.Th>
                <Table.Th scope="col">Total</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((run) => (
                <Table.Tr key={run.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/payments/${run.id}`}>
                      {run.reference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(run.created_at)}
                    <Text size="xs">{run.created_by_label}</Text>
                  </Table.Td>
                  <Table.Td>{PAYMENT_RUN_STATUS_LABELS[run.status]}</Table.Td>
                  <Table.Td>{run.school_count}</Table.Td>
                  <Table.Td>{run.entry_count}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatPence(run.total_pence)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </ListState>
    </Page>
  );
}
