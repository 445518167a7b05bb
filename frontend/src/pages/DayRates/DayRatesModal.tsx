import { routeProblem } from '../../api/http';
import { ActionIcon, Button, Fieldset, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useClearDayRates, useDayRatesForEdit, useSetDayRates, type DayRates } from '../../api/dayRates';
import { ListState } from '../../components/ListState';
import { StaleAlert } from '../../components/StaleAlert';
import { formatPence } from '../../lib/format';
import { notifyProblem } from '../../lib/problem';
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
  etag,
  hubId,
  onClose,
  onSaved,
  onStale,
}: {
  row: DayRates;
  etag: string | null;
  hubId: string | undefined;
  onClose: () => void;
  onSaved: (saved: DayRates) => void;
  onStale: () => void;
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
      onSaved(await save.mutateAsync({ target: targetOf(row, hubId), body: ratesBody(submitted), etag }));
    } catch (error) {
      routeProblem(error, { onStale, form, adapt: toFormPaths });
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
              “Any other activity” is paid for every activity without its own rate here. Without it, an activity left out is
              paid the national rule’s rate.
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

/**
 * Set or change the hub's own rates for one cohort × programme year. The rates are read afresh
 * when the dialog opens and their ETag sent back, so a colleague's change is never overwritten.
 */
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
  const load = useDayRatesForEdit(row ? targetOf(row, hubId) : null);
  const [stale, setStale] = useState(false);
  function close() {
    setStale(false);
    onClose();
  }
  return (
    <Modal opened={row !== null} onClose={close} title={row ? `Day rates: ${heading(row)}` : 'Day rates'} size="lg">
      {stale ? (
        <StaleAlert
          what="set of day rates"
          onReload={async () => {
            await load.refetch();
            setStale(false);
          }}
        />
      ) : null}
      <ListState isPending={load.isPending} error={load.error} isEmpty={false} emptyTitle="" onRetry={() => void load.refetch()}>
        {load.data ? (
          <DayRatesForm
            key={load.data.etag ?? 'none'}
            row={load.data.rates}
            etag={load.data.etag}
            hubId={hubId}
            onClose={close}
            onSaved={(saved) => {
              setStale(false);
              onSaved(saved);
            }}
            onStale={() => setStale(true)}
          />
        ) : null}
      </ListState>
    </Modal>
  );
}

/** Remove the hub's own rates (DELETE): claims pay the national rule again. */
export function ClearDayRatesModal({ row, hubId, onClose }: { row: DayRates | null; hubId: string | undefined; onClose: () => void }) {
  const clear = useClearDayRates();
  const load = useDayRatesForEdit(row ? targetOf(row, hubId) : null);
  const national = row ? sortedRates(row.national_rates_pence) : [];
  async function confirm() {
    if (!row || !load.data) return;
    try {
      await clear.mutateAsync({ target: targetOf(row, hubId), etag: load.data.etag });
      notifications.show({ color: 'green', message: `${heading(row)} now pays the national rates.` });
      onClose();
    } catch (error) {
      const problem = routeProblem(error, { onStale: onClose, onProblem: notifyProblem });
      if (problem.status === 412) notifyProblem({ ...problem, detail: 'Someone else changed these rates after you opened them. Look again, then choose.' });
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
          <Button color="red" loading={clear.isPending || load.isPending} onClick={() => void confirm()}>
            Use the national rates
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
