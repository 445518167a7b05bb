import { Button, Checkbox, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
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
  password: string;
  can_approve_claims: boolean;
}

const INITIAL: Values = { name: '', email: '', role: 'hub_staff', hub_id: '', password: '', can_approve_claims: false };

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
        password: values.password,
        can_approve_claims: values.role === 'hub_staff' && values.can_approve_claims,
      });
      notifications.show({ message: `${user.name} can now sign in.`, color: 'green' });
      close();
    } catch (error) {
      applyProblemToForm(problemOf(error), form);
    }
  });

  return (
    <Modal opened={opened} onClose={close} title="Add user">
      <form onSubmit={submit} noValidate>
        <Stack>
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
          <PasswordInput
            label="Initial password"
            description="Tell the person separately; they should change it."
            required
            autoComplete="new-password"
            key={form.key('password')}
            {...form.getInputProps('password')}
            // Mantine marks an invalid PasswordInput only with data-invalid; tell assistive tech too.
            aria-invalid={form.errors.password ? true : undefined}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
