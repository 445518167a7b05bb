/** A specialist's release-day ledger: claims, reversals, approval and payment (backend release_days). */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { etagOfVersionSeen, idempotent, ifMatch } from './http';
import type { components } from './schema';
import { specialistKeys } from './specialists';

export type Ledger = components['schemas']['SpecialistLedger'];
export type LedgerEntry = components['schemas']['ReleaseDayEntryRead'];
export type EntryCreate = components['schemas']['ReleaseDayEntryCreate'];
export type EntryKind = components['schemas']['EntryKind'];
export type EntryStatus = components['schemas']['EntryStatus'];
export type Activity = components['schemas']['Activity'];
export type EvidenceType = components['schemas']['EvidenceType'];

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
