import { routeProblem } from '../../api/http';
import { ActionIcon, Button, Fieldset, Group, Modal, NumberInput, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { fetchYearRuleForEdit, usePutYearRule, type CohortYearRule } from '../../api/cohorts';
import { DaysInput } from '../../components/DaysInput';
import { formatDays } from '../../lib/format';
import { halfDaysError } from '../../lib/halfDays';
import { StaleAlert } from '../../components/StaleAlert';
import { initialValues, money, RATE_OPTIONS, toFormPaths, yearRuleBody, type YearRuleValues } from './yearRuleValues';

function YearRuleForm({
  cohortId,
  programmeYear,
  rule,
  etag,
  onDone,
  onStale,
}: {
  cohortId: string;
  programmeYear: number;
  rule: CohortYearRule | null;
  etag: string | null;
  onDone: () => void;
  onStale: () => void;
}) {
  const put = usePutYearRule(cohortId);
  const form = useForm<YearRuleValues>({
    mode: 'uncontrolled',
    initialValues: initialValues(rule),
    validate: {
      release_days: (value) => halfDaysError(value, { allowZero: true }),
      rates: {
        activity: (value, values, path) => {
          const index = Number(path.split('.')[1]);
          return values.rates.findIndex((rate) => rate.activity === value) === index ? null : 'Each activity may have one rate.';
        },
        amount: money,
      },
      grants: {
        code: (value) => (/^[a-z][a-z0-9_]{1,63}$/.test(value.trim()) ? null : 'Use lowercase letters, digits and underscores, e.g. department_support.'),
        description: (value) => (value.trim() ? null : 'Say what the grant is for.'),
        amount: money,
      },
    },
  });
  const values = form.getValues();

  const submit = form.onSubmit(async (submitted) => {
    try {
      const saved = await put.mutateAsync({ programmeYear, body: yearRuleBody(submitted), etag });
      notifications.show({ color: 'green', message: `Year ${saved.programme_year}: ${formatDays(saved.release_days)} saved.` });
      onDone();
    } catch (error) {
      routeProblem(error, { onStale, form, adapt: toFormPaths });
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <DaysInput label="Release days" description="Half-day steps" required key={form.key('release_days')} {...form.getInputProps('release_days')} />
        <Fieldset legend="Day rates">
          <Stack gap="xs">
            {values.rates.length === 0 ? <Text size="sm">None: the hub sets the rate.</Text> : null}
            {values.rates.map((rate, index) => (
              <Group key={form.key(`rates.${index}.activity`)} align="start" gap="xs" wrap="wrap">
                <Select
                  label="Activity"
                  allowDeselect={false}
                  data={RATE_OPTIONS}
                  w={{ base: '100%', xs: 210 }}
                  {...form.getInputProps(`rates.${index}.activity`)}
                />
                <NumberInput
                  label="Pounds a day"
                  prefix="£"
                  min={0}
                  decimalScale={2}
                  fixedDecimalScale
                  thousandSeparator=","
                  w={{ base: '100%', xs: 150 }}
                  {...form.getInputProps(`rates.${index}.amount`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={{ base: 0, xs: 28 }}
                  aria-label={`Remove the ${RATE_OPTIONS.find((option) => option.value === rate.activity)?.label ?? rate.activity} rate`}
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
                onClick={() =>
                  form.insertListItem('rates', {
                    activity: RATE_OPTIONS.find((option) => !values.rates.some((r) => r.activity === option.value))?.value ?? 'default',
                    amount: '',
                  })
                }
              >
                Add a day rate
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        <Fieldset legend="Grants">
          <Stack gap="xs">
            {values.grants.length === 0 ? <Text size="sm">No grants this year.</Text> : null}
            {values.grants.map((grant, index) => (
              <Group key={form.key(`grants.${index}.code`)} align="start" gap="xs" wrap="wrap">
                <TextInput label="Code" w={{ base: '100%', xs: 170 }} {...form.getInputProps(`grants.${index}.code`)} />
                <TextInput label="What it is for" w={{ base: '100%', xs: 220 }} {...form.getInputProps(`grants.${index}.description`)} />
                <NumberInput
                  label="Pounds"
                  prefix="£"
                  min={0}
                  decimalScale={2}
                  fixedDecimalScale
                  thousandSeparator=","
                  w={{ base: '100%', xs: 130 }}
                  {...form.getInputProps(`grants.${index}.amount`)}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={{ base: 0, xs: 28 }}
                  aria-label={`Remove grant ${grant.code || index + 1}`}
                  onClick={() => form.removeListItem('grants', index)}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button variant="default" size="xs" onClick={() => form.insertListItem('grants', { code: '', description: '', amount: '' })}>
                Add a grant
              </Button>
            </Group>
          </Stack>
        </Fieldset>
        <Textarea label="Notes" rows={2} key={form.key('notes')} {...form.getInputProps('notes')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={put.isPending}>
            Save year {programmeYear}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Edit one programme year's release days, day rates and grants. The rule is read afresh when
 * the dialog opens, and its ETag sent back, so a colleague's change is never overwritten.
 */
export function YearRuleModal({
  cohortId,
  programmeYear,
  load,
  onClose,
}: {
  cohortId: string;
  programmeYear: number | null;
  load: { rule: CohortYearRule | null; etag: string | null } | null;
  onClose: () => void;
}) {
  const [stale, setStale] = useState(false);
  const [reloaded, setReloaded] = useState<{ rule: CohortYearRule | null; etag: string | null } | null>(null);
  const current = reloaded ?? load;
  function close() {
    setStale(false);
    setReloaded(null);
    onClose();
  }
  async function reload() {
    if (programmeYear === null) return;
    setReloaded(await fetchYearRuleForEdit(cohortId, programmeYear));
    setStale(false);
  }
  return (
    <Modal opened={programmeYear !== null && current !== null} onClose={close} title={`Programme year ${programmeYear ?? ''}`} size="lg">
      {stale ? <StaleAlert what="year rule" onReload={() => void reload()} /> : null}
      {programmeYear !== null && current !== null ? (
        <YearRuleForm
          key={current.etag ?? 'new'}
          cohortId={cohortId}
          programmeYear={programmeYear}
          rule={current.rule}
          etag={current.etag}
          onDone={close}
          onStale={() => setStale(true)}
        />
      ) : null}
    </Modal>
  );
}
