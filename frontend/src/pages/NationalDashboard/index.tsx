import { Card, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useHubRollup } from '../../api/national';
import { useCurrentUser } from '../../auth/currentUser';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { academicYearOf } from '../../lib/format';
import { useListParams } from '../../lib/searchParams';
import { yearChoices } from '../Specialists/years';
import { CoveragePanel } from './CoverageChart';
import { DataCutPanel } from './DataCutPanel';
import { HubsTable } from './HubsTable';

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id} style={{ minWidth: 0 }}>
      <Stack gap="sm">
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Card>
  );
}

function HubsPanel({ academicYear, sort, onSort }: { academicYear: string; sort: string; onSort: (sort: string) => void }) {
  const report = useHubRollup(academicYear);
  return (
    <ListState
      isPending={report.isPending}
      error={report.error}
      isEmpty={(report.data?.hubs.length ?? 0) === 0}
      emptyTitle="No hubs yet"
      onRetry={() => void report.refetch()}
    >
      {report.data ? <HubsTable report={report.data} sort={sort} onSort={onSort} /> : null}
    </ListState>
  );
}

/**
 * The national picture: every hub's figures side by side (sortable), how much of England the
 * hubs reach, and the latest data cut. A hub's staff see their own hub's row and their area.
 */
export function Component() {
  const me = useCurrentUser();
  const national = me.role === 'national_admin';
  const { values, setFilter } = useListParams(['year', 'sort'] as const);
  const year = values.year || academicYearOf(new Date());
  return (
    <Page title={national ? 'National dashboard' : 'Hub figures and coverage'}>
      <Text maw={760}>
        {national
          ? 'Every hub’s figures for the year, with England’s totals; the coverage of state-funded open schools in England; and the latest data cut.'
          : `${me.hub?.name ?? 'Your hub'}’s figures for the year and the coverage of state-funded open schools in your hub’s area.`}
      </Text>
      <Select
        label="Academic year"
        data={yearChoices(year)}
        value={year}
        onChange={(value) => setFilter('year', value ?? '')}
        allowDeselect={false}
        maw={200}
      />
      <Panel id="hubs" title={national ? 'Hubs' : 'Your hub'}>
        <HubsPanel academicYear={year} sort={values.sort} onSort={(sort) => setFilter('sort', sort)} />
      </Panel>
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Panel id="coverage" title={national ? 'Coverage of England’s schools' : 'Coverage of your area’s schools'}>
          <CoveragePanel academicYear={year} />
        </Panel>
        {national ? (
          <Panel id="data-cut" title="Latest data cut">
            <DataCutPanel academicYear={year} />
          </Panel>
        ) : null}
      </SimpleGrid>
    </Page>
  );
}
