import { Anchor, Badge, Group, Paper, Progress, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { useLedger, type Ledger } from '../../api/releaseDays';
import { useProgress, useSpecialist, type SpecialistProgress } from '../../api/specialists';
import { useCurrentUser } from '../../auth/currentUser';
import { FullPageLoader } from '../../components/FullPageLoader';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SpecialistProposedClaims } from '../../components/ProposedClaims';
import { formatDate, formatDays, formatPence } from '../../lib/format';
import { ACCREDITATION_LABELS, SPECIALIST_STATUS_LABELS } from '../../lib/labels';
import { Component as NotFound } from '../NotFound';
import { yearChoices } from '../Specialists/years';
import { ClaimForm } from './ClaimForm';
import { Entries } from './Entries';
import { ManageSpecialist } from './ManageSpecialist';

/** A specialist's own record is their My programme page; anyone else's is not theirs to see. */
export function Component() {
  const me = useCurrentUser();
  const { specialistId = '' } = useParams();
  const [params] = useSearchParams();
  if (me.role !== 'specialist') return <SpecialistPage />;
  if (!(me.specialists ?? []).some((record) => record.id === specialistId)) return <NotFound />;
  const year = params.get('year');
  const query = new URLSearchParams({ specialist: specialistId, ...(year ? { year } : {}) });
  return <Navigate to={`/my-programme?${query.toString()}`} replace />;
}

function SpecialistPage() {
  const { specialistId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const requestedYear = params.get('year') ?? undefined;
  const specialist = useSpecialist(specialistId, requestedYear);
  const year = requestedYear ?? specialist.data?.academic_year;
  const progress = useProgress(specialistId, year);
  const ledger = useLedger(specialistId, year);

  if (specialist.isPending) return <FullPageLoader label="Loading the specialist…" />;
  if (specialist.isError) {
    return (
      <Page title="Specialist">
        <ProblemAlert error={specialist.error} onRetry={() => void specialist.refetch()} />
      </Page>
    );
  }
  const person = specialist.data;
  const academicYear = year ?? person.academic_year;
  return (
    <Page
      title={`${person.first_name} ${person.last_name}`}
      actions={
        <Anchor component={Link} to="/specialists">
          All specialists
        </Anchor>
      }
    >
      <Group gap="xs" wrap="wrap">
        <Badge size="lg" variant="light" color={person.status === 'active' ? 'green' : 'gray'}>
          {SPECIALIST_STATUS_LABELS[person.status]}
        </Badge>
        <Text size="sm">
          {person.cohort.name} · {person.school ? `${person.school.name} (URN ${person.school.urn})` : 'No school on record'} ·
          appointed {formatDate(person.appointed_on)} · {person.email}
        </Text>
      </Group>
      <ManageSpecialist specialist={person} />
      <Select
        label="Academic year"
        data={yearChoices(person.cohort.development_year)}
        value={academicYear}
        allowDeselect={false}
        onChange={(value) => {
          if (value) setParams({ year: value }, { replace: true });
        }}
        w={160}
      />
      <ListState
        isPending={progress.isPending}
        error={progress.error}
        isEmpty={false}
        emptyTitle=""
        onRetry={() => void progress.refetch()}
      >
        {progress.data ? <ProgressPanel progress={progress.data} /> : null}
      </ListState>
      <SpecialistProposedClaims specialistId={person.id} forThemself={false} />
      <Paper withBorder p="md" component="section" aria-labelledby="ledger-heading">
        <Title order={2} size="h3" id="ledger-heading" mb="sm">
          Release days and payments, {academicYear}
        </Title>
        <ListState
          isPending={ledger.isPending}
          error={ledger.error}
          isEmpty={false}
          emptyTitle=""
          onRetry={() => void ledger.refetch()}
        >
          {ledger.data ? (
            <Stack>
              <Balance ledger={ledger.data} />
              <ClaimForm
                specialist={person}
                academicYear={academicYear}
                programmeYear={ledger.data.programme_year}
                remaining={ledger.data.balance.remaining_days}
              />
              <Entries specialistId={person.id} entries={ledger.data.entries} />
            </Stack>
          ) : null}
        </ListState>
      </Paper>
    </Page>
  );
}

export function Balance({ ledger }: { ledger: Ledger }) {
  const { balance } = ledger;
  const used = balance.claimed_days;
  const entitlement = balance.entitlement_days;
  const percent = entitlement > 0 ? Math.min(100, (used / entitlement) * 100) : 0;
  return (
    <Stack gap={6} role="group" aria-label="Release-day balance">
      <Group justify="space-between" wrap="wrap">
        <Text fw={600}>
          {formatDays(used)} used of {formatDays(entitlement)}
        </Text>
        <Text data-testid="remaining-days">{formatDays(balance.remaining_days)} remaining</Text>
      </Group>
      <Progress
        value={percent}
        size="xl"
        color={percent >= 100 ? 'red' : percent >= 80 ? 'orange' : 'blue'}
        aria-label={`Release days used: ${used} of ${entitlement}`}
      />
      <Text size="sm">
        Claimed {formatPence(balance.claimed_pence)} · approved {formatPence(balance.approved_pence)} · paid{' '}
        {formatPence(balance.paid_pence)} · owed {formatPence(balance.owed_pence)}
      </Text>
    </Stack>
  );
}

function Measure({ label, value, target }: { label: string; value: string; target?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm">{label}</Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
      {target ? <Text size="xs">{target}</Text> : null}
    </Paper>
  );
}

export function ProgressPanel({ progress }: { progress: SpecialistProgress }) {
  const { residentials, trg_meetings: trgs, work_groups: groups, release_days: days, accreditation } = progress;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="progress-heading">
      <Title order={2} size="h3" id="progress-heading" mb="sm">
        Progress against expectations{progress.programme_year ? ` (programme year ${progress.programme_year})` : ''}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }}>
        <Measure
          label="Residentials attended"
          value={`${residentials.attended} of ${residentials.expected}`}
          target={`${residentials.excused} excused, ${residentials.absent} absent, ${residentials.not_recorded} not recorded`}
        />
        <Measure label="School TRGs held" value={String(trgs.school_trgs_held)} />
        <Measure
          label="Pilot TRGs held"
          value={String(trgs.pilot_trgs_held)}
          target={trgs.pilot_trg_expected ? 'Expected this year' : 'Not expected this year'}
        />
        <Measure label="Work groups led" value={String(groups.led)} target={groups.expected ? 'Expected this year' : 'Not expected this year'} />
        <Measure
          label="Release days used"
          value={`${days.used_days} of ${days.entitlement_days}`}
          target={`${formatDays(days.remaining_days)} remaining`}
        />
      </SimpleGrid>
      <Text size="sm" mt="sm">
        NCETM Accredited PD Lead: {ACCREDITATION_LABELS[accreditation.status]}
        {accreditation.accredited_on ? `, accredited ${formatDate(accreditation.accredited_on)}` : ''}
        {accreditation.started_on && !accreditation.accredited_on ? `, started ${formatDate(accreditation.started_on)}` : ''}
      </Text>
    </Paper>
  );
}
