import { routeProblem } from '../../api/http';
import '@mantine/dates/styles.css';
import { Button, Group, Modal, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { fetchSpecialistForEdit, useUpdateSpecialist, type AccreditationStatus, type Specialist, type SpecialistStatus } from '../../api/specialists';
import { useUserName } from '../../api/users';
import { useCurrentUser } from '../../auth/currentUser';
import { HUB_LEADS } from '../../auth/roles';
import { DateField } from '../../components/DateField';
import { SchoolSelect, SpecialistUserSelect } from '../../components/pickers';
import { StaleAlert } from '../../components/StaleAlert';
import { formatDate } from '../../lib/format';
import { ACCREDITATION_LABELS, SPECIALIST_STATUS_LABELS, options } from '../../lib/labels';
import { notifyProblem, problemOf } from '../../lib/problem';

interface Values {
  status: SpecialistStatus;
  user_id: string | null;
  school_id: string | null;
  accreditation: { status: AccreditationStatus; started_on: string | null; accredited_on: string | null };
}

/**
 * The record a hub lead keeps: the specialist's school (which their claims fund unless a claim
 * names another), status, NCETM PD Lead accreditation and the sign-in that acts as this
 * specialist (a user of the hub with the Mastery Specialist role). Hub leads only.
 */
export function ManageSpecialist({ specialist }: { specialist: Specialist }) {
  const { role } = useCurrentUser();
  const [editing, setEditing] = useState<{ specialist: Specialist; etag: string | null } | null>(null);
  const [stale, setStale] = useState(false);
  const signIn = useUserName(role !== null && HUB_LEADS.includes(role) ? specialist.user_id : null);
  if (role === null || !HUB_LEADS.includes(role)) return null;

  async function open() {
    setStale(false);
    try {
      setEditing(await fetchSpecialistForEdit(specialist.id));
    } catch (error) {
      notifyProblem(problemOf(error));
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="record-heading">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={2} size="h3" id="record-heading">
          Sign-in and record
        </Title>
        <Button variant="default" onClick={() => void open()}>
          Change
        </Button>
      </Group>
      <Text size="sm" mt="xs">
        School:{' '}
        {specialist.school
          ? `${specialist.school.name} (URN ${specialist.school.urn})`
          : 'none on record, so each claim must name the school it funds'}
      </Text>
      <Text size="sm">
        Sign-in:{' '}
        {specialist.user_id === null
          ? 'none linked, so this specialist cannot sign in to record their own meetings and claims'
          : (signIn.data ?? 'linked')}
      </Text>
      {stale ? <StaleAlert what="specialist" onReload={() => void open()} /> : null}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title="Change the specialist’s record">
        {editing ? (
          <RecordForm
            key={editing.etag}
            current={editing.specialist}
            etag={editing.etag}
            signInLabel={signIn.data ?? null}
            onDone={() => setEditing(null)}
            onStale={() => {
              setEditing(null);
              setStale(true);
            }}
          />
        ) : null}
      </Modal>
    </Paper>
  );
}

function RecordForm({
  current,
  etag,
  signInLabel,
  onDone,
  onStale,
}: {
  current: Specialist;
  etag: string | null;
  signInLabel: string | null;
  onDone: () => void;
  onStale: () => void;
}) {
  const update = useUpdateSpecialist(current.id);
  const form = useForm<Values>({
    mode: 'uncontrolled',
    initialValues: {
      status: current.status,
      user_id: current.user_id,
      school_id: current.school?.id ?? null,
      accreditation: {
        status: current.accreditation.status,
        started_on: current.accreditation.started_on,
        accredited_on: current.accreditation.accredited_on,
      },
    },
  });

  const submit = form.onSubmit(async (values) => {
    try {
      const saved = await update.mutateAsync({ body: values, etag });
      notifications.show({
        color: 'green',
        message: `${saved.first_name} ${saved.last_name}’s record is saved${
          saved.accreditation.accredited_on ? `; accredited ${formatDate(saved.accreditation.accredited_on)}` : ''
        }.`,
      });
      onDone();
    } catch (error) {
      routeProblem(error, { onStale, form });
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="The specialist’s record">
      <Stack>
        <SchoolSelect
          label="School"
          description="The school the specialist teaches at; their claims fund it unless a claim names another."
          placeholder="Search by school name"
          initialOption={current.school ? { value: current.school.id, label: `${current.school.name} (${current.school.urn})` } : null}
          key={form.key('school_id')}
          {...form.getInputProps('school_id')}
        />
        <SpecialistUserSelect
          label="Sign-in"
          description="A user of your hub with the Mastery Specialist role. Add one under Admin → Users."
          placeholder="Search by name or email address"
          initialOption={current.user_id && signInLabel ? { value: current.user_id, label: signInLabel } : null}
          key={form.key('user_id')}
          {...form.getInputProps('user_id')}
        />
        <Select
          label="Status"
          data={options(SPECIALIST_STATUS_LABELS)}
          allowDeselect={false}
          key={form.key('status')}
          {...form.getInputProps('status')}
        />
        <Select
          label="PD Lead accreditation"
          data={options(ACCREDITATION_LABELS)}
          allowDeselect={false}
          key={form.key('accreditation.status')}
          {...form.getInputProps('accreditation.status')}
        />
        <Group grow align="start">
          <DateField
            label="Training started"
            clearable
            key={form.key('accreditation.started_on')}
            {...form.getInputProps('accreditation.started_on')}
          />
          <DateField
            label="Accredited on"
            clearable
            key={form.key('accreditation.accredited_on')}
            {...form.getInputProps('accreditation.accredited_on')}
          />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
