import { Button, Checkbox, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useCreateApiClient, type ApiClientCreated, type Scope } from '../../../api/apiClients';
import { useHubNames } from '../../../api/hubs';
import { applyProblemToForm, problemOf } from '../../../lib/problem';
import { SCOPE_LABELS, SCOPES } from './scopes';

interface Values {
  name: string;
  scopes: string[];
  hub_id: string;
}

export function NewApiClientModal({
  opened,
  onClose,
  onCreated,
  isNational,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (client: ApiClientCreated) => void;
  isNational: boolean;
}) {
  const create = useCreateApiClient();
  const { hubs } = useHubNames(isNational);
  const form = useForm<Values>({
    mode: 'uncontrolled',
    initialValues: { name: '', scopes: [], hub_id: '' },
    validate: {
      name: (value) => (value.trim() ? null : 'Name the system this client is for.'),
      scopes: (value) => (value.length > 0 ? null : 'Choose at least one scope.'),
      hub_id: (value) => (isNational && !value ? 'Choose the hub this client works for.' : null),
    },
  });

  function close() {
    form.reset();
    onClose();
  }

  const submit = form.onSubmit(async (values) => {
    try {
      const client = await create.mutateAsync({
        name: values.name.trim(),
        scopes: values.scopes as Scope[],
        hub_id: isNational ? values.hub_id : null,
      });
      form.reset();
      onCreated(client);
    } catch (error) {
      applyProblemToForm(problemOf(error), form);
    }
  });

  return (
    <Modal opened={opened} onClose={close} title="New API client">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput
            label="Name"
            description="The system that will use it, e.g. “Google Form intake”."
            required
            key={form.key('name')}
            {...form.getInputProps('name')}
          />
          <Checkbox.Group label="Scopes" description="Grant only what the system needs." required key={form.key('scopes')} {...form.getInputProps('scopes')}>
            <Stack gap="xs" mt="xs">
              {SCOPES.map((scope) => (
                <Checkbox key={scope} value={scope} label={SCOPE_LABELS[scope]} />
              ))}
            </Stack>
          </Checkbox.Group>
          {isNational ? (
            <Select
              label="Hub"
              required
              searchable
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
              Create
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
