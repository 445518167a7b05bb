import { BarChart } from '@mantine/charts';
import '@mantine/charts/styles.css';
import { Box, SegmentedControl, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useId, useState } from 'react';
import { useCoverage, type CoverageBy, type CoverageReport, type CoverageRow } from '../../api/national';
import { ListState } from '../../components/ListState';

function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value.toFixed(1)}%`;
}

const PHASES = [
  ['primary', 'Primary'],
  ['secondary', 'Secondary'],
  ['all_through', 'All-through'],
] as const;

/** Engaged (signed up, completed) and with a specialist, as shares of each row's schools. */
export function CoverageBars({ report, captionId }: { report: CoverageReport; captionId: string }) {
  const data = report.rows.map((row: CoverageRow) => ({
    name: row.label,
    signed_up: row.engaged_signed_up_percent ?? 0,
    completed: row.engaged_completed_percent ?? 0,
    specialist: row.with_specialist_percent ?? 0,
  }));
  const t = report.totals;
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed" id={captionId}>
        {t.label}, {report.academic_year}: {t.engaged_signed_up} of {t.schools} state-funded open schools engaged (
        {percent(t.engaged_signed_up_percent)}), {t.engaged_completed} completed ({percent(t.engaged_completed_percent)}),{' '}
        {t.with_specialist} with a specialist ({percent(t.with_specialist_percent)}).
      </Text>
      <Box aria-hidden data-testid="coverage-chart">
        <BarChart
          h={Math.max(160, 60 + data.length * 44)}
          data={data}
          dataKey="name"
          orientation="vertical"
          series={[
            { name: 'signed_up', label: 'Engaged', color: 'indigo.6' },
            { name: 'completed', label: 'Completed', color: 'teal.6' },
            { name: 'specialist', label: 'With a specialist', color: 'orange.6' },
          ]}
          withLegend
          tickLine="x"
          yAxisProps={{ width: 100, interval: 0 }}
          xAxisProps={{ domain: [0, 100], unit: '%' }}
          barChartProps={{ accessibilityLayer: false }}
        />
      </Box>
      <VisuallyHidden>
        <Table aria-describedby={captionId}>
          <caption>Coverage of state-funded open schools, {report.academic_year}</caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{report.by === 'phase' ? 'Phase' : report.by === 'la' ? 'Local authority' : report.by === 'hub' ? 'Hub' : 'Region'}</Table.Th>
              <Table.Th scope="col">Schools</Table.Th>
              <Table.Th scope="col">Engaged</Table.Th>
              <Table.Th scope="col">Completed</Table.Th>
              <Table.Th scope="col">With a specialist</Table.Th>
              {report.by !== 'phase'
                ? PHASES.map(([key, label]) => (
                    <Table.Th scope="col" key={key}>
                      {label} engaged
                    </Table.Th>
                  ))
                : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...report.rows, report.totals].map((row) => (
              <Table.Tr key={row.key ?? row.label}>
                <Table.Th scope="row">{row.label}</Table.Th>
                <Table.Td>{row.schools}</Table.Td>
                <Table.Td>
                  {row.engaged_signed_up} ({percent(row.engaged_signed_up_percent)})
                </Table.Td>
                <Table.Td>
                  {row.engaged_completed} ({percent(row.engaged_completed_percent)})
                </Table.Td>
                <Table.Td>
                  {row.with_specialist} ({percent(row.with_specialist_percent)})
                </Table.Td>
                {report.by !== 'phase'
                  ? PHASES.map(([key]) => {
                      const phase = row.by_phase[key];
                      return (
                        <Table.Td key={key}>
                          {phase ? `${phase.engaged_signed_up} of ${phase.schools} (${percent(phase.engaged_signed_up_percent)})` : '—'}
                        </Table.Td>
                      );
                    })
                  : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </VisuallyHidden>
    </Stack>
  );
}

const BREAKDOWNS: { value: CoverageBy; label: string }[] = [
  { value: 'region', label: 'By region' },
  { value: 'phase', label: 'By phase' },
];

/** `GET /reports/coverage` by region or by phase, with a switch between the two. */
export function CoveragePanel({ academicYear }: { academicYear: string }) {
  const [by, setBy] = useState<CoverageBy>('region');
  const coverage = useCoverage(academicYear, by);
  const captionId = useId();
  return (
    <Stack gap="sm">
      <SegmentedControl aria-label="Coverage breakdown" data={BREAKDOWNS} value={by} onChange={(value) => setBy(value)} />
      <ListState
        isPending={coverage.isPending}
        error={coverage.error}
        isEmpty={(coverage.data?.totals.schools ?? 0) === 0}
        emptyTitle="No state-funded open schools in England are loaded"
        emptyDescription="Import the GIAS file (Schools) to see coverage."
        onRetry={() => void coverage.refetch()}
      >
        {coverage.data ? <CoverageBars report={coverage.data} captionId={captionId} /> : null}
      </ListState>
    </Stack>
  );
}
