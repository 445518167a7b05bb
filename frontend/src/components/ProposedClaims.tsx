import { Button, Group, Table, Text } from '@mantine/core';
import { useDecideProposal, useProposals, type Proposal } from '../api/proposals';
import { ACTIVITY_LABELS } from '../lib/labels';
import { formatDate, formatDays, formatPence } from '../lib/format';
import { ProblemAlert } from './ProblemAlert';
import { Section } from './Section';
import { TableScroll } from './TableScroll';

function what(proposal: Proposal, specialistNames: Record<string, string>): string {
  const who = specialistNames[proposal.specialist_id];
  const base =
    proposal.kind === 'grant'
      ? `Grant for ${proposal.school.name}`
      : `${proposal.activity ? (ACTIVITY_LABELS as Record<string, string>)[proposal.activity] ?? proposal.activity : 'Release days'}, ${formatDays(proposal.days)}${who ? ` for ${who}` : ''}`;
  return proposal.reverses_id ? `Reversal: ${base}` : base;
}

/**
 * The claims a register proposed (release days, grants, reversals), each to accept or reject.
 * `specialistNames` (id → name) says whose release days each is: a session with two leads
 * proposes one for each, otherwise alike.
 */
export function ProposedClaims({ evidenceIds, specialistNames = {} }: { evidenceIds: string[]; specialistNames?: Record<string, string> }) {
  const proposals = useProposals(evidenceIds);
  const decide = useDecideProposal();
  const items = proposals.data ?? [];
  return (
    <Section title="Proposed claims">
      <Text size="sm">
        Recording the register proposes these claims. Accepting one makes it a claim; someone else then approves it.
      </Text>
      {decide.error ? <ProblemAlert error={decide.error} /> : null}
      {proposals.error ? <ProblemAlert error={proposals.error} onRetry={() => void proposals.refetch()} /> : null}
      {items.length === 0 ? (
        <Text size="sm">{proposals.isPending ? 'Loading…' : 'No proposed claims waiting.'}</Text>
      ) : (
        <TableScroll minWidth={560} label="Proposed claims table">
          <Table striped aria-label="Proposed claims">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Date</Table.Th>
                <Table.Th scope="col">What</Table.Th>
                <Table.Th scope="col">Amount</Table.Th>
                <Table.Th scope="col">Decision</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((proposal) => {
                const label = `${what(proposal, specialistNames)} on ${formatDate(proposal.date)}`;
                return (
                  <Table.Tr key={proposal.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(proposal.date)}</Table.Td>
                    <Table.Td>{what(proposal, specialistNames)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatPence(proposal.amount_pence)}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="wrap">
                        <Button size="compact-sm" loading={decide.isPending} onClick={() => decide.mutate({ proposal, decision: 'accept' })} aria-label={`Accept ${label}`}>
                          Accept
                        </Button>
                        {proposal.reverses_id ? null : (
                          <Button size="compact-sm" variant="subtle" color="red" loading={decide.isPending} onClick={() => decide.mutate({ proposal, decision: 'reject' })} aria-label={`Reject ${label}`}>
                            Reject
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Section>
  );
}
