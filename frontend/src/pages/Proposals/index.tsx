import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useHubProposals } from '../../api/proposals';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { ProposalsTable } from '../../components/ProposedClaims';

/**
 * Every claim the hub's registers proposed and nobody has accepted or rejected yet — what the
 * work queue counts — with whose each is and where it came from. Reversals of a deleted
 * meeting or session are decided here (or on the specialist's page): their register's page is gone.
 */
export function Component() {
  const proposals = useHubProposals();
  const items = proposals.data ?? [];
  return (
    <Page
      title="Proposed claims"
      actions={
        <Anchor component={Link} to="/reports/release-days">
          Release days for finance
        </Anchor>
      }
    >
      <Text maw={760}>
        Recording a TRG meeting or a work group session proposes its leads’ release days, and enough attendance proposes a school’s
        grant. When a register is corrected or deleted after a claim from it was accepted, its reversal is proposed. Accepting a
        proposal makes it a claim; someone else then approves it. The specialist can accept or reject their own from their programme page.
      </Text>
      <ListState
        isPending={proposals.isPending}
        error={proposals.error}
        isEmpty={items.length === 0}
        emptyTitle="No proposed claims waiting"
        emptyDescription="Claims proposed by registers appear here until someone accepts or rejects them."
        onRetry={() => void proposals.refetch()}
      >
        <ProposalsTable items={items} sources specialistLinks />
      </ListState>
    </Page>
  );
}
