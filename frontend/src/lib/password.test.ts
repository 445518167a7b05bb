import { describe, expect, it } from 'vitest';
import { newPasswordProblem } from './password';

describe('newPasswordProblem', () => {
  const policy = { min_length: 12, max_length: 128 };

  it('asks for a password, then for a longer one in the API’s words', () => {
    expect(newPasswordProblem('', policy)).toBe('Choose a password.');
    expect(newPasswordProblem('eleven-char', policy)).toBe('Choose a longer password: at least 12 characters.');
    expect(newPasswordProblem('twelve-chars', policy)).toBeNull();
  });

  it('follows the policy the API gives, and refuses what is too long', () => {
    expect(newPasswordProblem('twelve-chars', { min_length: 15, max_length: 20 })).toBe('Choose a longer password: at least 15 characters.');
    expect(newPasswordProblem('x'.repeat(21), { min_length: 15, max_length: 20 })).toBe('Choose a shorter password: at most 20 characters.');
  });

  it('leaves whether it is too common to the API (no composition rules)', () => {
    expect(newPasswordProblem('aaaaaaaaaaaa', policy)).toBeNull();
  });
});
