/** Entries proposed by registers (a recorded session or meeting), accepted or rejected by people. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { specialistKeys } from './specialists';
import type { components } from './schema';
export type Proposal = components['schemas']['ReleaseDayEntryRead'];

export const proposalKeys = {
  all: ['proposals'] as const,
  forEvidence: (evidenceIds: string[]) => [...proposalKeys.all, evidenceIds] as const,
};

export function useProposals(evidenceIds: string[]) {
  return useQuery({
    queryKey: proposalKeys.forEvidence(evidenceIds),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/release-day-proposals', { params: { query: { evidence_id: evidenceIds } }, signal })).items,
    enabled: evidenceIds.length > 0,
  });
}

export function useDecideProposal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ proposal, decision }: { proposal: Proposal; decision: 'accept' | 'reject' }) => {
      const params = { path: { specialist_id: proposal.specialist_id, entry_id: proposal.id } };
      return decision === 'accept'
        ? unwrap(await api.POST('/api/v1/specialists/{specialist_id}/release-days/{entry_id}/acceptance', { params }))
        : unwrap(await api.POST('/api/v1/specialists/{specialist_id}/release-days/{entry_id}/rejection', { params, body: {} }));
    },
    onSettled: async (_entry, _error, { proposal }) => {
      await queryClient.invalidateQueries({ queryKey: proposalKeys.all });
      await queryClient.invalidateQueries({ queryKey: specialistKeys.detail(proposal.specialist_id) });
    },
  });
}
