import { Alert, Anchor, Button, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { usePasswordPolicy, useResetPassword } from '../../api/accounts';
import { NewPasswordInput } from '../../components/NewPasswordInput';
import { newPasswordProblem } from '../../lib/password';
import { PublicPage } from '../../components/PublicPage';
import { applyProblemToForm, problemOf, type Problem } from '../../lib/problem';

/** The link from the password-reset email: choose a new password (which signs out every session). */
export function Component() {
  const { token = '' } = useParams();
  const reset = useResetPassword(token);
  const policy = usePasswordPolicy();
  const [done, setDone] = useState(false);
  const [gone, setGone] = useState<Problem | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { password: '' },
    validate: { password: (value) => newPasswordProblem(value, policy.data) },
  });
  const submit = form.onSubmit(async ({ password }) => {
    try {
      await reset.mutateAsync(password);
      setDone(true);
    } catch (error) {
      const problem = problemOf(error);
      if (problem.status === 404 || problem.status === 410) setGone(problem);
      else applyProblemToForm(problem, form);
    }
  });

  let body;
  if (done) {
    body = (
      <Stack>
        <Alert color="green" variant="light" title="Your password is changed" role="status">
          <Text size="sm">Every device that was signed in to your account has been signed out. Sign in with your new password.</Text>
        </Alert>
        <Button component={Link} to="/sign-in">
          Sign in
        </Button>
      </Stack>
    );
  } else if (gone) {
    body = (
      <Stack>
        <Alert color="red" variant="light" title="This link no longer works" role="alert">
          <Text size="sm">
            {gone.status === 410
              ? 'Reset links work once, for an hour. Ask for a new one.'
              : 'Check that you used the whole link from the email, or ask for a new one.'}
          </Text>
        </Alert>
        <Anchor component={Link} to="/forgot-password" size="sm">
          Send me a new link
        </Anchor>
      </Stack>
    );
  } else {
    body = (
      <form onSubmit={submit} noValidate aria-label="Choose a new password">
        <Stack>
          <NewPasswordInput label="New password" key={form.key('password')} {...form.getInputProps('password')} />
          <Button type="submit" loading={reset.isPending}>
            Change my password
          </Button>
        </Stack>
      </form>
    );
  }
  return <PublicPage title="Choose a new password">{body}</PublicPage>;
}
