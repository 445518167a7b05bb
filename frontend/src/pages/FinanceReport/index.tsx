import '@mantine/dates/styles.css';
import { Anchor, Button, Group, Paper, Select, Table, Text } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useState } from 'react';
import { Link } from 'react-router';
import { downloadFinanceEntries, useFinanceEntries, type FinanceRow } from '../../api/reports';
import { useHubNames } from '../../api/hubs';
import type { EntryStatus } from '../../api/releaseDays';
import { useCurrentUser } from '../../auth/currentUser';
import { CursorPager } from '../../components/CursorPager';
import { DATE_PICKER_DEFAULTS } from '../../components/datePickerDefaults';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { SchoolUrnSelect, SpecialistSelect } from '../../components/pickers';
import { TableScroll } from '../../components/TableScroll';
import { academicYearOf, formatDate, formatDays, formatPence } from '../../lib/format';
import { ENTRY_STATUS_LABELS, options } from '../../lib/labels';
import { notifyProblem, problemOf } from '../../lib/problem';
import { optional, useListParams } from '../../lib/searchParams';
import { yearChoices } from '../Specialists/years';

const PAGE_SIZE = 50;

function what(row: FinanceRow): string {
  return row.kind === 'grant' && row.grant_code && !row.activity_label ? `Grant (${row.grant_code})` : row.activity_label;
}

/**
 * The hub's release days and payments as a finance officer loads them: one row per ledger entry
 * of an academic year, filtered, with the totals of the whole filter, and the same rows as CSV.
 */
export function Component() {
  const me = useCurrentUser();
  const isNational = me.role === 'national_admin';
  const { values, cursor, setFilter, setCursor } = useListParams(['year', 'status', 'school', 'specialist', 'from', 'to', 'hub'] as const);
  const year = values.year || academicYearOf(new Date());
  const filters = {
    academic_year: year,
    status: optional(values.status) as EntryStatus | undefined,
    school_urn: optional(values.school),
    specialist_id: optional(values.specialist),
    from: optional(values.from),
    to: optional(values.to),
    hub_id: isNational ? optional(values.hub) : undefined,
  };
  const entries = useFinanceEntries({ ...filters, limit: PAGE_SIZE, cursor });
  const { hubs } = useHubNames(isNational);
  const [downloading, setDownloading] = useState(false);
  const items = entries.data?.items ?? [];
  const totals = entries.data?.totals;

  async function download() {
    setDownloading(true);
    try {
      await downloadFinanceEntries(filters);
    } catch (error) {
      notifyProblem(problemOf(error));
    } finally {
      setDownloading(false);
    }
  }

  return (
    <Page
      title="Release days for finance"
      actions={
        <Button variant="default" loading={downloading} onClick={() => void download()}>
          Download CSV
        </Button>
      }
    >
      <Text maw={760}>
        One row for each entry in the ledger: release days, grants, travel and reversals, with the day rate and amount, who approved it
        and when it was paid. The CSV has every row of these filters, with amounts in pounds.
      </Text>
      <Group align="end" gap="sm" wrap="wrap" role="search" aria-label="Filter entries">
        <Select
          label="Academic year"
          data={yearChoices(year)}
          value={year}
          allowDeselect={false}
          onChange={(value) => setFilter('year', value ?? '')}
          w={{ base: '100%', xs: 140 }}
        />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={options(ENTRY_STATUS_LABELS)}
          value={values.status || null}
          onChange={(value) => setFilter('status', value ?? '')}
          w={{ base: '100%', xs: 160 }}
        />
        {isNational ? (
          <Select
            label="Hub"
            placeholder="Every hub"
            clearable
            searchable
            data={(hubs.data?.items ?? []).map((hub) => ({ value: hub.id, label: hub.name }))}
            value={values.hub || null}
            onChange={(value) => setFilter('hub', value ?? '')}
            w={{ base: '100%', xs: 220 }}
          />
        ) : null}
        <SchoolUrnSelect
          label="School"
          placeholder="Any school"
          initialOption={values.school ? { value: values.school, label: `URN ${values.school}` } : null}
          value={values.school || null}
          onChange={(value) => setFilter('school', value ?? '')}
          w={{ base: '100%', xs: 260 }}
        />
        <SpecialistSelect
          label="Specialist"
          placeholder="Any specialist"
          value={values.specialist || null}
          onChange={(value) => setFilter('specialist', value ?? '')}
          w={{ base: '100%', xs: 220 }}
        />
        <DateInput
          {...DATE_PICKER_DEFAULTS}
          label="From"
          clearable
          value={values.from || null}
          onChange={(value) => setFilter('from', value ?? '')}
          w={{ base: '100%', xs: 170 }}
        />
        <DateInput
          {...DATE_PICKER_DEFAULTS}
          label="To"
          clearable
          value={values.to || null}
          onChange={(value) => setFilter('to', value ?? '')}
          w={{ base: '100%', xs: 170 }}
        />
      </Group>
      {totals ? (
        <Paper withBorder p="sm" role="group" aria-label="Totals for these filters">
          <Text fw={600} data-testid="finance-totals">
            Total for these filters: {formatDays(totals.days)}, <span data-testid="finance-total-amount">{formatPence(totals.amount_pence)}</span>
          </Text>
        </Paper>
      ) : null}
      <ListState
        isPending={entries.isPending}
        error={entries.error}
        isEmpty={items.length === 0}
        emptyTitle="No entries match"
        emptyDescription="Change the filters or the academic year."
        onRetry={() => void entries.refetch()}
      >
        <TableScroll minWidth={1180} label="Ledger entries for finance table">
          <Table striped aria-label="Ledger entries for finance" aria-busy={entries.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Date</Table.Th>
                <Table.Th scope="col">Specialist</Table.Th>
                <Table.Th scope="col">School</Table.Th>
                <Table.Th scope="col">What</Table.Th>
                <Table.Th scope="col">Days</Table.Th>
                <Table.Th scope="col">Day rate</Table.Th>
                <Table.Th scope="col">Amount</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Approved</Table.Th>
                <Table.Th scope="col">Paid</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(row.date)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/specialists/${row.specialist_id}?year=${encodeURIComponent(year)}`}>
                      {row.specialist_name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {row.school_name}
                    {row.school_urn ? <Text size="xs">URN {row.school_urn}{row.la_name ? ` · ${row.la_name}` : ''}</Text> : null}
                  </Table.Td>
                  <Table.Td>
                    {what(row)}
                    {row.reverses_id ? <Text size="xs">Reversal</Text> : null}
                  </Table.Td>
                  <Table.Td>{row.kind === 'release_days' ? formatDays(row.days) : '—'}</Table.Td>
                  <Table.Td>{row.day_rate_pence === null ? '—' : formatPence(row.day_rate_pence)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatPence(row.amount_pence)}</Table.Td>
                  <Table.Td>{ENTRY_STATUS_LABELS[row.status]}</Table.Td>
                  <Table.Td>
                    {row.approved_at ? (
                      <>
                        {formatDate(row.approved_at)}
                        {row.approved_by_label ? <Text size="xs">{row.approved_by_label}</Text> : null}
                      </>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>
                    {row.paid_at ? (
                      <>
                        {formatDate(row.paid_at)}
                        {row.payment_reference ? <Text size="xs">Ref. {row.payment_reference}</Text> : null}
                      </>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <CursorPager cursor={cursor} nextCursor={entries.data?.next_cursor} onChange={setCursor} shown={items.length} />
      </ListState>
    </Page>
  );
}
