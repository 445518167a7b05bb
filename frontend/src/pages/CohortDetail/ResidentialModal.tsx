import { routeProblem } from '../../api/http';
import '@mantine/dates/styles.css';
import { Button, Checkbox, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { fetchResidentialForEdit, useCreateResidential, useUpdateResidential, type DeliveryMode, type Residential } from '../../api/cohorts';
import { DateField } from '../../components/DateField';
import { MODE_LABELS, options } from '../../lib/labels';
import { StaleAlert } from '../../components/StaleAlert';

interface Values {
  title: string;
  starts_on: string | null;
  ends_on: string | null;
  mode: string;
  location: string;
  is_provisional: boolean;
}

export interface ResidentialLoad {
  residential: Residential | null;
  etag: string | null;
}

function initialValues(residential: Residential | null): Values {
  return {
    title: residential?.title ?? '',
    starts_on: residential?.starts_on ?? null,
    ends_on: residential?.ends_on ?? null,
    mode: residential?.mode ?? 'in_person',
    location: residential?.location ?? '',
    is_provisional: residential?.is_provisional ?? true,
  };
}

function ResidentialForm({ cohortId, load, onDone, onStale }: { cohortId: string; load: ResidentialLoad; onDone: () => void; onStale: () => void }) {
  const create = useCreateResidential(cohortId);
  const update = useUpdateResidential(cohortId);
  const existing = load.residential;
  const form = useForm<Values>({
    mode: 'uncontrolled',
    initialValues: initialValues(existing),
    validate: {
      title: (value) => (value.trim().length >= 2 ? null : 'Enter a title, e.g. Residential 1.'),
      starts_on: (value) => (value ? null : 'Enter the first day.'),
      ends_on: (value, values) => {
        if (!value) return 'Enter the last day.';
        return values.starts_on && value < values.starts_on ? 'The last day cannot be before the first.' : null;
      },
    },
  });
  const submit = form.onSubmit(async (values) => {
    const body = {
      title: values.title.trim(),
      starts_on: values.starts_on ?? '',
      ends_on: values.ends_on ?? '',
      mode: values.mode as DeliveryMode,
      location: values.location.trim() || null,
      is_provisional: values.is_provisional,
    };
    try {
      const saved = existing
        ? await update.mutateAsync({ residentialId: existing.id, body, etag: load.etag })
        : await create.mutateAsync(body);
      notifications.show({ color: 'green', message: `${saved.title} is saved.` });
      onDone();
    } catch (error) {
      routeProblem(error, { onStale, form });
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput label="Title" required key={form.key('title')} {...form.getInputProps('title')} />
        <SimpleGrid cols={{ base: 1, xs: 2 }}>
          <DateField label="First day" required key={form.key('starts_on')} {...form.getInputProps('starts_on')} />
          <DateField label="Last day" required key={form.key('ends_on')} {...form.getInputProps('ends_on')} />
        </SimpleGrid>
        <Select label="Mode" allowDeselect={false} data={options(MODE_LABELS)} key={form.key('mode')} {...form.getInputProps('mode')} />
        <TextInput label="Location" description="Venue and town, or the meeting link’s service" key={form.key('location')} {...form.getInputProps('location')} />
        <Checkbox
          label="Dates are provisional"
          key={form.key('is_provisional')}
          {...form.getInputProps('is_provisional', { type: 'checkbox' })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {existing ? 'Save residential' : 'Add residential'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Add a residential to the cohort, or edit one (read afresh with its ETag when opened). */
export function ResidentialModal({ cohortId, load, onClose }: { cohortId: string; load: ResidentialLoad | null; onClose: () => void }) {
  const [stale, setStale] = useState(false);
  const [reloaded, setReloaded] = useState<ResidentialLoad | null>(null);
  const current = reloaded ?? load;
  function close() {
    setStale(false);
    setReloaded(null);
    onClose();
  }
  async function reload() {
    if (!current?.residential) return;
    setReloaded(await fetchResidentialForEdit(current.residential.id));
    setStale(false);
  }
  return (
    <Modal opened={current !== null} onClose={close} title={current?.residential ? `Edit ${current.residential.title}` : 'Add residential'}>
      {stale ? <StaleAlert what="residential" onReload={() => void reload()} /> : null}
      {current ? <ResidentialForm key={current.etag ?? 'new'} cohortId={cohortId} load={current} onDone={close} onStale={() => setStale(true)} /> : null}
    </Modal>
  );
}
