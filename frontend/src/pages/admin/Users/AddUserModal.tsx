import { Button, Checkbox, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useHubNames } from '../../../api/hubs';
import { useCreateUser } from '../../../api/users';
import { ROLE_LABELS, ROLES, type Role } from '../../../auth/roles';
import { applyProblemToForm, problemOf } from '../../../lib/problem';

interface Values {
  name: string;
  email: string;
  role: string;
  hub_id: string;
  can_approve_claims: boolean;
}

const INITIAL: Values = { name: '', email: '', role: 'hub_staff', hub_id: '', can_approve_claims: false };

export function AddUserModal({ opened, onClose, isNational }: { opened: boolean; onClose: () => void; isNational: boolean }) {
  const create = useCreateUser();
  const { hubs } = useHubNames(isNational);
  // Uncontrolled form: the approver box follows the role through this, not a re-render.
  const [role, setRole] = useState(INITIAL.role);
  const form = useForm<Values>({
    mode: 'uncontrolled',
    initialValues: INITIAL,
    onValuesChange: (values) => setRole(values.role),
    validate: {
      name: (value) => (value.trim() ? null : 'Enter the person’s name.'),
      email: (value) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : 'Enter a valid email address.'),
      role: (value) => (value ? null : 'Choose a role.'),
      hub_id: (value, values) =>
        isNational && values.role !== 'national_admin' && !value ? 'Choose the hub this person works for.' : null,
    },
  });

  function close() {
    form.reset();
    onClose();
  }

  const submit = form.onSubmit(async (values) => {
    try {
      const user = await create.mutateAsync({
        name: values.name.trim(),
        email: values.email.trim(),
        role: values.role as Role,
        hub_id: isNational && values.role !== 'national_admin' ? values.hub_id : null,
        can_approve_claims: values.role === 'hub_staff' && values.can_approve_claims,
      });
      notifications.show({ message: `We have emailed an invitation to ${user.email}.`, color: 'green' });
      close();
    } catch (error) {
      const problem = problemOf(error);
      // "Already exists" is about the address: say so beside it.
      if (problem.status === 409 && !problem.errors?.length) form.setFieldError('email', problem.detail ?? problem.title);
      else applyProblemToForm(problem, form);
    }
  });

  return (
    <Modal opened={opened} onClose={close} title="Invite a user">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">
            We email them a link to set their own password. It works once, for 72 hours; you can send a new one from this list.
          </Text>
          <TextInput label="Name" required autoComplete="off" key={form.key('name')} {...form.getInputProps('name')} />
          <TextInput label="Email address" type="email" required autoComplete="off" key={form.key('email')} {...form.getInputProps('email')} />
          <Select
            label="Role"
            required
            allowDeselect={false}
            data={ROLES.filter((role) => isNational || role !== 'national_admin').map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
            key={form.key('role')}
            {...form.getInputProps('role')}
          />
          {role === 'hub_staff' ? (
            <Checkbox
              label="Can approve claims and mark them paid"
              description="Hub leads always can. Nobody approves a claim they recorded or their own."
              key={form.key('can_approve_claims')}
              {...form.getInputProps('can_approve_claims', { type: 'checkbox' })}
            />
          ) : null}
          {isNational ? (
            <Select
              label="Hub"
              description="Leave empty for the national team."
              searchable
              clearable
              data={(hubs.data?.items ?? []).map((hub) => ({ value: hub.id, label: hub.name }))}
              key={form.key('hub_id')}
              {...form.getInputProps('hub_id')}
            />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
