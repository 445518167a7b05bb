import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Anchor, Box, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { Link } from 'react-router';
import { useReleaseDayReport, type ReleaseDayReport } from '../../api/reports';
import { ListState } from '../../components/ListState';
import { formatDays } from '../../lib/format';

/** A dashboard shows a glance, not the whole hub: the rest is on the specialists page. */
export const CHART_LIMIT = 20;

/** Days used (claimed, net of reversals) against each specialist's entitlement, by name. */
export function ReleaseDaysChart({ report, captionId }: { report: ReleaseDayReport; captionId: string }) {
  const shown = report.specialists.slice(0, CHART_LIMIT);
  const data = shown.map((line) => ({
    name: `${line.first_name} ${line.last_name}`,
    used: line.claimed_days,
    entitlement: line.entitlement_days,
  }));
  const more = report.specialists.length - shown.length;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed" id={captionId}>
        {report.academic_year}: {formatDays(report.totals.claimed_days)} used of {formatDays(report.totals.entitlement_days)} across{' '}
        {report.specialists.length} {report.specialists.length === 1 ? 'specialist' : 'specialists'}
        {more > 0 ? `; the first ${shown.length} by name are shown` : ''}.
      </Text>
      <Box aria-hidden data-testid="release-days-chart">
        <BarChart
          h={Math.max(160, 44 + data.length * 36)}
          data={data}
          dataKey="name"
          orientation="vertical"
          series={[
            { name: 'used', label: 'Used', color: 'indigo.6' },
            { name: 'entitlement', label: 'Entitlement', color: 'gray.4' },
          ]}
          withLegend
          tickLine="x"
          yAxisProps={{ width: 110, interval: 0 }}
          xAxisProps={{ allowDecimals: false }}
          barChartProps={{ accessibilityLayer: false }}
        />
      </Box>
      <VisuallyHidden>
        <Table aria-describedby={captionId}>
          <caption>Release days used against entitlement, {report.academic_year}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Specialist</Table.Th>
              <Table.Th scope="col">Used</Table.Th>
              <Table.Th scope="col">Approved</Table.Th>
              <Table.Th scope="col">Entitlement</Table.Th>
              <Table.Th scope="col">Remaining</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((line) => (
              <Table.Tr key={line.specialist_id}>
                <Table.Th scope="row">
                  {line.first_name} {line.last_name}
                </Table.Th>
                <Table.Td>{formatDays(line.claimed_days)}</Table.Td>
                <Table.Td>{formatDays(line.approved_days)}</Table.Td>
                <Table.Td>{formatDays(line.entitlement_days)}</Table.Td>
                <Table.Td>{formatDays(line.remaining_days)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
      <Anchor component={Link} to="/specialists" size="sm">
        {more > 0 ? `See all ${report.specialists.length} specialists` : 'Open specialists'}
      </Anchor>
    </Stack>
  );
}

/** `GET /reports/release-days` for this academic year: loading, error, empty, chart. */
export function ReleaseDaysPanel({ academicYear }: { academicYear: string }) {
  const report = useReleaseDayReport(academicYear);
  return (
    <ListState
      isPending={report.isPending}
      error={report.error}
      isEmpty={(report.data?.specialists.length ?? 0) === 0}
      emptyTitle={`No specialists in the programme in ${academicYear}`}
      emptyDescription="Appointed specialists and their release days are counted here."
      onRetry={() => void report.refetch()}
    >
      {report.data ? <ReleaseDaysChart report={report.data} captionId="release-days-total" /> : null}
    </ListState>
  );
}
