import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Box, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import type { ApplicationsByStatus } from '../../api/applications';
import { APPLICATION_STATUS_LABELS } from '../../lib/labels';

/** The chart, drawn for sighted users; the same figures as a table for screen readers. */
export function ApplicationsByStatusChart({ report, captionId }: { report: ApplicationsByStatus; captionId: string }) {
  const data = report.statuses.map((line) => ({ status: APPLICATION_STATUS_LABELS[line.status], count: line.count }));
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed" id={captionId}>
        {report.total} {report.total === 1 ? 'application' : 'applications'} in all
      </Text>
      <Box aria-hidden data-testid="applications-by-status-chart">
        <BarChart
          h={260}
          data={data}
          dataKey="status"
          series={[{ name: 'count', label: 'Applications', color: 'indigo.6' }]}
          tickLine="y"
          xAxisProps={{ interval: 0, angle: -30, textAnchor: 'end', height: 70 }}
          yAxisProps={{ allowDecimals: false }}
          barChartProps={{ accessibilityLayer: false }}
        />
      </Box>
      <VisuallyHidden>
        <Table aria-describedby={captionId}>
          <caption>Applications by status</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Applications</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((row) => (
              <Table.Tr key={row.status}>
                <Table.Th scope="row">{row.status}</Table.Th>
                <Table.Td>{row.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </Stack>
  );
}
