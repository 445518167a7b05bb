import { TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { act, renderHook, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithMantine } from '../test/render';
import { applyProblemToForm, type Problem } from './problem';

const problem: Problem = {
  type: 'https://masteryhub.test/problems/validation_failed',
  title: 'The request is not valid',
  status: 422,
  code: 'validation_failed',
  detail: '2 field(s) are not valid.',
  errors: [
    { field: 'applicant.email', message: 'Enter a valid email address.' },
    { field: 'attendees.1.name', message: 'Enter the attendee’s name.' },
  ],
};

describe('applyProblemToForm with a real Mantine form', () => {
  it('sets errors on nested and list paths', () => {
    const { result } = renderHook(() =>
      useForm({
        mode: 'uncontrolled',
        initialValues: { applicant: { email: 'x' }, attendees: [{ name: 'A' }, { name: '' }] },
      }),
    );
    const notify = vi.fn();
    act(() => {
      applyProblemToForm(problem, result.current, { notify });
    });
    expect(result.current.errors).toEqual({
      'applicant.email': 'Enter a valid email address.',
      'attendees.1.name': 'Enter the attendee’s name.',
    });
    expect(notify).not.toHaveBeenCalled();
  });

  it('renders the message beside the input, as its accessible description', () => {
    function Form() {
      const form = useForm({ mode: 'uncontrolled', initialValues: { applicant: { email: '' } } });
      return (
        <form>
          <TextInput label="Applicant email" key={form.key('applicant.email')} {...form.getInputProps('applicant.email')} />
          <button type="button" onClick={() => applyProblemToForm(problem, form, { notify: vi.fn() })}>
            Submit
          </button>
        </form>
      );
    }
    renderWithMantine(<Form />);
    act(() => {
      screen.getByRole('button', { name: 'Submit' }).click();
    });
    const input = screen.getByLabelText('Applicant email');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('Enter a valid email address.');
  });
});
