import { Alert, Anchor, Box, Button, Card, Group, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useDayRates, type DayRates } from '../../api/dayRates';
import { useHubNames } from '../../api/hubs';
import { useCurrentUser } from '../../auth/currentUser';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { TableScroll } from '../../components/TableScroll';
import { formatDate, formatPence } from '../../lib/format';
import { PROGRAMME_LABELS } from '../../lib/labels';
import { ClearDayRatesModal, DayRatesModal } from './DayRatesModal';
import { rateLabel, sortedRates } from './values';

/** `?cohort=<id>&year=<n>`, as the claim form's "no day rate" refusal links here. */
function useTarget() {
  const [params] = useSearchParams();
  const cohort = params.get('cohort');
  const year = Number(params.get('year'));
  return { cohort, year: Number.isInteger(year) && year > 0 ? year : null };
}

function rowLabel(row: DayRates): string {
  return `${row.cohort_name}, year ${row.programme_year} (${row.academic_year})`;
}

function Rates({ rates, empty }: { rates: Record<string, number>; empty: string }) {
  const sorted = sortedRates(rates);
  if (sorted.length === 0) return <Text size="sm">{empty}</Text>;
  return (
    <Stack gap={2}>
      {sorted.map(([key, pence]) => (
        <Text size="sm" key={key}>
          {rateLabel(key)}: <strong>{formatPence(pence)}</strong>
        </Text>
      ))}
    </Stack>
  );
}

function CohortName({ row }: { row: DayRates }) {
  return (
    <div>
      <Anchor component={Link} to={`/cohorts/${row.cohort_id}`}>
        {row.cohort_name}
      </Anchor>
      <Text size="xs">{PROGRAMME_LABELS[row.programme]}</Text>
    </div>
  );
}

function YearName({ row }: { row: DayRates }) {
  return (
    <div>
      Year {row.programme_year}
      {row.programme_year === 1 ? ' (development)' : ''}
      <Text size="xs">{row.academic_year}</Text>
    </div>
  );
}

function HubRates({ row }: { row: DayRates }) {
  const unpaid = Object.keys(row.effective_rates_pence).length === 0;
  return (
    <>
      {row.hub_rates_pence ? (
        <>
          <Rates rates={row.hub_rates_pence} empty="None" />
          {row.updated_at ? <Text size="xs">Set {formatDate(row.updated_at)}</Text> : null}
        </>
      ) : (
        <Text size="sm">The national rule</Text>
      )}
      {unpaid ? (
        <Text size="sm" fw={700} c="red.9" mt={4}>
          No rate: claims are refused
        </Text>
      ) : null}
    </>
  );
}

function Actions({ row, onEdit, onClear }: { row: DayRates; onEdit: (row: DayRates) => void; onClear: (row: DayRates) => void }) {
  const label = rowLabel(row);
  return (
    <Group gap={4} wrap="wrap">
      <Button
        size="compact-sm"
        variant="subtle"
        onClick={() => onEdit(row)}
        aria-label={`${row.hub_rates_pence ? 'Change the rates' : 'Set rates'} for ${label}`}
      >
        {row.hub_rates_pence ? 'Change' : 'Set rates'}
      </Button>
      {row.hub_rates_pence ? (
        <Button size="compact-sm" variant="subtle" color="red" onClick={() => onClear(row)} aria-label={`Use the national rates for ${label}`}>
          Use the national rates
        </Button>
      ) : null}
    </Group>
  );
}

/**
 * Hub leads set what their hub pays a day, per cohort × programme year, beside the cohort's
 * national rule (which applies wherever the hub sets nothing). National admins choose a hub.
 */
export function Component() {
  const me = useCurrentUser();
  const isNational = me.role === 'national_admin';
  const [params, setParams] = useSearchParams();
  const hubId = isNational ? (params.get('hub') ?? '') : '';
  const { hubs, nameOf } = useHubNames(isNational);
  const rates = useDayRates({ hubId: hubId || undefined, enabled: !isNational || hubId !== '' });
  const target = useTarget();
  const [editing, setEditing] = useState<DayRates | null>(null);
  const [clearing, setClearing] = useState<DayRates | null>(null);
  const scrolledToTarget = useRef(false);
  // Arriving from a refused claim (`?cohort=…&year=…`), that row's rates open until closed once.
  const [targetDismissed, setTargetDismissed] = useState(false);

  const items = rates.data?.items ?? [];
  const targetRow = items.find((row) => row.cohort_id === target.cohort && (target.year === null || row.programme_year === target.year));

  const shown = editing ?? (!targetDismissed && target.year !== null ? (targetRow ?? null) : null);
  function closeEditor() {
    setEditing(null);
    setTargetDismissed(true);
  }

  // Bring the linked row into view once.
  useEffect(() => {
    if (!targetRow || scrolledToTarget.current) return;
    scrolledToTarget.current = true;
    // The table or the cards, whichever this screen shows.
    const shownRow = [...document.querySelectorAll<HTMLElement>('[data-target-row]')].find((element) => element.offsetParent !== null);
    shownRow?.scrollIntoView({ block: 'center' });
  }, [targetRow]);

  const hubName = isNational ? nameOf(hubId) : (me.hub?.name ?? null);
  // Arriving from a refused claim, the way back to it (a path of this SPA only).
  const back = params.get('back');
  const backTo = back?.startsWith('/') && !back.startsWith('//') ? back : null;

  return (
    <Page title="Day rates">
      <Text maw={760}>
        What {hubName ?? (isNational ? 'each hub' : 'your hub')} pays a specialist’s school for each day of release, by cohort and programme year. Where the hub
        sets no rate, the cohort’s national rule applies; where neither has a rate for an activity, claims for it are refused until
        one is set.
      </Text>
      {backTo ? (
        <Anchor component={Link} to={backTo}>
          Back to the claim
        </Anchor>
      ) : null}
      {isNational ? (
        <Select
          label="Hub"
          placeholder="Choose a hub"
          searchable
          data={(hubs.data?.items ?? []).map((hub) => ({ value: hub.id, label: hub.name }))}
          value={hubId || null}
          onChange={(value) => {
            const next = new URLSearchParams(params);
            if (value) next.set('hub', value);
            else next.delete('hub');
            setParams(next, { replace: true });
          }}
          w={{ base: '100%', xs: 320 }}
        />
      ) : null}
      {isNational && !hubId ? (
        <Text>Choose a hub to see and set its day rates.</Text>
      ) : (
        <ListState
          isPending={rates.isPending}
          error={rates.error}
          isEmpty={items.length === 0}
          emptyTitle="No programme years to set rates for"
          emptyDescription="Rates are set per programme year of a cohort; no cohort has year rules yet."
          onRetry={() => void rates.refetch()}
        >
          {target.cohort && !targetRow ? (
            <Alert color="orange" variant="light" title="That programme year was not found">
              The cohort or programme year in the link has no year rule. Choose the row below.
            </Alert>
          ) : null}
          {/* Phones get one card per programme year; wider screens the table. */}
          <Stack gap="sm" hiddenFrom="sm">
            {items.map((row) => (
              <Card
                key={`${row.cohort_id}-${row.programme_year}`}
                withBorder
                component="section"
                aria-label={rowLabel(row)}
                aria-current={row === targetRow ? 'true' : undefined}
                data-target-row={row === targetRow ? '' : undefined}
                bg={row === targetRow ? 'var(--mantine-color-yellow-0)' : undefined}
              >
                <Stack gap="xs">
                  <CohortName row={row} />
                  <YearName row={row} />
                  <div>
                    <Text size="sm" fw={700}>
                      National rule
                    </Text>
                    <Rates rates={row.national_rates_pence} empty="None: the hub sets the rates" />
                  </div>
                  <div>
                    <Text size="sm" fw={700}>
                      {isNational ? 'The hub’s rates' : 'Your hub’s rates'}
                    </Text>
                    <HubRates row={row} />
                  </div>
                  <Actions row={row} onEdit={setEditing} onClear={setClearing} />
                </Stack>
              </Card>
            ))}
          </Stack>
          <Box visibleFrom="sm">
            <TableScroll minWidth={720} label="Day rates table">
              <Table aria-label="Day rates by cohort and programme year" verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Cohort</Table.Th>
                    <Table.Th scope="col">Programme year</Table.Th>
                    <Table.Th scope="col">National rule</Table.Th>
                    <Table.Th scope="col">{isNational ? 'The hub’s rates' : 'Your hub’s rates'}</Table.Th>
                    <Table.Th scope="col">
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((row) => (
                    <Table.Tr
                      key={`${row.cohort_id}-${row.programme_year}`}
                      aria-current={row === targetRow ? 'true' : undefined}
                      data-target-row={row === targetRow ? '' : undefined}
                      bg={row === targetRow ? 'var(--mantine-color-yellow-0)' : undefined}
                    >
                      <Table.Td>
                        <CohortName row={row} />
                      </Table.Td>
                      <Table.Td>
                        <YearName row={row} />
                      </Table.Td>
                      <Table.Td>
                        <Rates rates={row.national_rates_pence} empty="None: the hub sets the rates" />
                      </Table.Td>
                      <Table.Td>
                        <HubRates row={row} />
                      </Table.Td>
                      <Table.Td>
                        <Actions row={row} onEdit={setEditing} onClear={setClearing} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          </Box>
        </ListState>
      )}
      <DayRatesModal
        row={shown}
        hubId={isNational ? hubId : undefined}
        onClose={closeEditor}
        onSaved={(saved) => {
          notifications.show({ color: 'green', message: `Day rates for ${rowLabel(saved)} are saved.` });
          closeEditor();
        }}
      />
      <ClearDayRatesModal row={clearing} hubId={isNational ? hubId : undefined} onClose={() => setClearing(null)} />
    </Page>
  );
}
