import '@mantine/dates/styles.css';
import { Button, Group, Select, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useClaim, type Activity } from '../../api/specialists';
import { DateField } from '../../components/DateField';
import { DaysInput } from '../../components/DaysInput';
import { formatDays } from '../../lib/format';
import { halfDaysError } from '../../lib/halfDays';
import { ACTIVITY_LABELS, options } from '../../lib/labels';
import { applyProblemToForm, problemOf } from '../../lib/problem';

interface Values {
  date: string | null;
  days: number | string;
  activity: string;
  note: string;
}


/**
 * Claim release days. The API refuses a claim past the year's entitlement with
 * `409 release_day_cap_exceeded` (and `remaining_days`): that is shown on the days field.
 */
export function ClaimForm({ specialistId, academicYear, remaining }: { specialistId: string; academicYear: string; remaining: number }) {
  const claim = useClaim(specialistId);
  const form = useForm<Values>({
    mode: 'uncontrolled',
    initialValues: { date: null, days: 1, activity: 'school_support_visit', note: '' },
    validate: {
      date: (value) => (value ? null : 'Enter the date of the release day.'),
      days: (value) => halfDaysError(value),
      activity: (value) => (value ? null : 'Choose what the day was for.'),
    },
  });

  const submit = form.onSubmit(async (values) => {
    try {
      const entry = await claim.mutateAsync({
        kind: 'release_days',
        date: values.date ?? '',
        days: Number(values.days),
        activity: values.activity as Activity,
        note: values.note.trim() || null,
      });
      notifications.show({ color: 'green', message: `Claimed ${formatDays(entry.days)} for ${ACTIVITY_LABELS[entry.activity as Activity]}.` });
      form.setFieldValue('note', '');
    } catch (error) {
      const problem = problemOf(error);
      if (problem.code === 'release_day_cap_exceeded') {
        const left = (problem as unknown as { remaining_days?: number }).remaining_days ?? remaining;
        form.setFieldError('days', `Only ${formatDays(left)} left for ${academicYear}. ${problem.detail ?? ''}`.trim());
      } else {
        applyProblemToForm(problem, form);
      }
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="claim-heading">
      <Title order={3} size="h4" id="claim-heading" mb="xs">
        Claim release days
      </Title>
      <Group align="start" gap="sm" wrap="wrap">
        <DateField
          label="Date"
          required
          w={{ base: '100%', xs: 190 }}
          key={form.key('date')}
          {...form.getInputProps('date')}
        />
        <DaysInput
          label="Days"
          required
          w={{ base: '100%', xs: 260 }}
          description={`${formatDays(remaining)} remaining`}
          key={form.key('days')}
          {...form.getInputProps('days')}
        />
        <Select
          label="Activity"
          required
          allowDeselect={false}
          data={options(ACTIVITY_LABELS)}
          w={{ base: '100%', xs: 220 }}
          key={form.key('activity')}
          {...form.getInputProps('activity')}
        />
        <TextInput label="Note" w={{ base: '100%', xs: 220 }} key={form.key('note')} {...form.getInputProps('note')} />
      </Group>
      <Button type="submit" mt="sm" loading={claim.isPending}>
        Claim
      </Button>
    </form>
  );
}
