import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components, paths } from './schema';
import { session } from '../auth/instance';
import { fetchCsv, saveFile } from './download';
import { ApiError, toProblem } from '../lib/problem';

export type Specialist = components['schemas']['SpecialistRead'];
export type SpecialistStatus = components['schemas']['SpecialistStatus'];
export type SpecialistSort = components['schemas']['SpecialistSort'];
export type SpecialistFilters = NonNullable<paths['/api/v1/specialists']['get']['parameters']['query']>;
export type SpecialistProgress = components['schemas']['SpecialistProgress'];
export type Ledger = components['schemas']['SpecialistLedger'];
export type LedgerEntry = components['schemas']['ReleaseDayEntryRead'];
export type EntryCreate = components['schemas']['ReleaseDayEntryCreate'];
export type EntryKind = components['schemas']['EntryKind'];
export type EntryStatus = components['schemas']['EntryStatus'];
export type Activity = components['schemas']['Activity'];
export type SpecialistUpdate = components['schemas']['SpecialistUpdate'];
export type AccreditationStatus = components['schemas']['AccreditationStatus'];
export type ReleaseDayReport = components['schemas']['ReleaseDayReport'];
export type ClaimableEvent = components['schemas']['ClaimableEvent'];
export type EvidenceType = components['schemas']['EvidenceType'];

function idempotencyKey(): string {
  return crypto.randomUUID();
}

export function useSpecialists(filters: SpecialistFilters) {
  return useQuery({
    queryKey: ['specialists', 'list', filters],
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/specialists', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useSpecialist(id: string, academicYear: string | undefined) {
  return useQuery({
    queryKey: ['specialists', 'one', id, academicYear],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/specialists/{specialist_id}', {
          params: { path: { specialist_id: id }, query: { academic_year: academicYear } },
          signal,
        }),
      ),
  });
}

/** The specialist as it is now, with its version (ETag) for an edit guarded by If-Match. */
export async function fetchSpecialistForEdit(id: string): Promise<{ specialist: Specialist; etag: string | null }> {
  const result = await api.GET('/api/v1/specialists/{specialist_id}', { params: { path: { specialist_id: id } } });
  return { specialist: unwrap(result), etag: result.response.headers.get('ETag') };
}

/** Change status, accreditation or the linked sign-in (hub leads); 412 when it changed meanwhile. */
export function useUpdateSpecialist(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, etag }: { body: SpecialistUpdate; etag: string | null }) =>
      unwrap(
        await api.PATCH('/api/v1/specialists/{specialist_id}', {
          params: { path: { specialist_id: id }, header: etag ? { 'If-Match': etag } : {} },
          body,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['specialists'] }),
  });
}

/** A sign-in's name for display (hub leads and national admins may read users). */
export function useUserName(id: string | null) {
  return useQuery({
    queryKey: ['users', 'one', id],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/users/{user_id}', { params: { path: { user_id: id ?? '' } }, signal })),
    enabled: id !== null,
    select: (user) => `${user.name} (${user.email})`,
  });
}

export function useProgress(id: string, academicYear: string | undefined) {
  return useQuery({
    queryKey: ['specialists', 'one', id, 'progress', academicYear],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/specialists/{specialist_id}/progress', {
          params: { path: { specialist_id: id }, query: { academic_year: academicYear } },
          signal,
        }),
      ),
  });
}

export function useLedger(id: string, academicYear: string | undefined) {
  return useQuery({
    queryKey: ['specialists', 'one', id, 'ledger', academicYear],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/specialists/{specialist_id}/release-days', {
          params: { path: { specialist_id: id }, query: { academic_year: academicYear } },
          signal,
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/**
 * The specialist's own recorded events in an academic year that a claim can name as its evidence
 * (TRGs they led, sessions of their work groups, their cohort's residentials), newest first.
 */
export function useClaimableEvents(id: string, academicYear: string) {
  return useQuery({
    queryKey: ['specialists', 'one', id, 'claimable-events', academicYear],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/specialists/{specialist_id}/claimable-events', {
          params: { path: { specialist_id: id }, query: { academic_year: academicYear } },
          signal,
        }),
      ).items,
  });
}

function useLedgerMutation<V>(specialistId: string, run: (variables: V) => Promise<LedgerEntry>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['specialists', 'one', specialistId] }),
  });
}

export function useClaim(specialistId: string) {
  return useLedgerMutation(specialistId, async (body: EntryCreate) =>
    unwrap(
      await api.POST('/api/v1/specialists/{specialist_id}/release-days', {
        params: { path: { specialist_id: specialistId }, header: { 'Idempotency-Key': idempotencyKey() } },
        body,
      }),
    ),
  );
}

export function useReverse(specialistId: string) {
  return useLedgerMutation(specialistId, async ({ entryId, reason }: { entryId: string; reason: string }) =>
    unwrap(
      await api.POST('/api/v1/specialists/{specialist_id}/release-days/{entry_id}/reversal', {
        params: {
          path: { specialist_id: specialistId, entry_id: entryId },
          header: { 'Idempotency-Key': idempotencyKey() },
        },
        body: { reason },
      }),
    ),
  );
}

/**
 * Approve or mark paid the entry as it is on screen. The ledger does not carry per-entry ETags,
 * so the entry is read with its ETag and compared with the version the person saw (`updated_at`,
 * `status`): if it changed since, the answer is 412 without writing, exactly as a stale If-Match
 * would be; if not, that ETag goes as If-Match, so a change landing in between is refused too.
 */
export function useAdvanceEntry(specialistId: string) {
  return useLedgerMutation(
    specialistId,
    async ({ entry, step, reference }: { entry: LedgerEntry; step: 'approval' | 'payment'; reference?: string }) => {
      const path = { specialist_id: specialistId, entry_id: entry.id };
      const etag = await etagOfShownVersion(specialistId, entry);
      const header = { 'Idempotency-Key': idempotencyKey(), 'If-Match': etag };
      if (step === 'approval') {
        return unwrap(
          await api.POST('/api/v1/specialists/{specialist_id}/release-days/{entry_id}/approval', { params: { path, header } }),
        );
      }
      return unwrap(
        await api.POST('/api/v1/specialists/{specialist_id}/release-days/{entry_id}/payment', {
          params: { path, header },
          body: { reference: reference ?? null },
        }),
      );
    },
  );
}

/** The ETag of `shown` if the entry is still that version; a 412 problem if it has changed since. */
export async function etagOfShownVersion(specialistId: string, shown: LedgerEntry): Promise<string> {
  const current = await api.GET('/api/v1/specialists/{specialist_id}/release-days/{entry_id}', {
    params: { path: { specialist_id: specialistId, entry_id: shown.id } },
  });
  const latest = unwrap(current);
  const etag = current.response.headers.get('ETag');
  const unchanged =
    Date.parse(latest.updated_at) === Date.parse(shown.updated_at) &&
    latest.status === shown.status &&
    latest.reversed_by_id === shown.reversed_by_id;
  if (!etag || !unchanged) throw new ApiError(toProblem(412, null));
  return etag;
}

/** The hub's release days per specialist and per funded school in an academic year (JSON). */
export function useReleaseDayReport(academicYear: string, enabled = true) {
  return useQuery({
    queryKey: ['reports', 'release-days', academicYear],
    queryFn: async ({ signal }): Promise<ReleaseDayReport> => {
      const report = unwrap(await api.GET('/api/v1/reports/release-days', { params: { query: { academic_year: academicYear } }, signal }));
      // The operation also answers CSV (for `Accept: text/csv`); this asks for JSON.
      if (typeof report === 'string') throw new TypeError('The release-day report came back as text, not JSON.');
      return report;
    },
    enabled,
  });
}

/**
 * The release-day summary as CSV: the same report as JSON, asked for with `Accept: text/csv`,
 * saved as a file.
 */
export async function downloadReleaseDayReport(academicYear: string): Promise<void> {
  saveFile(
    await fetchCsv(session, '/api/v1/reports/release-days', { academic_year: academicYear }, `release-days-${academicYear.replace('/', '-')}.csv`),
  );
}
