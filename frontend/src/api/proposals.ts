/** Entries proposed by registers (a recorded session or meeting), accepted or rejected by people. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { applicationKeys } from './applications';
import { api, unwrap } from './client';
import { specialistKeys } from './specialists';
import type { components, paths } from './schema';
export type Proposal = components['schemas']['ProposalRead'];
type ProposalQuery = NonNullable<paths['/api/v1/release-day-proposals']['get']['parameters']['query']>;

export const proposalKeys = {
  all: ['proposals'] as const,
  forEvidence: (evidenceIds: string[]) => [...proposalKeys.all, 'evidence', evidenceIds] as const,
  forSpecialist: (specialistId: string) => [...proposalKeys.all, 'specialist', specialistId] as const,
  hub: () => [...proposalKeys.all, 'hub'] as const,
};

async function listProposals(query: ProposalQuery, signal: AbortSignal) {
  return unwrap(await api.GET('/api/v1/release-day-proposals', { params: { query }, signal })).items;
}

/** What a meeting's or session's register proposed (its page). */
export function useProposals(evidenceIds: string[]) {
  return useQuery({
    queryKey: proposalKeys.forEvidence(evidenceIds),
    queryFn: ({ signal }) => listProposals({ evidence_id: evidenceIds }, signal),
    enabled: evidenceIds.length > 0,
  });
}

/** Every open proposal of one specialist's, whichever register proposed it, deleted ones' too. */
export function useSpecialistProposals(specialistId: string) {
  return useQuery({
    queryKey: proposalKeys.forSpecialist(specialistId),
    queryFn: ({ signal }) => listProposals({ specialist_id: specialistId }, signal),
  });
}

/** Every open proposal in the hub (what the work queue counts). */
export function useHubProposals() {
  return useQuery({
    queryKey: proposalKeys.hub(),
    queryFn: ({ signal }) => listProposals({}, signal),
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
      // The dashboard's work queue counts proposals waiting.
      void queryClient.invalidateQueries({ queryKey: applicationKeys.workQueue() });
    },
  });
}
