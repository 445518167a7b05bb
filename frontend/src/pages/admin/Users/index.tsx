import { Button, Group, Select, Switch, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedCallback, useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { notifications } from '@mantine/notifications';
import { useHubNames } from '../../../api/hubs';
import { useUpdateUser, useUsers, type User } from '../../../api/users';
import { useCurrentUser } from '../../../auth/currentUser';
import { ROLE_LABELS, ROLES, type Role } from '../../../auth/roles';
import { CursorPager } from '../../../components/CursorPager';
import { ListState } from '../../../components/ListState';
import { TableScroll } from '../../../components/TableScroll';
import { Page } from '../../../components/Page';
import { formatDate } from '../../../lib/format';
import { notifyProblem } from '../../../lib/problem';
import { routeProblem } from '../../../api/http';
import { StaleAlert } from '../../../components/StaleAlert';
import { optional, useListParams } from '../../../lib/searchParams';
import { AddUserModal } from './AddUserModal';
import { ConfirmUserAction, type UserAction } from './ConfirmUserAction';
import { UserStatus } from './UserStatus';

const PAGE_SIZE = 50;

type UserStatusFilter = 'invited' | 'active' | 'deactivated';

/** The status filter from the URL; `inactive` is what bookmarks made before invitations say. */
function userStatusFilter(value: string): UserStatusFilter | undefined {
  if (value === 'inactive') return 'deactivated';
  return value === 'invited' || value === 'active' || value === 'deactivated' ? value : undefined;
}

export function Component() {
  const me = useCurrentUser();
  const isNational = me.role === 'national_admin';
  const { values, cursor, setFilter, setCursor } = useListParams(['q', 'role', 'status'] as const);
  const users = useUsers({
    limit: PAGE_SIZE,
    cursor,
    q: optional(values.q),
    role: optional(values.role) as Role | undefined,
    status: userStatusFilter(values.status),
  });
  const { nameOf } = useHubNames(isNational);
  const [adding, { open: openAdd, close: closeAdd }] = useDisclosure(false);
  const update = useUpdateUser();
  const search = useDebouncedCallback((value: string) => setFilter('q', value), 300);
  const [confirming, setConfirming] = useState<{ action: UserAction; user: User } | null>(null);
  // A change found the user changed since the list was shown: nothing was saved.
  const [stale, setStale] = useState(false);

  async function setActive(user: User, isActive: boolean) {
    try {
      await update.mutateAsync({ user, changes: { is_active: isActive } });
      notifications.show({ message: `${user.name} is ${isActive ? 'active again' : 'deactivated'}.`, color: 'green' });
    } catch (error) {
      routeProblem(error, { onStale: () => setStale(true), onProblem: notifyProblem });
    }
  }

  async function setApprover(user: User, canApprove: boolean) {
    try {
      await update.mutateAsync({ user, changes: { can_approve_claims: canApprove } });
      notifications.show({
        message: canApprove ? `${user.name} can now approve claims and mark them paid.` : `${user.name} can no longer approve claims.`,
        color: 'green',
      });
    } catch (error) {
      routeProblem(error, { onStale: () => setStale(true), onProblem: notifyProblem });
    }
  }

  const items = users.data?.items ?? [];
  return (
    <Page title="Users" actions={<Button onClick={openAdd}>Invite user</Button>}>
      {stale ? (
        <StaleAlert
          what="user"
          onReload={async () => {
            setStale(false);
            await users.refetch();
          }}
        />
      ) : null}
      <Group align="end" gap="sm" wrap="wrap" role="search" aria-label="Filter users">
        <TextInput
          label="Search"
          description="Name or email address"
          defaultValue={values.q}
          onChange={(event) => search(event.currentTarget.value)}
          w={{ base: '100%', xs: 260 }}
        />
        <Select
          label="Role"
          placeholder="Any role"
          clearable
          data={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
          value={values.role || null}
          onChange={(value) => setFilter('role', value ?? '')}
          w={{ base: '100%', xs: 200 }}
        />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={[
            { value: 'invited', label: 'Invited' },
            { value: 'active', label: 'Active' },
            { value: 'deactivated', label: 'Deactivated' },
          ]}
          value={userStatusFilter(values.status) ?? null}
          onChange={(value) => setFilter('status', value ?? '')}
          w={{ base: '100%', xs: 200 }}
        />
      </Group>
      <ListState
        isPending={users.isPending}
        error={users.error}
        isEmpty={items.length === 0}
        emptyTitle="No users match"
        emptyDescription="Change the filters, or add a user."
        onRetry={() => void users.refetch()}
      >
        <TableScroll minWidth={820} label="Users table">
          <Table striped highlightOnHover aria-label="Users" aria-busy={users.isFetching}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Email</Table.Th>
                <Table.Th scope="col">Role</Table.Th>
                {isNational ? <Table.Th scope="col">Hub</Table.Th> : null}
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Approves claims</Table.Th>
                <Table.Th scope="col">Added</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td>{user.name}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{user.email}</Table.Td>
                  <Table.Td>{ROLE_LABELS[user.role]}</Table.Td>
                  {isNational ? <Table.Td>{nameOf(user.hub_id) ?? 'National team'}</Table.Td> : null}
                  <Table.Td>
                    <UserStatus user={user} />
                  </Table.Td>
                  <Table.Td>
                    <Approver user={user} busy={update.isPending && update.variables.user.id === user.id} onChange={(value) => void setApprover(user, value)} />
                  </Table.Td>
                  <Table.Td>{formatDate(user.created_at)}</Table.Td>
                  <Table.Td>
                    {user.id === me.id ? null : (
                      <Group gap={4} wrap="wrap">
                        {user.status === 'invited' ? (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            onClick={() => setConfirming({ action: 'resend', user })}
                            aria-label={`Re-send invitation to ${user.name}`}
                          >
                            Re-send invitation
                          </Button>
                        ) : null}
                        {user.status === 'invited' && user.invitation_expires_at ? (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            onClick={() => setConfirming({ action: 'revoke', user })}
                            aria-label={`Revoke invitation to ${user.name}`}
                          >
                            Revoke invitation
                          </Button>
                        ) : null}
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color={user.is_active ? 'red' : undefined}
                          loading={update.isPending && update.variables.user.id === user.id}
                          onClick={() => void setActive(user, !user.is_active)}
                          aria-label={`${user.is_active ? 'Deactivate' : 'Reactivate'} ${user.name}`}
                        >
                          {user.is_active ? 'Deactivate' : 'Reactivate'}
                        </Button>
                        {isNational && user.mfa_enabled ? (
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            color="red"
                            onClick={() => setConfirming({ action: 'reset-mfa', user })}
                            aria-label={`Reset two-factor sign-in for ${user.name}`}
                          >
                            Reset two-factor
                          </Button>
                        ) : null}
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
        <CursorPager cursor={cursor} nextCursor={users.data?.next_cursor} onChange={setCursor} shown={items.length} />
      </ListState>
      <AddUserModal opened={adding} onClose={closeAdd} isNational={isNational} />
      <ConfirmUserAction pending={confirming} onClose={() => setConfirming(null)} />
    </Page>
  );
}

/**
 * Four eyes: hub leads and national admins always approve; hub staff only when a lead names
 * them, so a hub with one lead still has a second person to check money.
 */
function Approver({ user, busy, onChange }: { user: User; busy: boolean; onChange: (canApprove: boolean) => void }) {
  if (user.role === 'hub_lead' || user.role === 'national_admin') return <Text size="sm">Always</Text>;
  if (user.role !== 'hub_staff') return <Text size="sm">—</Text>;
  return (
    <Switch
      checked={user.can_approve_claims}
      disabled={busy || !user.is_active}
      onChange={(event) => onChange(event.currentTarget.checked)}
      aria-label={`${user.name} can approve claims`}
    />
  );
}
