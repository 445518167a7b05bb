import { Anchor, Badge, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { CONFIRMATION_STATE_LABELS, useReleaseConfirmations } from '../../api/releaseConfirmations';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { Section } from '../../components/Section';
import { TableScroll } from '../../components/TableScroll';
import { formatDate } from '../../lib/format';

/**
 * The headteachers' termly confirmations of release days: what each head was asked, whether they
 * answered, and the days they disputed; and the schools nobody can be asked about yet because
 * there is no headteacher email on record.
 */
export function Component() {
  const [params, setParams] = useSearchParams();
  const disputedOnly = params.get('disputed') === 'true';
  const confirmations = useReleaseConfirmations(disputedOnly);
  const items = confirmations.data?.items ?? [];
  const missing = confirmations.data?.schools_without_head_email ?? [];

  return (
    <Page title="Head confirmations">
      <Text maw={760}>
        Once a term each funded school&apos;s headteacher is emailed a link listing the release days claimed for the school, and
        confirms or disputes each one. Disputed days are not paid until you resolve them.
      </Text>
      {missing.length > 0 ? (
        <Section title="No headteacher email on record" id="no-head-email">
          <Stack gap="xs">
            <Text size="sm">These schools have release days to confirm, but nobody to ask. Add the head on the school&apos;s page.</Text>
            <Stack gap={4} component="ul" m={0} pl="md">
              {missing.map((school) => (
                <li key={`${school.hub_id}-${school.school_id}`}>
                  <Anchor component={Link} to={`/schools/${school.school_id}`}>
                    {school.school_name} ({school.school_urn})
                  </Anchor>
                  <Text component="span" size="sm">
                    {' '}
                    — {school.entries} {school.entries === 1 ? 'day' : 'days'} in {school.terms.join(', ')}
                  </Text>
                </li>
              ))}
            </Stack>
          </Stack>
        </Section>
      ) : null}
      <Title order={2} size="h3">
        Requests
      </Title>
      <Switch
        label="Only requests with open disputes"
        checked={disputedOnly}
        onChange={(event) => setParams(event.currentTarget.checked ? { disputed: 'true' } : {})}
      />
      <ListState
        isPending={confirmations.isPending}
        error={confirmations.error}
        isEmpty={items.length === 0}
        emptyTitle={disputedOnly ? 'No open disputes' : 'No requests yet'}
        emptyDescription={disputedOnly ? 'Every disputed day has been resolved.' : 'Heads are asked once a term, from the last weeks of the term.'}
        onRetry={() => void confirmations.refetch()}
      >
        <TableScroll minWidth={760} label="Confirmation requests table">
          <Table striped aria-label="Confirmation requests">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">School</Table.Th>
                <Table.Th scope="col">Term</Table.Th>
                <Table.Th scope="col">Sent</Table.Th>
                <Table.Th scope="col">State</Table.Th>
                <Table.Th scope="col">Days</Table.Th>
                <Table.Th scope="col">Disputed</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/release-confirmations/${item.id}`}>
                      {item.school_name}
                    </Anchor>
                    <Text size="xs">URN {item.school_urn}</Text>
                  </Table.Td>
                  <Table.Td>
                    {item.term_label}
                    {item.sequence > 1 ? <Text size="xs">Follow-up {item.sequence - 1}</Text> : null}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {formatDate(item.sent_at)}
                    <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                      {item.sent_to}
                    </Text>
                  </Table.Td>
                  <Table.Td>{CONFIRMATION_STATE_LABELS[item.state]}</Table.Td>
                  <Table.Td>
                    {item.confirmed_lines} of {item.lines} confirmed
                  </Table.Td>
                  <Table.Td>
                    {item.open_disputes > 0 ? (
                      <Badge color="red" variant="light" tt="none">
                        {item.open_disputes} open
                      </Badge>
                    ) : item.disputed_lines > 0 ? (
                      `${item.disputed_lines} resolved`
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      </ListState>
    </Page>
  );
}
