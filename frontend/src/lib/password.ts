import type { PasswordPolicy } from '../api/accounts';

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
