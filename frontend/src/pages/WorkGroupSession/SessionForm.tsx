import { routeProblem } from '../../api/http';
import '@mantine/dates/styles.css';
import { Button, Fieldset, Group, Radio, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import type { WorkGroupSessionCreate } from '../../api/workGroups';
import { DateField } from '../../components/DateField';
import { MODE_LABELS, options } from '../../lib/labels';
import { sessionBody, type SessionValues } from './values';

export function SessionForm({
  initialValues,
  submitLabel,
  onSave,
  onStale,
}: {
  initialValues: SessionValues;
  submitLabel: string;
  onSave: (body: WorkGroupSessionCreate) => Promise<void>;
  onStale?: () => void;
}) {
  const form = useForm<SessionValues>({
    mode: 'controlled',
    initialValues,
    validate: {
      held_on: (value) => (value ? null : 'Enter the date the session was held.'),
      mode: (value) => (value ? null : 'Choose in person or online.'),
      ends_at: (value, values) => (value && !values.starts_at ? 'Give a start time with the end time.' : null),
    },
  });
  const submit = form.onSubmit(async (values) => {
    const { body, fieldMap } = sessionBody(values);
    try {
      await onSave(body);
    } catch (error) {
      routeProblem(error, { onStale, form, fieldMap });
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Session">
      <Stack gap="lg">
        <Fieldset legend="When and where">
          <Group align="start" gap="sm" wrap="wrap">
            <DateField
              label="Date"
              required
              w={{ base: '100%', xs: 200 }}
              {...form.getInputProps('held_on')}
            />
            <TimeInput label="Starts" w={{ base: '100%', xs: 130 }} {...form.getInputProps('starts_at')} />
            <TimeInput label="Ends" w={{ base: '100%', xs: 130 }} {...form.getInputProps('ends_at')} />
            <Select label="Mode" required allowDeselect={false} data={options(MODE_LABELS)} w={{ base: '100%', xs: 160 }} {...form.getInputProps('mode')} />
          </Group>
          <TextInput label="Location" mt="sm" w={{ base: '100%', sm: 420 }} {...form.getInputProps('location')} />
          <Textarea label="Notes" mt="sm" autosize minRows={2} {...form.getInputProps('notes')} />
        </Fieldset>
        <Fieldset legend="Attendance">
          {form.values.attendance.length === 0 ? (
            <Text size="sm">This work group has no participants yet: add them to its schools to take a register.</Text>
          ) : (
            <Stack gap="sm">
              {form.values.attendance.map((row, i) => (
                <Radio.Group key={row.participant_id} label={`${row.name}, ${row.school}`} {...form.getInputProps(`attendance.${i}.presence`)}>
                  <Group gap="md" mt={4}>
                    <Radio value="attended" label="Attended" />
                    <Radio value="absent" label="Absent" />
                    <Radio value="unrecorded" label="Not recorded" />
                  </Group>
                </Radio.Group>
              ))}
            </Stack>
          )}
        </Fieldset>
        <Group>
          <Button type="submit" loading={form.submitting}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
