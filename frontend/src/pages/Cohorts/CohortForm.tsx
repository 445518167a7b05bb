import { routeProblem } from '../../api/http';
import '@mantine/dates/styles.css';
import { Button, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useCreateCohort, useUpdateCohort, type Cohort, type CohortCreate } from '../../api/cohorts';
import { type ProgrammeCode } from '../../api/programmes';
import { DateField } from '../../components/DateField';
import { academicYearOf, formatAcademicYear, parseAcademicYear } from '../../lib/format';
import { PROGRAMME_LABELS, options } from '../../lib/labels';
import { applyProblemToForm, type Problem } from '../../lib/problem';
import { cohortBody, FIELD_MAP, initialValues, type CohortFormValues } from './cohortValues';
import { isTime, londonWallTime } from './londonTime';

/** Development years on offer: three back and three ahead of this one, plus the cohort's own. */
function developmentYears(current: string): string[] {
  const start = parseAcademicYear(academicYearOf(new Date()));
  const years = new Set([current, ...Array.from({ length: 7 }, (_, index) => formatAcademicYear(start - 3 + index))]);
  return [...years].filter(Boolean).sort();
}

const wholeDays = (min: number, max: number) => (value: number | string) =>
  Number.isInteger(Number(value)) && value !== '' && Number(value) >= min && Number(value) <= max ? null : `Enter a whole number of days, ${min} to ${max}.`;

/**
 * A new cohort (national admins), or an existing one's editable settings: the code, programme
 * and reference prefix never change once form tools and references depend on them.
 */
export function CohortForm({
  cohort,
  etag = null,
  onSaved,
  onStale,
  onCancel,
}: {
  cohort?: Cohort;
  etag?: string | null;
  onSaved: (cohort: Cohort) => void;
  onStale?: () => void;
  onCancel?: () => void;
}) {
  const create = useCreateCohort();
  const update = useUpdateCohort(cohort?.id ?? '');
  const editing = cohort !== undefined;
  const form = useForm<CohortFormValues>({
    mode: 'uncontrolled',
    initialValues: initialValues(cohort),
    validate: {
      code: (value) => (editing || /^[a-z0-9][a-z0-9-]{1,31}$/.test(value) ? null : 'Use 2 to 32 lowercase letters, digits or hyphens, e.g. primary-7.'),
      name: (value) => (value.trim().length >= 2 ? null : 'Enter the cohort’s name.'),
      programme: (value) => (value ? null : 'Choose the programme.'),
      development_year: (value) => (value ? null : 'Choose the development year.'),
      opens_on: (value) => (value ? null : 'Enter the day applications open.'),
      opens_time: (value) => (isTime(value) ? null : 'Enter a time such as 09:00.'),
      closes_on: (value, values) => {
        if (!value) return 'Enter the day applications close.';
        if (values.opens_on && isTime(values.opens_time) && isTime(values.closes_time)) {
          if (londonWallTime(value, values.closes_time) <= londonWallTime(values.opens_on, values.opens_time)) {
            return 'Applications must close after they open.';
          }
        }
        return null;
      },
      closes_time: (value) => (isTime(value) ? null : 'Enter a time such as 17:00.'),
      reference_prefix: (value) => (editing || /^[A-Z][A-Z0-9]{1,7}$/.test(value) ? null : 'Use 2 to 8 capital letters or digits, starting with a letter, e.g. PMS7.'),
      places_per_hub: (value) =>
        value === '' || (Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= 1000) ? null : 'Enter a whole number from 1 to 1,000, or leave it empty for no limit.',
      reference_link_days: wholeDays(1, 90),
      reference_reminder_days: wholeDays(1, 90),
    },
  });

  function showProblem(problem: Problem) {
    // A clash on the code or prefix is a 409 naming the field in `field`, not in `errors`.
    const field = (problem as Problem & { field?: unknown }).field;
    if (problem.status === 409 && (field === 'code' || field === 'reference_prefix')) {
      form.setFieldError(field, problem.detail ?? problem.title);
      return;
    }
    applyProblemToForm(problem, form, { fieldMap: FIELD_MAP });
  }

  const submit = form.onSubmit(async (values) => {
    const body = cohortBody(values);
    try {
      const saved = editing
        ? await update.mutateAsync({ body, etag })
        : await create.mutateAsync({
            ...body,
            code: values.code,
            programme: values.programme as ProgrammeCode,
            reference_prefix: values.reference_prefix,
          } as CohortCreate);
      notifications.show({ color: 'green', message: editing ? `${saved.name} is saved.` : `${saved.name} is created.` });
      onSaved(saved);
    } catch (error) {
      routeProblem(error, { onStale, onProblem: showProblem });
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={editing ? 'Edit cohort' : 'New cohort'}>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Name" required description="e.g. Primary Mastery Specialists Cohort 7 (2021/22)" key={form.key('name')} {...form.getInputProps('name')} />
          <TextInput
            label="Code"
            required={!editing}
            disabled={editing}
            description={editing ? 'Form tools post against it, so it cannot change.' : 'What form tools post against, e.g. primary-7.'}
            key={form.key('code')}
            {...form.getInputProps('code')}
          />
          <Select
            label="Programme"
            required={!editing}
            disabled={editing}
            allowDeselect={false}
            data={options(PROGRAMME_LABELS)}
            key={form.key('programme')}
            {...form.getInputProps('programme')}
          />
          <Select
            label="Development year"
            required
            description="Programme year 1"
            allowDeselect={false}
            data={developmentYears(form.getValues().development_year)}
            key={form.key('development_year')}
            {...form.getInputProps('development_year')}
          />
        </SimpleGrid>
        <Fieldset legend="Application window (London time)">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateField label="Opens on" required key={form.key('opens_on')} {...form.getInputProps('opens_on')} />
            <TimeInput label="Opens at" required description="24-hour clock, London time" key={form.key('opens_time')} {...form.getInputProps('opens_time')} />
            <DateField label="Closes on" required key={form.key('closes_on')} {...form.getInputProps('closes_on')} />
            <TimeInput
              label="Closes at"
              required
              description="Applications at or after this time are refused"
              key={form.key('closes_time')}
              {...form.getInputProps('closes_time')}
            />
          </SimpleGrid>
        </Fieldset>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Reference prefix"
            required={!editing}
            disabled={editing}
            description={editing ? 'References already issued use it.' : 'Applications are numbered PREFIX-000001, e.g. PMS7.'}
            key={form.key('reference_prefix')}
            {...form.getInputProps('reference_prefix')}
          />
          <NumberInput
            label="Places per hub"
            description="About four for primary; empty for no limit"
            min={1}
            max={1000}
            allowDecimal={false}
            key={form.key('places_per_hub')}
            {...form.getInputProps('places_per_hub')}
          />
          <NumberInput
            label="Reference link valid for (days)"
            required
            min={1}
            max={90}
            allowDecimal={false}
            key={form.key('reference_link_days')}
            {...form.getInputProps('reference_link_days')}
          />
          <NumberInput
            label="Remind the headteacher after (days)"
            required
            description="Fewer days than the link is valid for"
            min={1}
            max={90}
            allowDecimal={false}
            key={form.key('reference_reminder_days')}
            {...form.getInputProps('reference_reminder_days')}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          {onCancel ? (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          ) : null}
          <Button type="submit" loading={create.isPending || update.isPending}>
            {editing ? 'Save changes' : 'Create cohort'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
