import { Anchor, Button, Group, Modal, Stack, Table, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router';
import { useCreateHub, useHubs } from '../../../api/hubs';
import { CursorPager } from '../../../components/CursorPager';
import { ListState } from '../../../components/ListState';
import { TableScroll } from '../../../components/TableScroll';
import { Page } from '../../../components/Page';
import { formatDate } from '../../../lib/format';
import { applyProblemToForm, problemOf } from '../../../lib/problem';
import { optional, useListParams } from '../../../lib/searchParams';

const PAGE_SIZE = 50;

function NewHubModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const create = useCreateHub();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { code: '', name: '', region: '' },
    validate: {
      code: (value) =>
        /^[a-z0-9][a-z0-9-]{1,31}$/.test(value) ? null : 'Use 2 to 32 lowercase letters, digits or hyphens, e.g. north.',
      name: (value) => (value.trim().length >= 2 ? null : 'Enter the hub’s name.'),
    },
  });
  function close() {
    form.reset();
    onClose();
  }
  const submit = form.onSubmit(async (values) => {
    try {
      const hub = await create.mutateAsync({ code: values.code, name: values.name.trim(), region: optional(values.region.trim()) ?? null });
      notifications.show({ message: `${hub.name} is added.`, color: 'green' });
      close();
    } catch (error) {
      applyProblemToForm(problemOf(error), form);
    }
  });
  return (
    <Modal opened={opened} onClose={close} title="Add hub">
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Name" required key={form.key('name')} {...form.getInputProps('name')} />
          <TextInput label="Code" description="Short and lowercase; used in addresses and integrations." required key={form.key('code')} {...form.getInputProps('code')} />
          <TextInput label="Region" key={form.key('region')} {...form.getInputProps('region')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add hub
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function Component() {
  const { values, cursor, setFilter, setCursor } = useListParams(['q'] as const);
  const hubs = useHubs({ limit: PAGE_SIZE, cursor, q: optional(values.q) });
  const [adding, { open, close }] = useDisclosure(false);
  const search = useDebouncedCallback((value: string) => setFilter('q', value), 300);
  const items = hubs.data?.items ?? [];
  return (
    <Page title="Hubs" actions={<Button onClick={open}>Add hub</Button>}>
      <Group role="search" aria-label="Filter hubs">
        <TextInput label="Search" description="Name or code" defaultValue={values.q} onChange={(event) => search(event.currentTarget.value)} w={{ base: '100%', xs: 260 }} />
      </Group>
      <ListState
        isPending={hubs.isPending}
        error={hubs.error}
        isEmpty={items.length === 0}
        emptyTitle="No hubs match"
        onRetry={() => void hubs.refetch()}
      >
        <TableScroll minWidth={520} label="Hubs table">
          <Table striped aria-label="Hubs" aria-busy={hubs.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Code</Table.Th>
                <Table.Th scope="col">Region</Table.Th>
                <Table.Th scope="col">Added</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((hub) => (
                <Table.Tr key={hub.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/admin/hubs/${hub.id}`}>
                      {hub.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{hub.code}</Table.Td>
                  <Table.Td>{hub.region ?? '—'}</Table.Td>
                  <Table.Td>{formatDate(hub.created_at)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <CursorPager cursor={cursor} nextCursor={hubs.data?.next_cursor} onChange={setCursor} shown={items.length} />
      </ListState>
      <NewHubModal opened={adding} onClose={close} />
    </Page>
  );
}
