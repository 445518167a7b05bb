import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkGroup } from '../../api/workGroups';
import { ApiError, type Problem } from '../../lib/problem';
import { renderWithMantine } from '../../test/render';
import { evaluationBody } from '../WorkGroupDetail/evaluation';
import { sessionBody, sessionValues } from '../WorkGroupSession/values';
import { updateBody, valuesOf, type WorkGroupValues } from './values';
import { WorkGroupForm } from './WorkGroupForm';

const workGroup: WorkGroup = {
  id: 'wg-1',
  hub_id: 'hub-1',
  code: 'WG-21-01',
  title: 'Developing Mastery in Years 1 to 3',
  phase: 'develop',
  programme: 'primary',
  academic_year: '2021/22',
  status: 'running',
  leads: [{ id: 'sp-1', first_name: 'Sam', last_name: 'Ahmed' }],
  schools: [
    {
      school: { id: 'school-a', urn: '100001', name: 'Brook Lane Primary School' },
      completed: null,
      withdrawn_on: null,
      participants: [
        { id: 'p-1', name: 'Ada Lovelace', email: 'ada@example.org', role: 'Year 2 teacher' },
        { id: 'p-2', name: 'Alan Turing', email: null, role: null },
      ],
    },
    {
      school: { id: 'school-b', urn: '100002', name: 'Hill Top Infant School' },
      completed: true,
      withdrawn_on: null,
      participants: [{ id: 'p-3', name: 'Grace Hopper', email: null, role: 'Maths lead' }],
    },
  ],
  sessions: [
    {
      id: 's-1',
      work_group_id: 'wg-1',
      held_on: '2021-10-12',
      starts_at: '13:30:00',
      ends_at: '16:00:00',
      mode: 'online',
      location: null,
      notes: null,
      attendance: [
        { participant_id: 'p-1', attended: true },
        { participant_id: 'p-3', attended: false },
      ],
      created_at: '2021-10-12T17:00:00Z',
      updated_at: '2021-10-12T17:00:00Z',
    },
  ],
  outcomes: null,
  created_at: '2021-09-01T09:00:00Z',
  updated_at: '2021-10-12T17:00:00Z',
};

function withQueries(ui: ReactElement) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return renderWithMantine(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

beforeEach(() => {
  // The lead picker searches the hub's specialists: an empty page is enough here.
  vi.stubGlobal(
    'fetch',
    vi.fn(() => Promise.resolve(new Response(JSON.stringify({ items: [], next_cursor: null }), { headers: { 'Content-Type': 'application/json' } }))),
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
});

function renderForm(onSave: (values: WorkGroupValues) => Promise<void>) {
  const notify = vi.fn();
  withQueries(<WorkGroupForm initialValues={valuesOf(workGroup)} submitLabel="Save changes" onSave={onSave} notify={notify} />);
  return { notify };
}

// Mantine forms in jsdom are slow on a busy machine.
describe('the work group form', { timeout: 20_000 }, () => {
  it('adds and removes participant rows within a school', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn(() => Promise.resolve());
    renderForm(onSave);
    const school = screen.getByRole('region', { name: 'Brook Lane Primary School (URN 100001)' });
    expect(within(school).getAllByLabelText(/^Name/)).toHaveLength(2);

    await user.click(within(school).getByRole('button', { name: 'Add a participant' }));
    const names = within(school).getAllByLabelText(/^Name/);
    expect(names).toHaveLength(3);
    await user.click(names[2] as HTMLElement);
    await user.paste('Katherine Johnson');
    await user.click(within(school).getByRole('button', { name: 'Remove participant 1 of Brook Lane Primary School (URN 100001)' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    const [saved] = onSave.mock.calls[0] as unknown as [WorkGroupValues];
    const [brookLane, hillTop] = saved.schools;
    expect(brookLane?.participants.map((p) => [p.id, p.name])).toEqual([
      ['p-2', 'Alan Turing'],
      [null, 'Katherine Johnson'],
    ]);
    // The other school is untouched and still sent.
    expect(hillTop?.participants.map((p) => p.id)).toEqual(['p-3']);
  });

  it('refuses a participant row without a name before sending', async () => {
    const user = userEvent.setup();
    const onSave = vi.fn(() => Promise.resolve());
    renderForm(onSave);
    const school = screen.getByRole('region', { name: 'Hill Top Infant School (URN 100002)' });
    await user.click(within(school).getByRole('button', { name: 'Add a participant' }));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(within(school).getAllByLabelText(/^Name/)[1]).toHaveAccessibleDescription('Enter the teacher’s name.');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('shows the API’s field errors beside the fields they name, nested ones included', async () => {
    const user = userEvent.setup();
    const problem: Problem = {
      type: 'https://masteryhub.test/problems/validation_failed',
      title: 'The request is not valid',
      status: 422,
      code: 'validation_failed',
      errors: [
        { field: 'code', message: 'String should match pattern.' },
        { field: 'schools.1.participants.0.email', message: 'value is not a valid email address' },
        { field: 'lead_specialist_ids.0', message: 'In programme year 1 in 2021/22; needs year 2 or later.' },
      ],
    };
    const { notify } = renderForm(() => Promise.reject(new ApiError(problem)));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(screen.getByLabelText(/^Code/)).toHaveAccessibleDescription(/String should match pattern\./));
    const hillTop = screen.getByRole('region', { name: 'Hill Top Infant School (URN 100002)' });
    expect(within(hillTop).getByLabelText(/^Email/)).toHaveAccessibleDescription('value is not a valid email address');
    const brookLane = screen.getByRole('region', { name: 'Brook Lane Primary School (URN 100001)' });
    expect(within(brookLane).getAllByLabelText(/^Email/)[0]).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText('In programme year 1 in 2021/22; needs year 2 or later.')).toBeInTheDocument();
    expect(notify).not.toHaveBeenCalled();
  });
});

describe('what an edit sends', () => {
  it('sends every school with every participant, keeping their ids', () => {
    const body = updateBody(valuesOf(workGroup));
    expect(body.schools).toEqual([
      {
        school_id: 'school-a',
        completed: null,
        participants: [
          { id: 'p-1', name: 'Ada Lovelace', email: 'ada@example.org', role: 'Year 2 teacher' },
          { id: 'p-2', name: 'Alan Turing', email: null, role: null },
        ],
      },
      { school_id: 'school-b', completed: true, participants: [{ id: 'p-3', name: 'Grace Hopper', email: null, role: 'Maths lead' }] },
    ]);
    expect(body.lead_specialist_ids).toEqual(['sp-1']);
  });

  it('records the evaluation with the full schools list', () => {
    const body = evaluationBody(workGroup, {
      outcomes: '  Both schools now plan in small steps. ',
      schools: [{ completed: 'yes' }, { completed: 'unknown' }],
    });
    expect(body.outcomes).toBe('Both schools now plan in small steps.');
    expect(body.schools.map((row) => [row.school_id, row.completed, row.participants?.map((p) => p.id)])).toEqual([
      ['school-a', true, ['p-1', 'p-2']],
      ['school-b', null, ['p-3']],
    ]);
  });

  it('sends a session’s register without the unrecorded rows and maps errors back to the right row', () => {
    const values = sessionValues(workGroup, workGroup.sessions[0] ?? null);
    expect(values.attendance.map((row) => row.presence)).toEqual(['attended', 'unrecorded', 'absent']);
    expect(values.starts_at).toBe('13:30');
    const { body, fieldMap } = sessionBody(values);
    expect(body.attendance).toEqual([
      { participant_id: 'p-1', attended: true },
      { participant_id: 'p-3', attended: false },
    ]);
    expect(fieldMap['attendance.1.participant_id']).toBe('attendance.2.presence');
    // A new session starts with everyone marked present.
    expect(sessionValues(workGroup, null).attendance.every((row) => row.presence === 'attended')).toBe(true);
  });
});
