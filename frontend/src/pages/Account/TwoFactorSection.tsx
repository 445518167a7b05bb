import { meKeys } from '../../api/auth';
import { Badge, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { confirmTotp, startTotp, useDisableTotp } from '../../api/accounts';
import { useCurrentUser } from '../../auth/currentUser';
import { normaliseOtp } from '../../auth/otp';
import { RecoveryCodesPanel, TotpEnrolment } from '../../auth/TotpEnrolment';
import { Section } from '../../components/Section';
import { applyProblemToForm, problemOf } from '../../lib/problem';

type Mode = { kind: 'idle' } | { kind: 'enrolling' } | { kind: 'codes'; codes: string[] } | { kind: 'disabling' };

export function TwoFactorSection() {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<Mode>({ kind: 'idle' });
  const enabled = me.mfa_enabled;
  const required = me.mfa_required;

  function refreshMe() {
    void queryClient.invalidateQueries({ queryKey: meKeys.me, exact: true });
  }

  let body;
  if (mode.kind === 'enrolling') {
    body = (
      <TotpEnrolment
        start={() => startTotp()}
        confirm={(code) => confirmTotp(code)}
        onConfirmed={(codes) => setMode({ kind: 'codes', codes })}
        onCancel={() => setMode({ kind: 'idle' })}
        headingLevel={3}
      />
    );
  } else if (mode.kind === 'codes') {
    body = (
      <RecoveryCodesPanel
        codes={mode.codes}
        onDone={() => {
          setMode({ kind: 'idle' });
          refreshMe();
        }}
      />
    );
  } else if (mode.kind === 'disabling') {
    body = (
      <TurnOffForm
        onDone={() => {
          setMode({ kind: 'idle' });
          notifications.show({ message: 'Two-factor sign-in is off.', color: 'green' });
        }}
        onCancel={() => setMode({ kind: 'idle' })}
      />
    );
  } else if (enabled) {
    body = (
      <Stack gap="sm">
        <Text size="sm">When you sign in, you give a code from your authenticator app (or a recovery code) after your password.</Text>
        {required ? (
          <Text size="sm">
            Your role must use two-factor sign-in, so it cannot be turned off. If you lose your phone, sign in with a recovery code,
            or ask a national admin to reset it.
          </Text>
        ) : (
          <div>
            <Button variant="default" color="red" onClick={() => setMode({ kind: 'disabling' })}>
              Turn off two-factor sign-in
            </Button>
          </div>
        )}
      </Stack>
    );
  } else {
    body = (
      <Stack gap="sm">
        <Text size="sm">
          Protect your account with a second step when you sign in: a code from an authenticator app on your phone, so a stolen
          password alone is not enough.
        </Text>
        <div>
          <Button onClick={() => setMode({ kind: 'enrolling' })}>Set up two-factor sign-in</Button>
        </div>
      </Stack>
    );
  }

  return (
    <Section title="Two-factor sign-in">
      <Group gap="xs" mb="sm">
        <Text size="sm" fw={600}>
          Status:
        </Text>
        <Badge color={enabled ? 'green' : 'gray'} variant="light">
          {enabled ? 'On' : 'Off'}
        </Badge>
      </Group>
      {body}
    </Section>
  );
}

function TurnOffForm({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const disable = useDisableTotp();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { code: '' },
    validate: { code: (value) => (/^\d{6}$/.test(normaliseOtp(value)) ? null : 'Enter the 6 digits your authenticator app shows.') },
  });
  const submit = form.onSubmit(async ({ code }) => {
    try {
      await disable.mutateAsync(normaliseOtp(code));
      onDone();
    } catch (error) {
      const problem = problemOf(error);
      if (problem.status === 400 || (problem.status === 422 && !problem.errors?.length)) {
        form.setFieldError('code', problem.detail ?? 'That code is not right. Enter the newest code your app shows.');
      } else {
        applyProblemToForm(problem, form);
      }
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Turn off two-factor sign-in">
      <Stack gap="sm">
        <Text size="sm">To turn it off, enter a code from your authenticator app.</Text>
        <TextInput
          label="6-digit code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
          w={{ base: '100%', xs: 220 }}
          key={form.key('code')}
          {...form.getInputProps('code')}
        />
        <Group>
          <Button type="submit" color="red" loading={disable.isPending}>
            Turn off
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
