import { Button } from '@mantine/core';
import { useForm } from '@mantine/form';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderWithMantine } from '../test/render';
import { DateField } from './DateField';

function Form({ onSubmit, initial = null }: { onSubmit: (date: string | null) => void; initial?: string | null }) {
  const form = useForm<{ date: string | null }>({
    mode: 'uncontrolled',
    initialValues: { date: initial },
    validate: { date: (value) => (value ? null : 'Enter the date.') },
  });
  return (
    <form noValidate onSubmit={form.onSubmit((values) => onSubmit(values.date))}>
      <DateField label="Date" required key={form.key('date')} {...form.getInputProps('date')} />
      <Button type="submit">Save</Button>
      <Button onClick={() => form.setFieldValue('date', '2026-12-25')}>Christmas</Button>
    </form>
  );
}

const field = () => screen.getByRole('textbox', { name: /^date/i });

describe('DateField', () => {
  it('reads 01/02/2027 as 1 February 2027 and shows it back that way', async () => {
    const user = userEvent.setup({ delay: null });
    const onSubmit = vi.fn();
    renderWithMantine(<Form onSubmit={onSubmit} />);
    await user.type(field(), '01/02/2027');
    await user.tab();
    expect(field()).toHaveValue('1 February 2027');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith('2027-02-01');
  });

  it('keeps an impossible date as typed, says so beside the field, and holds no value', async () => {
    const user = userEvent.setup({ delay: null });
    const onSubmit = vi.fn();
    renderWithMantine(<Form onSubmit={onSubmit} initial="2026-11-30" />);
    await user.clear(field());
    await user.type(field(), '31/02/2027');
    await user.tab();
    expect(field()).toHaveValue('31/02/2027');
    expect(field()).toHaveAttribute('aria-invalid', 'true');
    expect(field()).toHaveAccessibleDescription('Enter a real date, for example 30/11/2026.');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).not.toHaveBeenCalled();
    // Still the specific message, not the form's "Enter the date."
    expect(field()).toHaveAccessibleDescription('Enter a real date, for example 30/11/2026.');

    await user.clear(field());
    await user.type(field(), '30 Nov 2026');
    await waitFor(() => expect(field()).not.toHaveAttribute('aria-invalid', 'true'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith('2026-11-30');
  });

  it('shows a value the form sets from outside', async () => {
    const user = userEvent.setup({ delay: null });
    renderWithMantine(<Form onSubmit={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Christmas' }));
    await waitFor(() => expect(field()).toHaveValue('25 December 2026'));
  });

  it('picks a day from the calendar', async () => {
    const user = userEvent.setup({ delay: null });
    const onSubmit = vi.fn();
    renderWithMantine(<Form onSubmit={onSubmit} initial="2026-11-30" />);
    await user.click(screen.getByRole('button', { name: 'Choose date from a calendar' }));
    await user.click(await screen.findByRole('button', { name: '12 November 2026' }));
    expect(field()).toHaveValue('12 November 2026');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSubmit).toHaveBeenCalledWith('2026-11-12');
  });
});
