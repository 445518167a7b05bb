import { Anchor, Button, Group, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useYearRule } from '../../api/cohorts';
import { useClaim } from '../../api/releaseDays';
import { useClaimableEvents, type Specialist } from '../../api/specialists';
import { useCurrentUser } from '../../auth/currentUser';
import { HUB_LEADS } from '../../auth/roles';
import { DateField } from '../../components/DateField';
import { DaysInput } from '../../components/DaysInput';
import { SchoolSelect } from '../../components/pickers';
import { formatDate, formatDays, formatPence } from '../../lib/format';
import { halfDaysError } from '../../lib/halfDays';
import { ACTIVITY_LABELS, ENTRY_KIND_LABELS, options } from '../../lib/labels';
import { applyProblemToForm, problemOf, type Problem } from '../../lib/problem';
import { poundsToPence } from '../CohortDetail/money';
import { claimBody, evidenceKey, evidenceOptions, type ClaimValues } from './claimValues';

// The API's names for what this form calls otherwise.
const FIELD_MAP = { amount_pence: 'amount', 'evidence.id': 'evidence', 'evidence.type': 'evidence' };

/**
 * Claim release days, a grant or travel for a specialist, optionally for one of their own
 * recorded events ("claim for this meeting"), which fills in the date and the activity. Every
 * refusal lands beside the field it concerns, in the API's words; a missing day rate says where
 * a hub lead sets it.
 */
export function ClaimForm({
  specialist,
  academicYear,
  programmeYear,
  remaining,
}: {
  specialist: Pick<Specialist, 'id' | 'school' | 'cohort'>;
  academicYear: string;
  programmeYear: number | null;
  remaining: number;
}) {
  const me = useCurrentUser();
  const location = useLocation();
  const isLead = me.role !== null && HUB_LEADS.includes(me.role);
  const claim = useClaim(specialist.id);
  const events = useClaimableEvents(specialist.id, academicYear);
  const rule = useYearRule(specialist.cohort.id, programmeYear);
  const grants = rule.data?.grants ?? [];
  // Bumped after each claim so the school picker starts again from the specialist's school.
  const [round, setRound] = useState(0);
  const initial: ClaimValues = {
    kind: 'release_days',
    evidence: null,
    date: null,
    school_id: specialist.school?.id ?? null,
    days: 1,
    activity: 'school_support_visit',
    grant_code: null,
    amount: '',
    note: '',
  };
  const form = useForm<ClaimValues>({
    initialValues: initial,
    validate: {
      date: (value) => (value ? null : 'Enter the date of the work.'),
      school_id: (value) => (value ? null : 'Choose the school this claim funds.'),
      days: (value, values) => (values.kind === 'release_days' ? halfDaysError(value) : null),
      activity: (value, values) => (values.kind !== 'release_days' || value ? null : 'Choose the activity.'),
      grant_code: (value, values) => (values.kind !== 'grant' || value ? null : 'Choose the grant.'),
      amount: (value, values) =>
        values.kind !== 'travel' || (poundsToPence(value) ?? 0) > 0 ? null : 'Enter the amount in pounds, such as 12.40.',
    },
  });
  const { kind } = form.values;

  function pickEvidence(key: string | null) {
    form.setFieldValue('evidence', key);
    const event = events.data?.find((item) => evidenceKey(item) === key);
    if (event) {
      form.setFieldValue('date', event.date);
      form.setFieldValue('activity', event.activity);
    }
  }

  /** The field a refusal belongs beside, for a problem that names none (an older API). */
  function placed(problem: Problem): Problem {
    if (problem.errors?.length) return problem;
    const members = problem as Problem & { remaining_days?: number };
    const field = { release_day_cap_exceeded: 'days', day_rate_not_set: 'activity', year_rule_not_set: 'date' }[problem.code];
    if (!field) return problem;
    const message =
      problem.code === 'release_day_cap_exceeded'
        ? `Only ${formatDays(members.remaining_days ?? remaining)} left for ${academicYear}.`
        : (problem.detail ?? problem.title);
    return { ...problem, errors: [{ field, message }] };
  }

  /** A missing day rate: the API's sentence, and for a hub lead the page where it is set. */
  function dayRateLink(problem: Problem) {
    const members = problem as Problem & { cohort_id?: string; programme_year?: number };
    const where = `/day-rates?${new URLSearchParams({
      cohort: members.cohort_id ?? specialist.cohort.id,
      year: String(members.programme_year ?? programmeYear ?? ''),
      // So the day-rates page can lead back to this claim once the rate is set.
      back: location.pathname + location.search,
    }).toString()}`;
    const said = problem.errors?.find((error) => error.field === 'activity')?.message ?? problem.detail ?? problem.title;
    form.setFieldError(
      'activity',
      <>
        {said}{' '}
        <Anchor component={Link} to={where} size="xs" underline="always" c="inherit" fw={700}>
          Set the day rates
        </Anchor>
      </>,
    );
  }

  const submit = form.onSubmit(async (values) => {
    try {
      const entry = await claim.mutateAsync(claimBody(values));
      const what = entry.kind === 'release_days' ? formatDays(entry.days) : formatPence(entry.amount_pence);
      notifications.show({ color: 'green', message: `Claimed ${what} (${ENTRY_KIND_LABELS[entry.kind].toLowerCase()}) on ${formatDate(entry.date)}.` });
      form.reset();
      setRound((value) => value + 1);
    } catch (error) {
      const problem = placed(problemOf(error));
      applyProblemToForm(problem, form, { fieldMap: FIELD_MAP });
      if (problem.code === 'day_rate_not_set' && isLead) dayRateLink(problem);
    }
  });

  const evidenceData = evidenceOptions(events.data ?? []);
  const kinds = (['release_days', 'grant', 'travel'] as const)
    .filter((value) => value !== 'grant' || grants.length > 0 || kind === 'grant')
    .map((value) => ({ value, label: ENTRY_KIND_LABELS[value] }));
  const full = { base: '100%', sm: 260 };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="claim-heading">
      <Title order={3} size="h4" id="claim-heading" mb="xs">
        Make a claim
      </Title>
      <Stack gap="sm">
        <SegmentedControl
          aria-label="What to claim"
          data={kinds}
          value={kind}
          onChange={(value) => form.setFieldValue('kind', value)}
          w={{ base: '100%', sm: 'auto' }}
          style={{ alignSelf: 'flex-start' }}
        />
        <Select
          label="Claim for"
          description={
            events.isError
              ? 'Your recorded meetings, sessions and residentials could not be loaded.'
              : evidenceData.length === 0 && !events.isPending
                ? `Nothing recorded for ${academicYear} yet: record the meeting or session first, or claim for other work.`
                : 'A meeting, session or residential you recorded: fills in the date and the activity.'
          }
          placeholder={events.isPending ? 'Loading your events…' : 'Other work (no recorded event)'}
          data={evidenceData}
          searchable
          clearable
          nothingFoundMessage="Nothing recorded matches"
          maw={640}
          {...form.getInputProps('evidence')}
          onChange={pickEvidence}
        />
        <Group align="start" gap="sm" wrap="wrap">
          <DateField label="Date" required w={{ base: '100%', sm: 200 }} {...form.getInputProps('date')} />
          <SchoolSelect
            key={round}
            label="School funded"
            required
            description={specialist.school ? 'Your school unless the work was for another' : 'No school is on record: choose the school this claim funds'}
            placeholder="Search by name"
            initialOption={specialist.school ? { value: specialist.school.id, label: `${specialist.school.name} (${specialist.school.urn})` } : null}
            w={{ base: '100%', sm: 320 }}
            {...form.getInputProps('school_id')}
          />
        </Group>
        <Group align="start" gap="sm" wrap="wrap">
          {kind === 'release_days' ? (
            <>
              <DaysInput
                label="Days"
                required
                w={{ base: '100%', sm: 200 }}
                description={`Half-day steps; ${formatDays(remaining)} remaining`}
                {...form.getInputProps('days')}
              />
              <Select
                label="Activity"
                required
                allowDeselect={false}
                data={options(ACTIVITY_LABELS)}
                w={full}
                {...form.getInputProps('activity')}
              />
            </>
          ) : null}
          {kind === 'grant' ? (
            <Select
              label="Grant"
              required
              description={programmeYear ? `The grants of programme year ${String(programmeYear)}, paid per school` : undefined}
              data={grants.map((grant) => ({ value: grant.code, label: `${grant.description} (${formatPence(grant.amount_pence)})` }))}
              w={{ base: '100%', sm: 420 }}
              {...form.getInputProps('grant_code')}
            />
          ) : null}
          {kind === 'travel' ? (
            <TextInput
              label="Amount"
              required
              description="In pounds, such as 12.40"
              leftSection={<span aria-hidden="true">£</span>}
              inputMode="decimal"
              w={{ base: '100%', sm: 200 }}
              {...form.getInputProps('amount')}
            />
          ) : null}
          <TextInput label="Note" w={full} {...form.getInputProps('note')} />
        </Group>
        {kind === 'release_days' && rule.data === null && programmeYear ? (
          <Text size="sm">Programme year {programmeYear} has no rules yet, so days cannot be claimed in {academicYear}.</Text>
        ) : null}
        <Group>
          <Button type="submit" loading={claim.isPending}>
            Claim
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
