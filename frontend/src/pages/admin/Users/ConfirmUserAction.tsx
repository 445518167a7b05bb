import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useResendInvitation, useResetUserMfa, useRevokeInvitation, type User } from '../../../api/users';
import { notifyProblem, problemOf } from '../../../lib/problem';

export type UserAction = 'resend' | 'revoke' | 'reset-mfa';

const COPY: Record<UserAction, { title: string; body: (user: User) => string; confirm: string; done: (user: User) => string; danger: boolean }> = {
  resend: {
    title: 'Re-send the invitation?',
    body: (user) => `We will email ${user.email} a new link, valid for 72 hours. The link we sent before will stop working.`,
    confirm: 'Re-send invitation',
    done: (user) => `We have emailed a new invitation to ${user.email}.`,
    danger: false,
  },
  revoke: {
    title: 'Revoke the invitation?',
    body: (user) => `The link we emailed to ${user.email} will stop working, so ${user.name} cannot set up an account with it.`,
    confirm: 'Revoke invitation',
    done: (user) => `The invitation to ${user.name} is revoked.`,
    danger: true,
  },
  'reset-mfa': {
    title: 'Reset two-factor sign-in?',
    body: (user) =>
      `${user.name} will sign in with their password alone until they set up an authenticator app again (their role may require it at the next sign-in). Their recovery codes stop working. Do this only once you are sure who asked.`,
    confirm: 'Reset two-factor',
    done: (user) => `Two-factor sign-in is reset for ${user.name}.`,
    danger: true,
  },
};

/** The confirmation before an invitation is re-sent or revoked, or someone's second factor reset. */
export function ConfirmUserAction({ pending, onClose }: { pending: { action: UserAction; user: User } | null; onClose: () => void }) {
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const resetMfa = useResetUserMfa();
  const mutation = pending?.action === 'resend' ? resend : pending?.action === 'revoke' ? revoke : resetMfa;
  const copy = pending ? COPY[pending.action] : null;

  async function run() {
    if (!pending || !copy) return;
    try {
      await mutation.mutateAsync(pending.user.id);
      notifications.show({ message: copy.done(pending.user), color: 'green' });
      onClose();
    } catch (error) {
      notifyProblem(problemOf(error));
    }
  }

  return (
    <Modal opened={pending !== null} onClose={onClose} title={copy?.title ?? ''}>
      {pending && copy ? (
        <Stack>
          <Text size="sm">{copy.body(pending.user)}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button color={copy.danger ? 'red' : undefined} loading={mutation.isPending} onClick={() => void run()}>
              {copy.confirm}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
