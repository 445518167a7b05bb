/** Payment runs: a hub lead pays the hub's schools approved entries in one reviewed batch. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { session } from '../auth/instance';
import { api, unwrap } from './client';
import { fetchCsv, saveFile } from './download';
import type { components } from './schema';
export type PaymentRun = components['schemas']['PaymentRunRead'];
export type PaymentRunSummary = components['schemas']['PaymentRunSummary'];
export type PaymentRunCreate = components['schemas']['PaymentRunCreate'];
export type PaymentRunStatus = PaymentRun['status'];

export const PAYMENT_RUN_STATUS_LABELS = {
  draft: 'Draft',
  committed: 'Committed',
  sent: 'Sent',
  voided: 'Voided',
} as const satisfies Record<PaymentRunStatus, string>;

export const paymentRunKeys = {
  all: ['payment-runs'] as const,
  list: (hubId: string | undefined) => [...paymentRunKeys.all, 'list', hubId ?? null] as const,
  one: (id: string) => [...paymentRunKeys.all, 'one', id] as const,
};

export function usePaymentRuns(hubId?: string) {
  return useQuery({
    queryKey: paymentRunKeys.list(hubId),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/payment-runs', { params: { query: { hub_id: hubId } }, signal })),
  });
}

export function usePaymentRun(id: string) {
  return useQuery({
    queryKey: paymentRunKeys.one(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/payment-runs/{payment_run_id}', { params: { path: { payment_run_id: id } }, signal })),
  });
}

export function useBuildPaymentRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, hubId }: { body: PaymentRunCreate; hubId?: string }) =>
      unwrap(await api.POST('/api/v1/payment-runs', { params: { query: { hub_id: hubId } }, body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: paymentRunKeys.all }),
  });
}

type Action = 'commit' | 'sent' | 'void';

export function usePaymentRunAction(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ action, reason, allowNegative }: { action: Action; reason?: string; allowNegative?: boolean }) => {
      const params = { path: { payment_run_id: id } };
      if (action === 'commit') {
        return unwrap(await api.POST('/api/v1/payment-runs/{payment_run_id}/commit', { params, body: { allow_negative_total: allowNegative ?? false } }));
      }
      if (action === 'sent') return unwrap(await api.POST('/api/v1/payment-runs/{payment_run_id}/sent', { params }));
      return unwrap(await api.POST('/api/v1/payment-runs/{payment_run_id}/void', { params, body: { reason: reason ?? '' } }));
    },
    onSuccess: (run) => queryClient.setQueryData(paymentRunKeys.one(id), run),
    onSettled: () => queryClient.invalidateQueries({ queryKey: paymentRunKeys.all }),
  });
}

/** The run's remittance (or one school's) as CSV, saved as a file. */
export async function downloadRemittance(run: Pick<PaymentRun, 'id' | 'reference'>, school?: { id: string; urn: string }): Promise<void> {
  const name = `remittance-${run.reference}${school ? `-${school.urn}` : ''}.csv`;
  saveFile(await fetchCsv(session, `/api/v1/payment-runs/${run.id}/remittance`, { school_id: school?.id }, name));
}
