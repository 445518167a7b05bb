import { SEARCH_PAGE } from './schools';
import { userKeys } from './users';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { etagOf, etagOfVersionSeen, idempotent, ifMatch } from './http';
import type { components, paths } from './schema';
import { session } from '../auth/instance';
import { fetchCsv, saveFile } from './download';

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


export const specialistKeys = {
  all: ['specialists'] as const,
  list: (filters: SpecialistFilters) => [...specialistKeys.all, 'list', filters] as const,
  search: (term: string, options: SpecialistSearchOptions) => [...specialistKeys.all, 'search', term, options] as const,
  /** Everything about one specialist: their record, progress, ledger and claimable events. */
  detail: (id: string) => [...specialistKeys.all, 'one', id] as const,
  record: (id: string, academicYear: string | undefined) => [...specialistKeys.detail(id), academicYear] as const,
  progress: (id: string, academicYear: string | undefined) => [...specialistKeys.detail(id), 'progress', academicYear] as const,
  ledger: (id: string, academicYear: string | undefined) => [...specialistKeys.detail(id), 'ledger', academicYear] as const,
  claimableEvents: (id: string, academicYear: string) => [...specialistKeys.detail(id), 'claimable-events', academicYear] as const,
};

export const reportKeys = {
  all: ['reports'] as const,
  releaseDays: (academicYear: string) => [...reportKeys.all, 'release-days', academicYear] as const,
  financeEntries: (filters: object) => [...reportKeys.all, 'release-days', 'entries', filters] as const,
};

export type SpecialistPage = components['schemas']['Page_SpecialistRead_'];

export interface SpecialistSearchOptions {
  /** With their programme year in this academic year (and nothing until it is a valid one). */
  academicYear?: string;
  /** Only specialists with this status (the work group's leads: active ones). */
  status?: SpecialistStatus;
}

/**
 * The hub's specialists whose name contains `q` (all of them, a page, while `q` is empty; a
 * specialist is only ever shown their own records); `select` shapes the page for the picker.
 */
export function useSpecialistSearch<T = SpecialistPage>(
  q: string,
  { academicYear, status }: SpecialistSearchOptions = {},
  select?: (page: SpecialistPage) => T,
) {
  const term = q.trim();
  return useQuery({
    queryKey: specialistKeys.search(term, { academicYear, status }),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/specialists', {
          params: { query: { q: term || undefined, academic_year: academicYear, status, limit: SEARCH_PAGE } },
          signal,
        }),
      ),
    enabled: academicYear === undefined || /^\d{4}\/\d{2}$/.test(academicYear),
    placeholderData: keepPreviousData,
    select,
  });
}

export function useSpecialists(filters: SpecialistFilters) {
  return useQuery({
    queryKey: specialistKeys.list(filters),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/specialists', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useSpecialist(id: string, academicYear: string | undefined) {
  return useQuery({
    queryKey: specialistKeys.record(id, academicYear),
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
  return { specialist: unwrap(result), etag: etagOf(result) };
}

/** Change status, accreditation or the linked sign-in (hub leads); 412 when it changed meanwhile. */
export function useUpdateSpecialist(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, etag }: { body: SpecialistUpdate; etag: string | null }) =>
      unwrap(
        await api.PATCH('/api/v1/specialists/{specialist_id}', {
          params: { path: { specialist_id: id }, header: ifMatch(etag) },
          body,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: specialistKeys.all }),
  });
}

/** A sign-in's name for display (hub leads and national admins may read users). */
export function useUserName(id: string | null) {
  return useQuery({
    queryKey: userKeys.detail(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/users/{user_id}', { params: { path: { user_id: id ?? '' } }, signal })),
    enabled: id !== null,
    select: (user) => `${user.name} (${user.email})`,
  });
}

export function useProgress(id: string, academicYear: string | undefined) {
  return useQuery({
    queryKey: specialistKeys.progress(id, academicYear),
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
    queryKey: specialistKeys.ledger(id, academicYear),
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
    queryKey: specialistKeys.claimableEvents(id, academicYear),
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
    onSettled: () => queryClient.invalidateQueries({ queryKey: specialistKeys.detail(specialistId) }),
  });
}

export function useClaim(specialistId: string) {
  return useLedgerMutation(specialistId, async (body: EntryCreate) =>
    unwrap(
      await api.POST('/api/v1/specialists/{specialist_id}/release-days', {
        params: { path: { specialist_id: specialistId }, header: idempotent() },
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
          header: idempotent(),
        },
        body: { reason },
      }),
    ),
  );
}

/**
 * Approve or mark paid the entry as it is on screen. The ledger does not carry per-entry ETags,
 * so the If-Match sent is the ETag of the version the person saw (`etagOfVersionSeen`): if the
 * entry changed after it was shown (approved, paid or reversed by someone else), the answer is a
 * 412 and nothing is written, exactly as a stale If-Match would be; a change landing between
 * that read and the write is refused by the API's own If-Match check.
 */
export function useAdvanceEntry(specialistId: string) {
  return useLedgerMutation(
    specialistId,
    async ({ entry, step, reference }: { entry: LedgerEntry; step: 'approval' | 'payment'; reference?: string }) => {
      const path = { specialist_id: specialistId, entry_id: entry.id };
      const etag = await etagOfEntrySeen(specialistId, entry);
      const header = { ...idempotent(), ...ifMatch(etag) };
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

/** The ETag of the ledger entry as it was shown; a 412 problem if it has changed since. */
export function etagOfEntrySeen(specialistId: string, shown: LedgerEntry): Promise<string> {
  return etagOfVersionSeen(
    () =>
      api.GET('/api/v1/specialists/{specialist_id}/release-days/{entry_id}', {
        params: { path: { specialist_id: specialistId, entry_id: shown.id } },
      }),
    shown,
    (latest, seen) => latest.status === seen.status && latest.reversed_by_id === seen.reversed_by_id,
  );
}

/** The hub's release days per specialist and per funded school in an academic year (JSON). */
export function useReleaseDayReport(academicYear: string, enabled = true) {
  return useQuery({
    queryKey: reportKeys.releaseDays(academicYear),
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
