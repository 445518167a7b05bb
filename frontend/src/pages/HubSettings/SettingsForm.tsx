import { Button, Checkbox, Group, NumberInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { HubSettings } from '../../api/hubSettings';
import { useUpdateHubSettings } from '../../api/hubSettings';
import { routeProblem } from '../../api/http';
import { Section } from '../../components/Section';
import { bodyOf, halfDayInWords, MINUTES, SESSIONS, validate, valuesOf, type SettingsValues } from './values';

const FIELDS = {
  release_minutes_per_half_day: 'minutes',
  grant_sessions_threshold: 'sessions',
  payment_waits_for_confirmation: 'waitForHead',
};

/** The hub's money settings as a form; saves with the ETag it was read at. */
export function SettingsForm({ settings, etag, onStale }: { settings: HubSettings; etag: string | null; onStale: () => void }) {
  const update = useUpdateHubSettings(settings.hub_id);
  const form = useForm<SettingsValues>({ mode: 'controlled', initialValues: valuesOf(settings), validate });
  const minutes = Number(form.values.minutes);
  const minutesKnown = Number.isInteger(minutes) && minutes >= MINUTES.min && minutes <= MINUTES.max;

  const submit = form.onSubmit(async (values) => {
    try {
      await update.mutateAsync({ body: bodyOf(values), etag });
      notifications.show({ color: 'green', message: `Settings for ${settings.hub_name} are saved.` });
    } catch (error) {
      routeProblem(error, { onStale, form, fieldMap: FIELDS });
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Hub settings">
      <Stack gap="lg">
        <Section title="Release days from registers">
          <Stack gap="xs">
            <NumberInput
              label="Minutes of meeting time in a half day"
              min={MINUTES.min}
              max={MINUTES.max}
              step={15}
              allowDecimal={false}
              clampBehavior="none"
              w={{ base: '100%', xs: 260 }}
              {...form.getInputProps('minutes')}
            />
            <Text size="sm" aria-live="polite">
              {minutesKnown ? halfDayInWords(minutes) : `Between ${MINUTES.min} and ${MINUTES.max} minutes.`}
            </Text>
          </Stack>
        </Section>
        <Section title="Work group grants">
          <NumberInput
            label="Sessions a school must attend to earn its grant"
            description="A school has attended a session when at least one of its teachers was there."
            min={SESSIONS.min}
            max={SESSIONS.max}
            allowDecimal={false}
              clampBehavior="none"
            w={{ base: '100%', xs: 260 }}
            {...form.getInputProps('sessions')}
          />
        </Section>
        <Section title="Paying schools">
          <Checkbox
            label="Pay only once the headteacher has confirmed"
            description="Release days the school’s headteacher has not yet confirmed stay out of payment runs."
            {...form.getInputProps('waitForHead', { type: 'checkbox' })}
          />
        </Section>
        <Group>
          <Button type="submit" loading={update.isPending}>
            Save settings
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
