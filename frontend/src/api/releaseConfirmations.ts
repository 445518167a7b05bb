/**
 * The headteacher's termly confirmation of the release days their school gave (backend
 * release_confirmations), and the hub's headteacher contact per school (school_contacts).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { etagOf, idempotent, ifMatch } from './http';
import type { components } from './schema';

export type ConfirmationView = components['schemas']['ConfirmationView'];
export type ConfirmationLineView = components['schemas']['ConfirmationLineView'];
export type ConfirmationAnswer = components['schemas']['ConfirmationAnswer'];
export type ConfirmationReceipt = components['schemas']['ConfirmationReceipt'];
export type ConfirmationSummary = components['schemas']['ConfirmationSummary'];
export type ConfirmationRead = components['schemas']['ConfirmationRead'];
export type ConfirmationLineRead = components['schemas']['ConfirmationLineRead'];
export type ConfirmationState = components['schemas']['ConfirmationState'];
export type HeadConfirmation = components['schemas']['HeadConfirmation'];
export type SchoolWithoutHead = components['schemas']['SchoolWithoutHead'];
export type SchoolContact = components['schemas']['SchoolContactRead'];
export type SchoolContactWrite = components['schemas']['SchoolContactWrite'];
export type DisputeResolutionWrite = components['schemas']['DisputeResolutionWrite'];

export const HEAD_CONFIRMATION_LABELS = {
  not_asked: 'Not asked yet',
  awaiting: 'Awaiting the head',
  confirmed: 'Confirmed by the head',
  disputed: 'Disputed by the head',
  dispute_resolved: 'Dispute resolved',
} as const satisfies Record<HeadConfirmation, string>;

export const CONFIRMATION_STATE_LABELS = {
  awaiting: 'Awaiting the head',
  expired: 'Link expired',
  answered: 'Answered',
} as const satisfies Record<ConfirmationState, string>;

export const confirmationKeys = {
  all: ['release-confirmations'] as const,
  link: (token: string) => [...confirmationKeys.all, 'link', token] as const,
  list: (disputed: boolean) => [...confirmationKeys.all, 'list', disputed] as const,
  one: (id: string) => [...confirmationKeys.all, 'one', id] as const,
  contact: (schoolId: string, hubId: string | undefined) => ['school-contacts', schoolId, hubId ?? null] as const,
};

// ── the head's page (public: the token is the credential) ───────────────────────────────────

export function useConfirmationLink(token: string) {
  return useQuery({
    queryKey: confirmationKeys.link(token),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/release-confirmation-links/{token}', { params: { path: { token } }, signal })),
    retry: false,
  });
}

export function useAnswerConfirmation(token: string) {
  return useMutation({
    mutationFn: async (body: ConfirmationAnswer) =>
      unwrap(await api.POST('/api/v1/release-confirmation-links/{token}', { params: { path: { token } }, body })),
  });
}

// ── the hub lead ────────────────────────────────────────────────────────────────────────────

export function useReleaseConfirmations(disputedOnly: boolean) {
  return useQuery({
    queryKey: confirmationKeys.list(disputedOnly),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/release-confirmations', {
          params: { query: disputedOnly ? { disputed: true } : {} },
          signal,
        }),
      ),
  });
}

export function useReleaseConfirmation(id: string) {
  return useQuery({
    queryKey: confirmationKeys.one(id),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/release-confirmations/{confirmation_id}', { params: { path: { confirmation_id: id } }, signal }),
      ),
  });
}

export function useResendConfirmation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/release-confirmations/{confirmation_id}/resend', {
          params: { path: { confirmation_id: id }, header: idempotent() },
        }),
      ),
    onSuccess: (read) => queryClient.setQueryData(confirmationKeys.one(id), read),
    onSettled: () => queryClient.invalidateQueries({ queryKey: confirmationKeys.all }),
  });
}

export function useResolveDispute(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ lineId, body }: { lineId: string; body: DisputeResolutionWrite }) =>
      unwrap(
        await api.POST('/api/v1/release-confirmations/{confirmation_id}/lines/{line_id}/resolution', {
          params: { path: { confirmation_id: id, line_id: lineId }, header: idempotent() },
          body,
        }),
      ),
    onSuccess: (read) => queryClient.setQueryData(confirmationKeys.one(id), read),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: confirmationKeys.all });
      // The work queue's dispute count and the specialist's ledger change with it.
      await queryClient.invalidateQueries();
    },
  });
}

// ── the school's headteacher contact ────────────────────────────────────────────────────────

/** The contact and the ETag it was read at (only a contact the hub set has one). */
export function useSchoolContact(schoolId: string, hubId: string | undefined) {
  return useQuery({
    queryKey: confirmationKeys.contact(schoolId, hubId),
    queryFn: async ({ signal }) => {
      const result = await api.GET('/api/v1/schools/{school_id}/head-contact', {
        params: { path: { school_id: schoolId }, query: { hub_id: hubId } },
        signal,
      });
      return { contact: unwrap(result), etag: etagOf(result) };
    },
  });
}

export function usePutSchoolContact(schoolId: string, hubId: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, etag }: { body: SchoolContactWrite; etag: string | null }) => {
      const result = await api.PUT('/api/v1/schools/{school_id}/head-contact', {
        params: { path: { school_id: schoolId }, query: { hub_id: hubId }, header: ifMatch(etag) },
        body,
      });
      return { contact: unwrap(result), etag: etagOf(result) };
    },
    onSuccess: (saved) => queryClient.setQueryData(confirmationKeys.contact(schoolId, hubId), saved),
    onSettled: () => queryClient.invalidateQueries({ queryKey: confirmationKeys.all }),
  });
}
