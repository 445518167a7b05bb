import { Box, Loader, PasswordInput, type PasswordInputProps } from '@mantine/core';
import { usePasswordPolicy, type PasswordPolicy } from '../api/account';

/**
 * The one check worth making before the API sees a new password: its length, in the API's own
 * words. Whether it is too common is the API's call (it holds the list).
 */
export function newPasswordProblem(value: string, policy: Pick<PasswordPolicy, 'min_length' | 'max_length'> | undefined): string | null {
  if (value === '') return 'Choose a password.';
  const min = policy?.min_length ?? 12;
  if (value.length < min) return `Choose a longer password: at least ${min} characters.`;
  if (policy?.max_length && value.length > policy.max_length) {
    return `Choose a shorter password: at most ${policy.max_length} characters.`;
  }
  return null;
}

/**
 * A new password with the policy shown before the person types (NCSC: length and "not a common
 * password", no composition rules), read out as the input's description.
 */
export function NewPasswordInput(props: PasswordInputProps) {
  const policy = usePasswordPolicy();
  const description = policy.data ? (
    <Box component="span" style={{ display: 'block' }}>
      {policy.data.guidance.map((sentence) => (
        <Box component="span" key={sentence} style={{ display: 'block' }}>
          {sentence}
        </Box>
      ))}
    </Box>
  ) : policy.isPending ? (
    <Loader size="xs" aria-label="Loading the password rules" />
  ) : (
    'At least 12 characters, and not a common password.'
  );
  return (
    <PasswordInput
      autoComplete="new-password"
      required
      description={description}
      {...props}
      // Mantine marks an invalid PasswordInput only with data-invalid; tell assistive tech too.
      aria-invalid={props.error ? true : undefined}
    />
  );
}
