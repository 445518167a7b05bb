import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Cohort, CohortYearRule } from '../../api/cohorts';
import { renderWithMantine } from '../../test/render';
import { YearRuleModal } from '../CohortDetail/YearRuleModal';
import { poundsToPence } from '../CohortDetail/money';
import { yearRuleBody } from '../CohortDetail/yearRuleValues';
import { CohortForm } from './CohortForm';
import { londonParts, londonWallTime } from './londonTime';

function jsonResponse(body: unknown, status: number, contentType = 'application/json') {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType, ETag: '"2"' } });
}

/** Stubs fetch with one answer; returns the requests the component sent, with their bodies read. */
function stubApi(answer: () => Response) {
  const sent: { method: string; url: string; body: unknown; ifMatch: string | null }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const text = await request.text();
      sent.push({ method: request.method, url: request.url, body: text ? JSON.parse(text) : null, ifMatch: request.headers.get('If-Match') });
      return answer();
    }),
  );
  return sent;
}

function renderWithQueries(ui: ReactElement) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return renderWithMantine(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

const COHORT: Cohort = {
  id: '0190a0d4-0000-7000-8000-000000000001',
  code: 'primary-6',
  name: 'Primary Mastery Specialists Cohort 6 (2020/21)',
  programme: { id: '0190a0d4-0000-7000-8000-000000000002', code: 'primary' },
  development_year: '2020/21',
  // 09:00 on 2 March 2020 in London is 09:00 UTC (GMT); 17:00 on 15 June 2020 is 16:00 UTC (BST).
  opens_at: '2020-03-02T09:00:00Z',
  closes_at: '2020-06-15T16:00:00Z',
  reference_prefix: 'PMS6',
  places_per_hub: 4,
  reference_link_days: 14,
  reference_reminder_days: 7,
  head_chaser_days: [7, 14],
  applicant_chaser_days: [10],
  selection_ends_at: null,
  is_open: false,
  days_to_close: null,
  year_rules: [],
  residentials: [],
  created_at: '2020-01-01T00:00:00Z',
  updated_at: '2020-01-01T00:00:00Z',
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('London wall time', () => {
  it('shows an instant as the London day and time, GMT and BST alike', () => {
    expect(londonParts('2020-06-15T16:00:00Z')).toEqual({ date: '2020-06-15', time: '17:00' });
    expect(londonParts('2020-12-01T17:00:00Z')).toEqual({ date: '2020-12-01', time: '17:00' });
    // Late on 14 June in UTC is already 15 June in London.
    expect(londonParts('2020-06-14T23:30:00Z')).toEqual({ date: '2020-06-15', time: '00:30' });
    expect(londonWallTime('2020-06-15', '17:00')).toBe('2020-06-15T17:00');
    expect(() => londonWallTime('2020-06-15', '5pm')).toThrow(RangeError);
  });
});

describe('CohortForm', () => {
  it('opens an existing cohort in London time and sends London wall time, with If-Match', async () => {
    const sent = stubApi(() => jsonResponse(COHORT, 200));
    const onSaved = vi.fn();
    renderWithQueries(<CohortForm cohort={COHORT} etag={'"1"'} onSaved={onSaved} />);

    expect(screen.getByLabelText(/^Opens at/)).toHaveValue('09:00');
    expect(screen.getByLabelText(/^Closes at/)).toHaveValue('17:00');
    expect(screen.getByLabelText(/^Closes on/)).toHaveValue('15 June 2020');
    expect(screen.getByLabelText(/^Code/)).toBeDisabled();

    fireEvent.change(screen.getByLabelText(/^Closes at/), { target: { value: '12:30' } });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save changes' }));

    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.method).toBe('PATCH');
    expect(sent[0]?.ifMatch).toBe('"1"');
    // No offset: the API reads it as Europe/London, so BST is the API's business, not ours.
    expect(sent[0]?.body).toMatchObject({ opens_at: '2020-03-02T09:00', closes_at: '2020-06-15T12:30', places_per_hub: 4 });
    expect(sent[0]?.body).not.toHaveProperty('code');
  }, 10_000);

  it('puts the API’s problem beside the field it names', async () => {
    stubApi(() =>
      jsonResponse(
        {
          type: 'about:blank',
          title: 'Some of the details need correcting',
          status: 422,
          code: 'validation_failed',
          errors: [{ field: 'closes_at', message: 'Must be after opens_at.' }],
        },
        422,
        'application/problem+json',
      ),
    );
    renderWithQueries(<CohortForm cohort={COHORT} etag={'"1"'} onSaved={vi.fn()} />);

    await userEvent.setup().click(screen.getByRole('button', { name: 'Save changes' }));

    const closesOn = screen.getByLabelText(/^Closes on/);
    await waitFor(() => expect(closesOn).toHaveAttribute('aria-invalid', 'true'));
    expect(closesOn).toHaveAccessibleDescription('Must be after opens_at.');
  }, 10_000);

  it('shows a taken code beside the code field (409)', async () => {
    stubApi(() =>
      jsonResponse(
        { type: 'about:blank', title: 'Already exists', status: 409, code: 'already_exists', detail: 'Another cohort already uses this code.', field: 'code' },
        409,
        'application/problem+json',
      ),
    );
    const user = userEvent.setup();
    renderWithQueries(<CohortForm onSaved={vi.fn()} />);
    await user.type(screen.getByLabelText(/^Name/), 'Primary Cohort 7');
    await user.type(screen.getByLabelText(/^Code/), 'primary-7');
    await user.type(screen.getByLabelText(/^Reference prefix/), 'PMS7');
    fireEvent.change(screen.getByLabelText(/^Opens on/), { target: { value: '2021-03-01' } });
    fireEvent.blur(screen.getByLabelText(/^Opens on/));
    fireEvent.change(screen.getByLabelText(/^Closes on/), { target: { value: '2021-06-15' } });
    fireEvent.blur(screen.getByLabelText(/^Closes on/));
    await user.click(screen.getByRole('button', { name: 'Create cohort' }));

    await waitFor(() => expect(screen.getByLabelText(/^Code/)).toHaveAccessibleDescription(/Another cohort already uses this code\./));
  }, 20_000);

  it('tells the page when someone else changed the cohort (412)', async () => {
    const user = userEvent.setup();
    stubApi(() => jsonResponse({ type: 'about:blank', title: 'Someone else changed this', status: 412, code: 'precondition_failed' }, 412, 'application/problem+json'));
    const onStale = vi.fn();
    renderWithQueries(<CohortForm cohort={COHORT} etag={'"1"'} onSaved={vi.fn()} onStale={onStale} />);
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onStale).toHaveBeenCalledTimes(1));
  }, 10_000);
});

describe('money in year rules', () => {
  it('turns pounds typed by people into the API’s integer pence, exactly', () => {
    expect(poundsToPence('200')).toBe(20000);
    expect(poundsToPence(350.5)).toBe(35050);
    expect(poundsToPence('£3,000.00')).toBe(300000);
    expect(poundsToPence(0.29)).toBe(29); // 0.29 * 100 is 28.999… as a float
    expect(poundsToPence('12.345')).toBeNull();
    expect(poundsToPence('-5')).toBeNull();
    expect(
      yearRuleBody({
        release_days: 7.5,
        rates: [
          { activity: 'default', amount: 200 },
          { activity: 'work_group_session', amount: '350.50' },
        ],
        grants: [{ code: 'department_support', description: 'Each department', amount: '2,000' }],
        notes: '  ',
      }),
    ).toEqual({
      release_days: 7.5,
      day_rates_pence: { default: 20000, work_group_session: 35050 },
      grants: [{ code: 'department_support', description: 'Each department', amount_pence: 200000 }],
      notes: null,
    });
  });

  it('shows the rule’s pence as pounds and saves what is typed as pence, with If-Match', async () => {
    const rule: CohortYearRule = {
      id: '0190a0d4-0000-7000-8000-000000000003',
      programme_year: 1,
      release_days: 15,
      day_rates_pence: { default: 20000 },
      grants: [],
      notes: null,
      updated_at: '2020-01-01T00:00:00Z',
    };
    const sent = stubApi(() => jsonResponse({ ...rule, day_rates_pence: { default: 35050 } }, 200));
    renderWithQueries(<YearRuleModal cohortId={COHORT.id} programmeYear={1} load={{ rule, etag: '"7"' }} onClose={vi.fn()} />);

    const rate = await screen.findByLabelText('Pounds a day');
    expect(rate).toHaveValue('£200.00');
    const user = userEvent.setup();
    await user.clear(rate);
    await user.type(rate, '350.50');
    await user.click(screen.getByRole('button', { name: 'Save year 1' }));

    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.method).toBe('PUT');
    expect(sent[0]?.url).toMatch(/\/year-rules\/1$/);
    expect(sent[0]?.ifMatch).toBe('"7"');
    expect(sent[0]?.body).toEqual({ release_days: 15, day_rates_pence: { default: 35050 }, grants: [], notes: null });
  }, 10_000);
});
