import { Badge, Button, Code, Group, Modal, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useApiClients, useRevokeApiClient, type ApiClient, type ApiClientCreated } from '../../../api/apiClients';
import { useHubNames } from '../../../api/hubs';
import { useCurrentUser } from '../../../auth/currentUser';
import { CursorPager } from '../../../components/CursorPager';
import { ListState } from '../../../components/ListState';
import { TableScroll } from '../../../components/TableScroll';
import { Page } from '../../../components/Page';
import { formatDate } from '../../../lib/format';
import { notifyProblem, problemOf } from '../../../lib/problem';
import { useListParams } from '../../../lib/searchParams';
import { NewApiClientModal } from './NewApiClientModal';
import { SCOPE_LABELS } from './scopes';
import { SecretOnceModal } from './SecretOnceModal';

const PAGE_SIZE = 50;

export function Component() {
  const me = useCurrentUser();
  const isNational = me.role === 'national_admin';
  const { values, cursor, setFilter, setCursor } = useListParams(['status'] as const);
  const clients = useApiClients({
    limit: PAGE_SIZE,
    cursor,
    is_active: values.status === '' ? undefined : values.status === 'active',
  });
  const { nameOf } = useHubNames(isNational);
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false);
  const [created, setCreated] = useState<ApiClientCreated | null>(null);
  const [revoking, setRevoking] = useState<ApiClient | null>(null);
  const revoke = useRevokeApiClient();

  async function confirmRevoke() {
    if (!revoking) return;
    try {
      await revoke.mutateAsync(revoking.id);
      notifications.show({ message: `${revoking.name} is revoked; its tokens no longer work.`, color: 'green' });
      setRevoking(null);
    } catch (error) {
      notifyProblem(problemOf(error));
    }
  }

  const items = clients.data?.items ?? [];
  return (
    <Page title="API clients" actions={<Button onClick={openCreate}>New API client</Button>}>
      <Text>
        Other systems — a form tool posting applications, a hub&apos;s CRM or finance software — sign in with an API
        client&apos;s id and secret, and can do only what its scopes allow, for its hub only.
      </Text>
      <Group role="search" aria-label="Filter API clients">
        <Select
          label="Status"
          placeholder="Active and revoked"
          clearable
          data={[
            { value: 'active', label: 'Active' },
            { value: 'inactive', label: 'Revoked' },
          ]}
          value={values.status || null}
          onChange={(value) => setFilter('status', value ?? '')}
          w={{ base: '100%', xs: 220 }}
        />
      </Group>
      <ListState
        isPending={clients.isPending}
        error={clients.error}
        isEmpty={items.length === 0}
        emptyTitle="No API clients"
        emptyDescription="Create one for each system that needs to reach MasteryHub."
        onRetry={() => void clients.refetch()}
      >
        <TableScroll minWidth={720} label="API clients table">
          <Table striped aria-label="API clients" aria-busy={clients.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Client id</Table.Th>
                <Table.Th scope="col">Scopes</Table.Th>
                {isNational ? <Table.Th scope="col">Hub</Table.Th> : null}
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Created</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((client) => (
                <Table.Tr key={client.id}>
                  <Table.Td>{client.name}</Table.Td>
                  <Table.Td>
                    <Code>{client.client_id}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {client.scopes.map((scope) => (
                        <Badge key={scope} variant="outline" color="gray" tt="none" title={SCOPE_LABELS[scope as keyof typeof SCOPE_LABELS]}>
                          {scope}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  {isNational ? <Table.Td>{nameOf(client.hub_id)}</Table.Td> : null}
                  <Table.Td>
                    <Badge color={client.is_active ? 'green' : 'gray'} variant="light">
                      {client.is_active ? 'Active' : 'Revoked'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDate(client.created_at)}</Table.Td>
                  <Table.Td>
                    {client.is_active ? (
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRevoking(client)} aria-label={`Revoke ${client.name}`}>
                        Revoke
                      </Button>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <CursorPager cursor={cursor} nextCursor={clients.data?.next_cursor} onChange={setCursor} shown={items.length} />
      </ListState>
      <NewApiClientModal
        opened={creating}
        onClose={closeCreate}
        isNational={isNational}
        onCreated={(client) => {
          closeCreate();
          setCreated(client);
        }}
      />
      <SecretOnceModal client={created} onClose={() => setCreated(null)} />
      <Modal opened={revoking !== null} onClose={() => setRevoking(null)} title="Revoke this API client?">
        <Stack>
          <Text>
            {revoking?.name} will stop working at once: its tokens are refused and it cannot get new ones. This cannot be undone.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRevoking(null)}>
              Keep it
            </Button>
            <Button color="red" loading={revoke.isPending} onClick={() => void confirmRevoke()}>
              Revoke
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Page>
  );
}
