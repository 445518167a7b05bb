import { Box, Loader, PasswordInput, type PasswordInputProps } from '@mantine/core';
import { usePasswordPolicy } from '../api/accounts';


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
