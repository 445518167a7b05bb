import { Alert, Anchor, Button, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link } from 'react-router';
import { useRequestPasswordReset } from '../../api/accounts';
import { PublicPage } from '../../components/PublicPage';
import { applyProblemToForm, problemOf } from '../../lib/problem';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * "Forgot your password?": the API answers 202 whatever the address, so this page says the same
 * thing whether or not the address has an account (nobody learns who has one).
 */
export function Component() {
  const request = useRequestPasswordReset();
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '' },
    validate: {
      email: (value) =>
        value.trim() === '' ? 'Enter your email address.' : EMAIL.test(value.trim()) ? null : 'Enter an email address like name@school.sch.uk.',
    },
  });
  const submit = form.onSubmit(async ({ email }) => {
    try {
      await request.mutateAsync(email.trim());
      setSentTo(email.trim());
    } catch (error) {
      applyProblemToForm(problemOf(error), form);
    }
  });

  return (
    <PublicPage title="Reset your password">
      {sentTo ? (
        <Stack>
          <Alert color="green" variant="light" title="Check your email" role="status">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              If that address has an account, we have emailed a link to {sentTo}. It works once, for an hour. If nothing
              arrives within a few minutes, check your junk folder or ask your hub lead.
            </Text>
          </Alert>
          <Anchor component={Link} to="/sign-in" size="sm">
            Back to sign in
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Reset your password">
          <Stack>
            <Text size="sm">Enter the email address you sign in with and we will send you a link to choose a new password.</Text>
            <TextInput
              label="Email address"
              type="email"
              autoComplete="username"
              required
              key={form.key('email')}
              {...form.getInputProps('email')}
            />
            <Button type="submit" loading={request.isPending}>
              Send the link
            </Button>
            <Anchor component={Link} to="/sign-in" size="sm">
              Back to sign in
            </Anchor>
          </Stack>
        </form>
      )}
    </PublicPage>
  );
}
