import { ActionIcon, Button, Fieldset, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useClearDayRates, useSetDayRates, type DayRates } from '../../api/dayRates';
import { formatPence } from '../../lib/format';
import { applyProblemToForm, notifyProblem, problemOf } from '../../lib/problem';
import { activityError, amountError, initialRates, rateLabel, RATE_LABELS, ratesBody, sortedRates, toFormPaths, type DayRateValues } from './values';

const RATE_OPTIONS = Object.entries(RATE_LABELS).map(([value, label]) => ({ value, label }));

function targetOf(row: DayRates, hubId: string | undefined) {
  return { cohortId: row.cohort_id, programmeYear: row.programme_year, hubId };
}

function heading(row: DayRates): string {
  return `${row.cohort_name}, year ${row.programme_year} (${row.academic_year})`;
}

function DayRatesForm({
  row,
  hubId,
  onClose,
  onSaved,
}: {
  row: DayRates;
  hubId: string | undefined;
  onClose: () => void;
  onSaved: (saved: DayRates) => void;
}) {
  const save = useSetDayRates();
  const form = useForm<DayRateValues>({
    mode: 'uncontrolled',
    initialValues: initialRates(row.hub_rates_pence, row.national_rates_pence),
    validate: {
      rates: {
        activity: (_value, values, path) => activityError(values, Number(path.split('.')[1])),
        amount: (value) => amountError(value),
      },
    },
  });
  const values = form.getValues();
  const national = sortedRates(row.national_rates_pence);

  const submit = form.onSubmit(async (submitted) => {
    try {
      onSaved(await save.mutateAsync({ target: targetOf(row, hubId), body: ratesBody(submitted) }));
    } catch (error) {
      applyProblemToForm(toFormPaths(problemOf(error)), form);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={`Day rates for ${heading(row)}`}>
      <Stack>
        <Text size="sm">
          National rule:{' '}
          {national.length === 0 ? 'none, the hub sets the rates.' : national.map(([key, pence]) => `${rateLabel(key)} ${formatPence(pence)}`).join('; ')}
        </Text>
        <Fieldset legend="The hub’s rates, in pounds a day">
          <Stack gap="xs">
            <Text size="sm">
              “Any other activity” is paid for every activity without its own rate. An activity the hub leaves out falls back to
              the national rule.
            </Text>
            {values.rates.length === 0 ? <Text size="sm">Add at least one rate, or use the national rates instead.</Text> : null}
            {values.rates.map((rate, index) => (
              <Group key={form.key(`rates.${index}.activity`)} align="start" gap="xs" wrap="wrap">
                <Select
                  label="Activity"
                  allowDeselect={false}
                  data={RATE_OPTIONS}
                  w={{ base: '100%', xs: 220 }}
                  {...form.getInputProps(`rates.${index}.activity`)}
                />
                <TextInput
                  label="Pounds a day"
                  leftSection="£"
                  inputMode="decimal"
                  autoComplete="off"
                  w={{ base: '100%', xs: 150 }}
                  {...form.getInputProps(`rates.${index}.amount`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={{ base: 0, xs: 28 }}
                  aria-label={`Remove the ${rateLabel(rate.activity)} rate`}
                  onClick={() => form.removeListItem('rates', index)}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            {form.errors.rates ? (
              <Text size="sm" c="red.8" role="alert">
                {form.errors.rates}
              </Text>
            ) : null}
            <Group>
              <Button
                variant="default"
                size="xs"
                disabled={values.rates.length >= RATE_OPTIONS.length}
                onClick={() =>
                  form.insertListItem('rates', {
                    activity: RATE_OPTIONS.find((option) => !values.rates.some((r) => r.activity === option.value))?.value ?? '',
                    amount: '',
                  })
                }
              >
                Add a rate
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} disabled={values.rates.length === 0}>
            Save rates
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Set or change the hub's own rates for one cohort × programme year. */
export function DayRatesModal({
  row,
  hubId,
  onClose,
  onSaved,
}: {
  row: DayRates | null;
  hubId: string | undefined;
  onClose: () => void;
  onSaved: (saved: DayRates) => void;
}) {
  return (
    <Modal opened={row !== null} onClose={onClose} title={row ? `Day rates: ${heading(row)}` : 'Day rates'} size="lg">
      {row ? <DayRatesForm key={`${row.cohort_id}-${row.programme_year}`} row={row} hubId={hubId} onClose={onClose} onSaved={onSaved} /> : null}
    </Modal>
  );
}

/** Remove the hub's own rates (DELETE): claims pay the national rule again. */
export function ClearDayRatesModal({ row, hubId, onClose }: { row: DayRates | null; hubId: string | undefined; onClose: () => void }) {
  const clear = useClearDayRates();
  const national = row ? sortedRates(row.national_rates_pence) : [];
  async function confirm() {
    if (!row) return;
    try {
      await clear.mutateAsync(targetOf(row, hubId));
      notifications.show({ color: 'green', message: `${heading(row)} now pays the national rates.` });
      onClose();
    } catch (error) {
      notifyProblem(problemOf(error));
    }
  }
  return (
    <Modal opened={row !== null} onClose={onClose} title="Use the national rates?">
      <Stack>
        <Text size="sm">
          {row ? `The hub’s own rates for ${heading(row)} are removed. ` : ''}
          {national.length === 0
            ? 'The national rule has no rates for this year, so claims will be refused until the hub sets a rate again.'
            : `Claims will be paid the national rule: ${national.map(([key, pence]) => `${rateLabel(key)} ${formatPence(pence)}`).join('; ')}.`}{' '}
          Entries already recorded keep the rate they were recorded at.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={clear.isPending} onClick={() => void confirm()}>
            Use the national rates
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
