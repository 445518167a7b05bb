import { routeProblem } from '../../api/http';
import { ActionIcon, Button, Fieldset, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { academicYearOf, formatAcademicYear } from '../../lib/format';
import { options, PHASE_LABELS, PROGRAMME_LABELS, WORK_GROUP_STATUS_LABELS } from '../../lib/labels';
import { type Notify } from '../../lib/problem';
import { LeadPicker, SchoolPicker } from './Pickers';
import { emptyParticipant, formProblem, newSchool, validate, type WorkGroupValues } from './values';

function academicYears(around: string): string[] {
  const current = Number(academicYearOf(new Date()).slice(0, 4));
  // Work groups are planned ahead: a cohort recruiting now leads them two years on.
  const years = Array.from({ length: 8 }, (_, index) => formatAcademicYear(current + 2 - index));
  return around && !years.includes(around) ? [around, ...years] : years;
}

/**
 * Create or edit a work group: details, leads, schools and their teachers. `onSave` throws what
 * the API answered; field errors go beside their fields (nested ones too), a 412 to `onStale`.
 */
export function WorkGroupForm({
  initialValues,
  submitLabel,
  onSave,
  onStale,
  notify,
}: {
  initialValues: WorkGroupValues;
  submitLabel: string;
  onSave: (values: WorkGroupValues) => Promise<void>;
  onStale?: () => void;
  notify?: Notify;
}) {
  const form = useForm<WorkGroupValues>({ mode: 'controlled', initialValues, validate });
  const { values } = form;

  const submit = form.onSubmit(async (submitted) => {
    try {
      await onSave(submitted);
    } catch (error) {
      routeProblem(error, { onStale, form, adapt: formProblem, ...(notify ? { notify } : {}) });
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Work group">
      <Stack gap="lg">
        <Fieldset legend="Details">
          <Group align="start" gap="sm" wrap="wrap">
            <TextInput label="Code" description="Unique in your hub, such as WG-21-01" required w={{ base: '100%', xs: 200 }} {...form.getInputProps('code')} />
            <TextInput label="Title" required w={{ base: '100%', sm: 420 }} {...form.getInputProps('title')} />
          </Group>
          <Group align="start" gap="sm" wrap="wrap" mt="sm">
            <Select label="Phase" required allowDeselect={false} data={options(PHASE_LABELS)} w={{ base: '100%', xs: 180 }} {...form.getInputProps('phase')} />
            <Select label="Programme" required allowDeselect={false} data={options(PROGRAMME_LABELS)} w={{ base: '100%', xs: 180 }} {...form.getInputProps('programme')} />
            <Select
              label="Academic year"
              required
              allowDeselect={false}
              data={academicYears(initialValues.academic_year)}
              w={{ base: '100%', xs: 160 }}
              {...form.getInputProps('academic_year')}
            />
            <Select label="Status" required allowDeselect={false} data={options(WORK_GROUP_STATUS_LABELS)} w={{ base: '100%', xs: 160 }} {...form.getInputProps('status')} />
          </Group>
          <Stack mt="sm">
            <LeadPicker
              academicYear={values.academic_year}
              value={values.lead_specialist_ids}
              labels={values.lead_labels}
              onChange={(ids, labels) => {
                form.setFieldValue('lead_specialist_ids', ids);
                form.setFieldValue('lead_labels', labels);
              }}
              error={form.errors.lead_specialist_ids}
            />
          </Stack>
        </Fieldset>

        <Stack gap="sm" component="section" aria-labelledby="schools-heading">
          <Title order={2} size="h3" id="schools-heading">
            Schools and participants
          </Title>
          {values.schools.length === 0 ? <Text size="sm">No schools yet.</Text> : null}
          {values.schools.map((row, i) => (
            <Paper key={row.school_id} withBorder p="md" component="section" aria-label={row.school_label}>
              <Group justify="space-between" align="start" wrap="nowrap">
                <div>
                  <Title order={3} size="h5">
                    {row.school_label}
                  </Title>
                  {form.errors[`schools.${i}.school_id`] ? (
                    <Text size="sm" c="red.8" role="alert">
                      {form.errors[`schools.${i}.school_id`]}
                    </Text>
                  ) : null}
                </div>
                <Button variant="subtle" color="red" size="xs" onClick={() => form.removeListItem('schools', i)}>
                  Remove school
                </Button>
              </Group>
              <Stack gap="xs" mt="xs">
                {row.participants.map((participant, j) => {
                  const who = `participant ${j + 1} of ${row.school_label}`;
                  return (
                    <Group key={participant.key} align="start" gap="xs" wrap="wrap" role="group" aria-label={`Participant ${j + 1}`}>
                      <TextInput label="Name" required w={{ base: '100%', xs: 200 }} {...form.getInputProps(`schools.${i}.participants.${j}.name`)} />
                      <TextInput label="Email" type="email" w={{ base: '100%', xs: 220 }} {...form.getInputProps(`schools.${i}.participants.${j}.email`)} />
                      <TextInput label="Role" placeholder="e.g. Year 2 teacher" w={{ base: '100%', xs: 180 }} {...form.getInputProps(`schools.${i}.participants.${j}.role`)} />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        mt={{ base: 0, xs: 26 }}
                        size="lg"
                        aria-label={`Remove ${who}`}
                        onClick={() => form.removeListItem(`schools.${i}.participants`, j)}
                      >
                        <span aria-hidden="true">✕</span>
                      </ActionIcon>
                    </Group>
                  );
                })}
                <Group>
                  <Button variant="light" size="xs" onClick={() => form.insertListItem(`schools.${i}.participants`, emptyParticipant())}>
                    Add a participant
                  </Button>
                </Group>
              </Stack>
            </Paper>
          ))}
          <SchoolPicker
            exclude={values.schools.map((row) => row.school_id)}
            onPick={(id, label) => form.insertListItem('schools', newSchool(id, label))}
            error={typeof form.errors.schools === 'string' ? form.errors.schools : undefined}
          />
        </Stack>

        <Group>
          <Button type="submit" loading={form.submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
