import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { useDecideProposal, useProposals, useSpecialistProposals, type Proposal } from '../api/proposals';
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

const REGISTERS: Record<NonNullable<Proposal['evidence']>['type'], string> = {
  trg_meeting: 'a TRG meeting',
  work_group_session: 'a work group session',
  work_group: 'a work group',
  residential: 'a residential',
};

/** Where a proposal came from, in words: the register, and whether it has since been deleted. */
function proposalSource(proposal: Proposal): string {
  const register = proposal.evidence ? REGISTERS[proposal.evidence.type] : 'a register';
  return proposal.register_deleted ? `From ${register} that was deleted` : `From ${register}`;
}

/**
 * Proposals as a table, each to accept or reject. `sources`: say under each what proposed it
 * (lists that gather several registers' proposals); `specialistLinks`: a column naming whose each
 * is, linked to their page (the hub's list).
 */
export function ProposalsTable({
  items,
  specialistNames = {},
  sources = false,
  specialistLinks = false,
}: {
  items: Proposal[];
  specialistNames?: Record<string, string>;
  sources?: boolean;
  specialistLinks?: boolean;
}) {
  const decide = useDecideProposal();
  const deciding = decide.isPending ? decide.variables.proposal.id : null;
  return (
    <Stack gap="sm">
      {decide.error ? <ProblemAlert error={decide.error} /> : null}
      <TableScroll minWidth={specialistLinks ? 760 : 560} label="Proposed claims table">
        <Table striped aria-label="Proposed claims">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Date</Table.Th>
              {specialistLinks ? <Table.Th scope="col">Specialist</Table.Th> : null}
              <Table.Th scope="col">What</Table.Th>
              <Table.Th scope="col">Amount</Table.Th>
              <Table.Th scope="col">Decision</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((proposal) => {
              const summary = what(proposal, specialistNames);
              const label = `${summary}${specialistLinks ? ` for ${proposal.specialist_name}` : ''} on ${formatDate(proposal.date)}`;
              return (
                <Table.Tr key={proposal.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(proposal.date)}</Table.Td>
                  {specialistLinks ? (
                    <Table.Td>
                      <Anchor component={Link} to={`/specialists/${proposal.specialist_id}?year=${encodeURIComponent(proposal.academic_year)}`}>
                        {proposal.specialist_name}
                      </Anchor>
                    </Table.Td>
                  ) : null}
                  <Table.Td>
                    {sources ? (
                      <>
                        <Text size="sm">{summary}</Text>
                        <Text size="xs">{proposalSource(proposal)}</Text>
                        {proposal.note ? (
                          <Text size="xs" c="dimmed">
                            {proposal.note}
                          </Text>
                        ) : null}
                      </>
                    ) : (
                      summary
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatPence(proposal.amount_pence)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="wrap">
                      <Button
                        size="compact-sm"
                        loading={deciding === proposal.id}
                        disabled={deciding !== null && deciding !== proposal.id}
                        onClick={() => decide.mutate({ proposal, decision: 'accept' })}
                        aria-label={`Accept ${label}`}
                      >
                        Accept
                      </Button>
                      {proposal.reverses_id ? (
                        sources ? (
                          <Text size="xs" maw={200}>
                            A reversal cannot be rejected: the register no longer supports the claim it reverses.
                          </Text>
                        ) : null
                      ) : (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color="red"
                          disabled={deciding !== null}
                          onClick={() => decide.mutate({ proposal, decision: 'reject' })}
                          aria-label={`Reject ${label}`}
                        >
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
    </Stack>
  );
}

/**
 * The claims a register proposed (release days, grants, reversals), each to accept or reject.
 * `specialistNames` (id → name) says whose release days each is: a session with two leads
 * proposes one for each, otherwise alike.
 */
export function ProposedClaims({ evidenceIds, specialistNames = {} }: { evidenceIds: string[]; specialistNames?: Record<string, string> }) {
  const proposals = useProposals(evidenceIds);
  const items = proposals.data ?? [];
  return (
    <Section title="Proposed claims">
      <Text size="sm">
        Recording the register proposes these claims. Accepting one makes it a claim; someone else then approves it.
      </Text>
      {proposals.error ? <ProblemAlert error={proposals.error} onRetry={() => void proposals.refetch()} /> : null}
      {items.length === 0 ? (
        <Text size="sm">{proposals.isPending ? 'Loading…' : 'No proposed claims waiting.'}</Text>
      ) : (
        <ProposalsTable items={items} specialistNames={specialistNames} />
      )}
    </Section>
  );
}

/**
 * Every claim proposed for one specialist and not yet decided, whichever register proposed it
 * and in whichever year — including the reversals a deleted meeting or session leaves, whose
 * register page is gone. Shown only while there is something to decide.
 */
export function SpecialistProposedClaims({ specialistId, forThemself }: { specialistId: string; forThemself: boolean }) {
  const proposals = useSpecialistProposals(specialistId);
  const items = proposals.data ?? [];
  if (!proposals.error && items.length === 0) return null;
  return (
    <Section title="Proposed claims" id="proposed-claims">
      <Stack gap="sm">
        <Text size="sm">
          {forThemself ? 'Your TRG meetings and work group sessions proposed these claims.' : 'Their TRG meetings and work group sessions proposed these claims.'}{' '}
          Accepting one puts it in the ledger; someone else then approves it. When a register is corrected or deleted after a claim
          from it was accepted, its reversal is proposed here.
        </Text>
        {proposals.error ? (
          <ProblemAlert error={proposals.error} onRetry={() => void proposals.refetch()} />
        ) : (
          <ProposalsTable items={items} sources />
        )}
      </Stack>
    </Section>
  );
}
