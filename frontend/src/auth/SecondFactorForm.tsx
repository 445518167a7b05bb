import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { normaliseOtp } from './otp';
import type { SecondFactor } from './session';
import { describeSecondFactorFailure } from './signInFailure';


export interface SecondFactorFormProps {
  verify: (factor: SecondFactor) => Promise<void>;
  onVerified: () => void;
  /** The mfa_token is spent or expired: back to the password. */
  onRestart: () => void;
  /** Recovery codes are for signing in; offer them only there. */
  allowRecoveryCode?: boolean;
  submitLabel?: string;
  /** What to say above the field. */
  intro?: string;
}

/**
 * The sign-in's second step: the 6-digit code from the authenticator app, or — when the phone
 * is lost — one of the ten recovery codes (each works once).
 */
export function SecondFactorForm({
  verify,
  onVerified,
  onRestart,
  allowRecoveryCode = true,
  submitLabel = 'Continue',
  intro = 'Enter the 6-digit code your authenticator app shows for MasteryHub.',
}: SecondFactorFormProps) {
  const [useRecovery, setUseRecovery] = useState(false);
  const [failure, setFailure] = useState<{ message: string; restart: boolean } | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { otp: '', recovery_code: '' },
    validate: {
      otp: (value) =>
        useRecovery ? null : /^\d{6}$/.test(normaliseOtp(value)) ? null : 'Enter the 6 digits your authenticator app shows.',
      recovery_code: (value) => (!useRecovery || value.trim() !== '' ? null : 'Enter one of your recovery codes.'),
    },
  });

  const submit = form.onSubmit(async ({ otp, recovery_code }) => {
    setFailure(null);
    try {
      await verify(useRecovery ? { recoveryCode: recovery_code.trim() } : { otp: normaliseOtp(otp) });
      onVerified();
    } catch (error) {
      // Clear the spent code first: changing a value clears that field's error.
      form.setFieldValue(useRecovery ? 'recovery_code' : 'otp', '');
      const described = describeSecondFactorFailure(error, useRecovery);
      if (described.field) {
        form.setFieldError(useRecovery ? 'recovery_code' : 'otp', described.message);
      } else {
        setFailure({ message: described.message, restart: described.restart });
      }
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Two-factor sign-in">
      <Stack>
        {failure ? (
          <Alert color="red" role="alert" title="You are not signed in">
            <Text size="sm">{failure.message}</Text>
            {failure.restart ? (
              <Button mt="sm" size="xs" variant="default" onClick={onRestart}>
                Start again
              </Button>
            ) : null}
          </Alert>
        ) : null}
        {useRecovery ? (
          <TextInput
            label="Recovery code"
            description="One of the ten codes you saved when you set up two-factor sign-in. Each works once."
            autoComplete="off"
            spellCheck={false}
            required
            data-autofocus
            key={form.key('recovery_code')}
            {...form.getInputProps('recovery_code')}
          />
        ) : (
          <TextInput
            label="Code from your authenticator app"
            description={intro}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            required
            data-autofocus
            key={form.key('otp')}
            {...form.getInputProps('otp')}
          />
        )}
        <Button type="submit" loading={form.submitting}>
          {submitLabel}
        </Button>
        {allowRecoveryCode ? (
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => {
              setUseRecovery((value) => !value);
              setFailure(null);
              form.clearErrors();
            }}
          >
            {useRecovery ? 'Use a code from your authenticator app' : 'Use a recovery code instead'}
          </Anchor>
        ) : null}
      </Stack>
    </form>
  );
}
