import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link } from 'react-router';
import type { SignInOutcome } from '../../auth/session';
import { describeSignInFailure } from '../../auth/signInFailure';

export interface SignInFormProps {
  signIn: (email: string, password: string) => Promise<SignInOutcome>;
  /** The password was right: signed in, or on to the second factor or a required enrolment. */
  onAccepted: (outcome: SignInOutcome) => void;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function SignInForm({ signIn, onAccepted }: SignInFormProps) {
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', password: '' },
    validate: {
      email: (value) =>
        value.trim() === '' ? 'Enter your email address.' : EMAIL.test(value.trim()) ? null : 'Enter an email address like name@school.sch.uk.',
      password: (value) => (value === '' ? 'Enter your password.' : null),
    },
  });

  const submit = form.onSubmit(async ({ email, password }) => {
    setFailure(null);
    try {
      onAccepted(await signIn(email.trim(), password));
    } catch (error) {
      setFailure(describeSignInFailure(error));
      form.setFieldValue('password', '');
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Sign in">
      <Stack>
        {failure ? (
          <Alert color="red" role="alert" title="You are not signed in">
            {failure}
          </Alert>
        ) : null}
        <TextInput
          label="Email address"
          type="email"
          autoComplete="username"
          required
          key={form.key('email')}
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          required
          key={form.key('password')}
          {...form.getInputProps('password')}
          // Mantine marks an invalid PasswordInput only with data-invalid; tell assistive tech too.
          aria-invalid={form.errors.password ? true : undefined}
        />
        <Button type="submit" loading={form.submitting}>
          Sign in
        </Button>
        <Anchor component={Link} to="/forgot-password" size="sm">
          Forgot your password?
        </Anchor>
      </Stack>
    </form>
  );
}
