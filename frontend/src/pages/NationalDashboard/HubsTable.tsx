import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { HubFigures, HubRollup } from '../../api/national';
import { SortableTh } from '../../components/SortableTh';
import { TableScroll } from '../../components/TableScroll';
import { formatDays, formatPence } from '../../lib/format';
import { sortHubs, type HubColumn } from './sortHubs';

const COLUMNS: { column: HubColumn; label: string }[] = [
  { column: 'applications', label: 'Applications' },
  { column: 'places_filled', label: 'Places filled' },
  { column: 'specialists', label: 'Active specialists' },
  { column: 'accredited', label: 'PD Leads accredited' },
  { column: 'work_groups', label: 'Work groups' },
  { column: 'schools', label: 'Schools completed' },
  { column: 'at_risk', label: 'At risk' },
  { column: 'days', label: 'Days claimed' },
  { column: 'paid', label: 'Paid' },
];

function Figures({ figures, atRiskLink }: { figures: HubFigures; atRiskLink: string | null }) {
  const r = figures.release_days;
  return (
    <>
      <Table.Td>{figures.applications}</Table.Td>
      <Table.Td>
        {figures.places_filled} of {figures.places}
      </Table.Td>
      <Table.Td>{figures.active_specialists}</Table.Td>
      <Table.Td>{figures.accreditation.accredited ?? 0}</Table.Td>
      <Table.Td>{figures.work_groups}</Table.Td>
      <Table.Td>
        {figures.schools_completed} of {figures.schools_signed_up}
      </Table.Td>
      <Table.Td>
        {atRiskLink ? (
          <Anchor component={Link} to={atRiskLink}>
            {figures.at_risk_specialists}
          </Anchor>
        ) : (
          figures.at_risk_specialists
        )}
      </Table.Td>
      <Table.Td>
        {formatDays(r.claimed_days)} of {formatDays(r.entitlement_days)}
      </Table.Td>
      <Table.Td>{formatPence(r.paid_pence)}</Table.Td>
    </>
  );
}

/** One row per hub and a total row; columns sort in the browser (every hub is on one page). */
export function HubsTable({ report, sort, onSort }: { report: HubRollup; sort: string; onSort: (sort: string) => void }) {
  const rows = sortHubs(report.hubs, sort);
  return (
    <TableScroll minWidth={1000} label="Hubs' figures">
      <Table striped highlightOnHover data-testid="hubs-table">
        <caption>
          <Text size="sm" c="dimmed" component="span">
            {report.academic_year}: schools completed of those signed up to a work group; days claimed of active specialists&apos;
            entitlement. The total counts a school once however many hubs engaged it.
          </Text>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <SortableTh column="hub" sort={sort} defaultSort="hub" onSort={onSort} label="Hub" />
            {COLUMNS.map(({ column, label }) => (
              <SortableTh key={column} column={column} sort={sort} defaultSort="hub" onSort={onSort} label={label} />
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.hub_id}>
              <Table.Th scope="row">{row.hub_name}</Table.Th>
              <Figures
                figures={row}
                atRiskLink={`/specialists?${new URLSearchParams({ hub: row.hub_id, warning: 'attention', year: report.academic_year }).toString()}`}
              />
            </Table.Tr>
          ))}
        </Table.Tbody>
        {report.hubs.length > 1 ? (
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">England</Table.Th>
              <Figures figures={report.totals} atRiskLink={null} />
            </Table.Tr>
          </Table.Tfoot>
        ) : null}
      </Table>
    </TableScroll>
  );
}
