import { Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { accountKeys, useChangePassword, usePasswordPolicy } from '../../api/accounts';
import { NewPasswordInput } from '../../components/NewPasswordInput';
import { newPasswordProblem } from '../../lib/password';
import { Section } from '../../components/Section';
import { applyProblemToForm, problemOf } from '../../lib/problem';

/** Change my password: the current one proves it is me; every other session ends (this one stays). */
export function PasswordSection() {
  const change = useChangePassword();
  const policy = usePasswordPolicy();
  const queryClient = useQueryClient();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { current_password: '', new_password: '' },
    validate: {
      current_password: (value) => (value === '' ? 'Enter your current password.' : null),
      new_password: (value, values) =>
        newPasswordProblem(value, policy.data) ??
        (value === values.current_password ? 'Choose a password different from your current one.' : null),
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await change.mutateAsync(values);
      form.reset();
      notifications.show({
        title: 'Your password is changed',
        message: 'Every other device signed in to your account has been signed out.',
        color: 'green',
      });
      void queryClient.invalidateQueries({ queryKey: accountKeys.sessions });
    } catch (error) {
      applyProblemToForm(problemOf(error), form);
    }
  });
  return (
    <Section title="Password">
      <form onSubmit={submit} noValidate aria-label="Change your password">
        <Stack gap="sm" maw={420}>
          <Text size="sm">Changing your password signs you out everywhere else.</Text>
          <PasswordInput
            label="Current password"
            autoComplete="current-password"
            required
            key={form.key('current_password')}
            {...form.getInputProps('current_password')}
            aria-invalid={form.errors.current_password ? true : undefined}
          />
          <NewPasswordInput label="New password" key={form.key('new_password')} {...form.getInputProps('new_password')} />
          <div>
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
          </div>
        </Stack>
      </form>
    </Section>
  );
}
