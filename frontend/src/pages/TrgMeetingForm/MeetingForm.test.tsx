import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrgMeeting } from '../../api/trgMeetings';
import { ApiError } from '../../lib/problem';
import { renderWithMantine } from '../../test/render';
import { MeetingForm } from './MeetingForm';

const MEETING: TrgMeeting = {
  id: '7f1c0000-0000-4000-8000-000000000001',
  hub_id: '7f1c0000-0000-4000-8000-000000000002',
  kind: 'school',
  lead_specialist: { id: '7f1c0000-0000-4000-8000-000000000003', first_name: 'Robin', last_name: 'Appleby' },
  held_on: '2026-10-05',
  starts_at: '15:45:00',
  ends_at: '17:15:00',
  mode: 'in_person',
  school: null,
  focus: 'Fluency with number bonds',
  research_lesson: { year_group: 'Year 4', topic: 'Equivalent fractions' },
  attendees: [{ name: 'A. Teacher', role: 'Year 4 teacher', school_id: null, school: null, attended: true }],
  notes: null,
  work_group_id: null,
  created_at: '2026-10-05T18:00:00Z',
  updated_at: '2026-10-05T18:00:00Z',
};

function renderForm(ui: ReactElement) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return renderWithMantine(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

// Two shared cores: Mantine's first render is slow there, so allow more than the default 5 s.
describe('MeetingForm', { timeout: 30_000 }, () => {
  const requested: string[] = [];
  beforeEach(() => {
    requested.length = 0;
    // The pickers search the API; an empty page is enough for the form's own behaviour.
    vi.stubGlobal(
      'fetch',
      vi.fn((request: Request) => {
        requested.push(request.url);
        return Promise.resolve(new Response(JSON.stringify({ items: [], next_cursor: null }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
      }),
    );
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('adds attendee rows with focus on the new name, and removes them', async () => {
    const user = userEvent.setup();
    renderForm(<MeetingForm chooseLead={false} leadName="Robin Appleby" submitLabel="Record meeting" onSubmit={vi.fn()} onCancel={vi.fn()} />);
    expect(screen.getByText('No attendees yet.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Add attendee' }));
    const first = screen.getByRole('group', { name: 'Attendee 1' });
    await waitFor(() => expect(within(first).getByLabelText(/^Name/)).toHaveFocus());
    await user.keyboard('A. Teacher');
    await user.click(screen.getByRole('button', { name: 'Add attendee' }));
    const second = screen.getByRole('group', { name: 'Attendee 2' });
    await waitFor(() => expect(within(second).getByLabelText(/^Name/)).toHaveFocus());
    await user.keyboard('B. Teacher');
    await user.click(within(second).getByLabelText('Attended'));
    expect(within(second).getByLabelText('Attended')).not.toBeChecked();

    await user.click(screen.getByRole('button', { name: 'Remove attendee 1 (A. Teacher)' }));
    expect(screen.queryByRole('group', { name: 'Attendee 2' })).not.toBeInTheDocument();
    const left = screen.getByRole('group', { name: 'Attendee 1' });
    expect(within(left).getByLabelText(/^Name/)).toHaveValue('B. Teacher');
    expect(within(left).getByLabelText('Attended')).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Add attendee' })).toHaveFocus();
  });

  it('asks for an attendee’s name before sending, and sends the attendees with the meeting', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn(() => Promise.resolve());
    renderForm(<MeetingForm meeting={MEETING} chooseLead={false} submitLabel="Save changes" onSubmit={onSubmit} onCancel={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Add attendee' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Enter the attendee’s name.')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Remove attendee 2' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit).toHaveBeenCalledWith({
      kind: 'school',
      held_on: '2026-10-05',
      starts_at: '15:45',
      ends_at: '17:15',
      mode: 'in_person',
      school_id: null,
      focus: 'Fluency with number bonds',
      research_lesson: { year_group: 'Year 4', topic: 'Equivalent fractions' },
      work_group_id: null,
      notes: null,
      attendees: [{ name: 'A. Teacher', role: 'Year 4 teacher', school_id: null, attended: true }],
    });
  });

  it('shows a problem naming attendees.0.name beside that attendee’s name', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn(() =>
      Promise.reject(
        new ApiError({
          type: 'about:blank',
          title: 'Some of the details need correcting',
          status: 422,
          code: 'validation_failed',
          errors: [{ field: 'attendees.0.name', message: 'String should have at most 200 characters' }],
        }),
      ),
    );
    renderForm(<MeetingForm meeting={MEETING} chooseLead={false} submitLabel="Save changes" onSubmit={onSubmit} onCancel={vi.fn()} />);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    const name = within(screen.getByRole('group', { name: 'Attendee 1' })).getByLabelText(/^Name/);
    await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
    expect(name).toHaveAccessibleDescription('String should have at most 200 characters');
  });

  it('asks for the work group only for a work group TRG, searching the hub’s work groups', async () => {
    const user = userEvent.setup();
    renderForm(<MeetingForm chooseLead={false} submitLabel="Record meeting" onSubmit={vi.fn()} onCancel={vi.fn()} />);
    expect(screen.queryByLabelText('Work group')).not.toBeInTheDocument();

    await user.click(screen.getByRole('combobox', { name: 'Kind' }));
    await user.click(await screen.findByRole('option', { name: 'Work group TRG', hidden: true }));
    expect(await screen.findByRole('combobox', { name: 'Work group' })).toBeInTheDocument();
    await waitFor(() => expect(requested.some((url) => new URL(url).pathname === '/api/v1/work-groups')).toBe(true));

    await user.click(screen.getByRole('combobox', { name: 'Kind' }));
    await user.click(await screen.findByRole('option', { name: 'School TRG', hidden: true }));
    await waitFor(() => expect(screen.queryByRole('combobox', { name: 'Work group' })).not.toBeInTheDocument());
  });
});
