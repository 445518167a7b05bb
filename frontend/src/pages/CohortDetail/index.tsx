import { Anchor, Badge, Button, Card, Group, List, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { fetchResidentialForEdit, fetchYearRuleForEdit, useCohort, type Cohort, type CohortYearRule, type Residential } from '../../api/cohorts';
import { useProgramme } from '../../api/programmes';
import { useCurrentUser } from '../../auth/currentUser';
import { HUB_TEAM } from '../../auth/roles';
import { ListState } from '../../components/ListState';
import { TableScroll } from '../../components/TableScroll';
import { Page } from '../../components/Page';
import { formatDate, formatDateTime, formatDays, formatPence } from '../../lib/format';
import { ACTIVITY_LABELS, MODE_LABELS, PROGRAMME_LABELS } from '../../lib/labels';
import { notifyProblem, problemOf } from '../../lib/problem';
import { CohortWindowBadge } from '../Cohorts/CohortWindowBadge';
import { ResidentialModal, type ResidentialLoad } from './ResidentialModal';
import { YearRuleModal } from './YearRuleModal';

function Section({ id, title, action, children }: { id: string; title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Card withBorder component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h3" id={id}>
            {title}
          </Title>
          {action}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <Table variant="vertical" layout="fixed" withRowBorders={false}>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th w={170}>{label}</Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** `default` is the rate for any activity without its own; the others are activity codes. */
function dayRates(rule: CohortYearRule): string {
  const entries = Object.entries(rule.day_rates_pence);
  if (entries.length === 0) return 'Set by the hub';
  return entries
    .sort(([a], [b]) => (a === 'default' ? -1 : b === 'default' ? 1 : a.localeCompare(b)))
    .map(([activity, pence]) => `${formatPence(pence)} a day${activity === 'default' ? '' : ` (${(ACTIVITY_LABELS as Record<string, string>)[activity] ?? activity})`}`)
    .join('; ');
}

function Criteria({ cohort }: { cohort: Cohort }) {
  const programme = useProgramme(cohort.programme.id);
  const criteria = [...(programme.data?.criteria ?? [])].sort((a, b) => a.position - b.position);
  return (
    <ListState
      isPending={programme.isPending}
      error={programme.error}
      isEmpty={criteria.length === 0}
      emptyTitle="No criteria recorded for this programme"
      onRetry={() => void programme.refetch()}
    >
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {(['essential', 'desirable'] as const).map((kind) => (
          <div key={kind}>
            <Title order={3} size="h5" mb="xs">
              {kind === 'essential' ? 'Essential' : 'Desirable'}
            </Title>
            <List size="sm" spacing={4}>
              {criteria
                .filter((criterion) => criterion.kind === kind)
                .map((criterion) => (
                  <List.Item key={criterion.id}>{criterion.wording}</List.Item>
                ))}
            </List>
          </div>
        ))}
      </SimpleGrid>
    </ListState>
  );
}

function CohortDetail({ cohort }: { cohort: Cohort }) {
  const me = useCurrentUser();
  // The API lets national admins change cohorts; hub staff and leads record attendance.
  const canEdit = me.role === 'national_admin';
  const canRecord = me.role !== null && HUB_TEAM.includes(me.role);
  const rules = [...cohort.year_rules].sort((a, b) => a.programme_year - b.programme_year);
  const residentials = [...cohort.residentials].sort((a, b) => a.starts_on.localeCompare(b.starts_on));
  const nextYear = (rules.at(-1)?.programme_year ?? 0) + 1;
  const [editingYear, setEditingYear] = useState<{ year: number; rule: CohortYearRule | null; etag: string | null } | null>(null);
  const [editingResidential, setEditingResidential] = useState<ResidentialLoad | null>(null);

  async function openYear(year: number) {
    try {
      const { rule, etag } = await fetchYearRuleForEdit(cohort.id, year);
      setEditingYear({ year, rule, etag });
    } catch (error) {
      notifyProblem(problemOf(error));
    }
  }
  async function openResidential(residential: Residential) {
    try {
      setEditingResidential(await fetchResidentialForEdit(residential.id));
    } catch (error) {
      notifyProblem(problemOf(error));
    }
  }

  return (
    <Page
      title={cohort.name}
      actions={
        canEdit ? (
          <Button component={Link} to={`/cohorts/${cohort.id}/edit`} variant="default">
            Edit cohort
          </Button>
        ) : undefined
      }
    >
      <Anchor component={Link} to="/cohorts" size="sm">
        All cohorts
      </Anchor>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section id="window" title="Application window">
          <Facts
            rows={[
              ['Status', <CohortWindowBadge key="status" cohort={cohort} />],
              ['Opens', formatDateTime(cohort.opens_at)],
              ['Closes', formatDateTime(cohort.closes_at)],
              ['Code for form tools', <code key="code">{cohort.code}</code>],
            ]}
          />
        </Section>
        <Section id="about" title="About this cohort">
          <Facts
            rows={[
              ['Programme', PROGRAMME_LABELS[cohort.programme.code]],
              ['Development year', cohort.development_year],
              ['Places per hub', cohort.places_per_hub ?? 'Not set'],
              ['References', `Link valid ${cohort.reference_link_days} days; reminder after ${cohort.reference_reminder_days} days`],
              ['Application references', `${cohort.reference_prefix}-000001 onwards`],
            ]}
          />
        </Section>
      </SimpleGrid>
      <Section
        id="year-rules"
        title="Year rules"
        action={
          canEdit && nextYear <= 10 ? (
            <Button size="xs" variant="default" onClick={() => void openYear(nextYear)}>
              Add year {nextYear}
            </Button>
          ) : me.role === 'hub_lead' ? (
            <Anchor component={Link} to={`/day-rates?cohort=${cohort.id}`} size="sm">
              Your hub’s day rates
            </Anchor>
          ) : undefined
        }
      >
        {rules.length === 0 ? (
          <Text>No year rules are set for this cohort.</Text>
        ) : (
          <TableScroll minWidth={640} label="Year rules table">
            <Table aria-labelledby="year-rules" verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Programme year</Table.Th>
                  <Table.Th scope="col">Release days</Table.Th>
                  <Table.Th scope="col">Day rate</Table.Th>
                  <Table.Th scope="col">Grants</Table.Th>
                  <Table.Th scope="col">Notes</Table.Th>
                  {canEdit ? (
                    <Table.Th scope="col">
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rules.map((rule) => (
                  <Table.Tr key={rule.id}>
                    <Table.Td>{rule.programme_year === 1 ? '1 (development year)' : rule.programme_year}</Table.Td>
                    <Table.Td>{formatDays(rule.release_days)}</Table.Td>
                    <Table.Td>{dayRates(rule)}</Table.Td>
                    <Table.Td>
                      {rule.grants.length === 0
                        ? '—'
                        : rule.grants.map((grant) => `${formatPence(grant.amount_pence)}: ${grant.description}`).join('; ')}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{rule.notes ?? '—'}</Text>
                    </Table.Td>
                    {canEdit ? (
                      <Table.Td>
                        <Button size="xs" variant="subtle" onClick={() => void openYear(rule.programme_year)} aria-label={`Edit year ${rule.programme_year}`}>
                          Edit
                        </Button>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Section>
      <Section
        id="residentials"
        title="Residentials"
        action={
          canEdit ? (
            <Button size="xs" variant="default" onClick={() => setEditingResidential({ residential: null, etag: null })}>
              Add residential
            </Button>
          ) : undefined
        }
      >
        {residentials.length === 0 ? (
          <Text>No residentials are scheduled for this cohort yet.</Text>
        ) : (
          <TableScroll minWidth={560} label="Residentials table">
            <Table aria-labelledby="residentials">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Residential</Table.Th>
                  <Table.Th scope="col">Dates</Table.Th>
                  <Table.Th scope="col">Mode</Table.Th>
                  <Table.Th scope="col">Where</Table.Th>
                  {canEdit || canRecord ? (
                    <Table.Th scope="col">
                      <VisuallyHidden>Actions</VisuallyHidden>
                    </Table.Th>
                  ) : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {residentials.map((residential) => (
                  <Table.Tr key={residential.id}>
                    <Table.Td>{residential.title}</Table.Td>
                    <Table.Td>
                      {formatDate(residential.starts_on)} to {formatDate(residential.ends_on)}{' '}
                      {residential.is_provisional ? (
                        <Badge variant="outline" color="orange" tt="none">
                          Provisional
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{MODE_LABELS[residential.mode]}</Table.Td>
                    <Table.Td>{residential.location ?? '—'}</Table.Td>
                    {canEdit || canRecord ? (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          {canRecord ? (
                            <Anchor component={Link} to={`/cohorts/${cohort.id}/residentials/${residential.id}/attendance`} size="sm" aria-label={`Attendance at ${residential.title}`}>
                              Attendance
                            </Anchor>
                          ) : null}
                          {canEdit ? (
                            <Button size="xs" variant="subtle" onClick={() => void openResidential(residential)} aria-label={`Edit ${residential.title}`}>
                              Edit
                            </Button>
                          ) : null}
                        </Group>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Section>
      <Section id="criteria" title="Criteria">
        <Criteria cohort={cohort} />
      </Section>
      <YearRuleModal
        cohortId={cohort.id}
        programmeYear={editingYear?.year ?? null}
        load={editingYear}
        onClose={() => setEditingYear(null)}
      />
      <ResidentialModal cohortId={cohort.id} load={editingResidential} onClose={() => setEditingResidential(null)} />
    </Page>
  );
}

export function Component() {
  const { cohortId = '' } = useParams();
  const cohort = useCohort(cohortId);
  if (cohort.isPending || cohort.isError) {
    return (
      <Page title="Cohort">
        <ListState isPending={cohort.isPending} error={cohort.error} isEmpty={false} emptyTitle="" onRetry={() => void cohort.refetch()}>
          {null}
        </ListState>
      </Page>
    );
  }
  return <CohortDetail cohort={cohort.data} />;
}
