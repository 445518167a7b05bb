import { Alert, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useSearchParams } from 'react-router';
import type { Me } from '../../api/auth';
import { useLedger } from '../../api/releaseDays';
import { useProgress, useSpecialist } from '../../api/specialists';
import { useCurrentUser } from '../../auth/currentUser';
import { FullPageLoader } from '../../components/FullPageLoader';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SpecialistProposedClaims } from '../../components/ProposedClaims';
import { Section } from '../../components/Section';
import { ThisMonth } from '../../components/ThisMonth';
import { formatDate } from '../../lib/format';
import { PROGRAMME_LABELS } from '../../lib/labels';
import { londonMonth } from '../../lib/months';
import { yearChoices } from '../Specialists/years';
import { Balance, ProgressPanel } from '../SpecialistDetail';
import { ClaimForm } from '../SpecialistDetail/ClaimForm';
import { Entries } from '../SpecialistDetail/Entries';
import { CalendarFeed } from '../TrgMeetings/CalendarFeed';
import { MyTrgMeetings, MyWorkGroups } from './Delivery';

type MeSpecialist = NonNullable<Me['specialists']>[number];

const programmeName = (record: MeSpecialist) => `${record.cohort_name} (${PROGRAMME_LABELS[record.programme]})`;

/**
 * A Mastery Specialist's home: their year's progress, release days and claims, their TRG
 * meetings and work groups, and this month's events. It acts for the specialist records `/me`
 * lists (a person appointed to two cohorts chooses one) and opens on the year that has an
 * entitlement (`default_academic_year`), not on an empty one.
 */
export function Component() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const mine = me.specialists ?? [];
  const chosen = mine.find((record) => record.id === params.get('specialist')) ?? mine[0];

  if (!chosen) {
    return (
      <Page title="My programme">
        <Alert color="orange" variant="light" title="Your sign-in is not linked to a specialist record">
          Your release days, claims and progress appear here once your hub lead links your sign-in to your specialist
          record.
        </Alert>
      </Page>
    );
  }
  const year = params.get('year') ?? chosen.default_academic_year;
  return (
    <Page title="My programme">
      {mine.length > 1 ? (
        <Select
          label="Programme"
          description="You are a specialist in more than one cohort"
          data={mine.map((record) => ({ value: record.id, label: programmeName(record) }))}
          value={chosen.id}
          allowDeselect={false}
          onChange={(value) => {
            if (value) setParams({ specialist: value }, { replace: true });
          }}
          w={{ base: '100%', xs: 360 }}
        />
      ) : null}
      <Programme
        key={chosen.id}
        specialistId={chosen.id}
        year={year}
        onYear={(value) => {
          setParams({ ...(mine.length > 1 ? { specialist: chosen.id } : {}), year: value }, { replace: true });
        }}
      />
    </Page>
  );
}

function Programme({ specialistId, year, onYear }: { specialistId: string; year: string; onYear: (year: string) => void }) {
  const specialist = useSpecialist(specialistId, year);
  const progress = useProgress(specialistId, year);
  const ledger = useLedger(specialistId, year);
  const month = londonMonth(new Date());

  if (specialist.isPending) return <FullPageLoader label="Loading your programme…" />;
  if (specialist.isError) return <ProblemAlert error={specialist.error} onRetry={() => void specialist.refetch()} />;
  const person = specialist.data;
  return (
    <Stack gap="lg">
      <Text>
        {person.first_name} {person.last_name} · {person.cohort.name} ·{' '}
        {person.school ? `${person.school.name} (URN ${person.school.urn})` : 'No school on record'} · appointed{' '}
        {formatDate(person.appointed_on)}
      </Text>
      <Select
        label="Academic year"
        data={yearChoices(person.cohort.development_year)}
        value={year}
        allowDeselect={false}
        onChange={(value) => {
          if (value) onYear(value);
        }}
        w={160}
      />
      <ListState isPending={progress.isPending} error={progress.error} isEmpty={false} emptyTitle="" onRetry={() => void progress.refetch()}>
        {progress.data ? <ProgressPanel progress={progress.data} /> : null}
      </ListState>
      <SpecialistProposedClaims specialistId={person.id} forThemself />
      <Section title={`Release days and claims, ${year}`} id="ledger-heading">
        <ListState isPending={ledger.isPending} error={ledger.error} isEmpty={false} emptyTitle="" onRetry={() => void ledger.refetch()}>
          {ledger.data ? (
            <Stack>
              <Balance ledger={ledger.data} />
              <ClaimForm
                specialist={person}
                academicYear={year}
                programmeYear={ledger.data.programme_year}
                remaining={ledger.data.balance.remaining_days}
              />
              <Entries specialistId={person.id} entries={ledger.data.entries} />
            </Stack>
          ) : null}
        </ListState>
      </Section>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Section title={`My TRG meetings, ${year}`} id="my-trg-meetings">
          <MyTrgMeetings specialistId={person.id} academicYear={year} />
        </Section>
        <Section title={`My work groups, ${year}`} id="my-work-groups">
          <MyWorkGroups specialistId={person.id} academicYear={year} />
        </Section>
        <Section title={`This month: ${month.label}`} id="my-month">
          <ThisMonth {...month} labelledBy="my-month" />
        </Section>
        <Section title="Your calendar" id="my-calendar">
          <CalendarFeed />
        </Section>
      </SimpleGrid>
    </Stack>
  );
}
