import { Anchor, Card, Stack, Table, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useHub } from '../../../api/hubs';
import { ListState } from '../../../components/ListState';
import { Page } from '../../../components/Page';
import { formatDate } from '../../../lib/format';
import { HubAreaEditor } from './HubAreaEditor';

export function Component() {
  const { hubId = '' } = useParams();
  const hub = useHub(hubId);
  return (
    <Page title={hub.data?.name ?? 'Hub'}>
      <Anchor component={Link} to="/admin/hubs" size="sm">
        All hubs
      </Anchor>
      <ListState isPending={hub.isPending} error={hub.error} isEmpty={false} emptyTitle="" onRetry={() => void hub.refetch()}>
        {hub.data ? (
          <Stack gap="lg">
            <Table variant="vertical" layout="fixed" withRowBorders={false} aria-label="About this hub">
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w={140}>Code</Table.Th>
                  <Table.Td>{hub.data.code}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Region</Table.Th>
                  <Table.Td>{hub.data.region ?? '—'}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Added</Table.Th>
                  <Table.Td>{formatDate(hub.data.created_at)}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
            <Card withBorder component="section" aria-labelledby="hub-area">
              <Stack gap="sm">
                <Title order={2} size="h3" id="hub-area">
                  Hub area
                </Title>
                <HubAreaEditor hubId={hub.data.id} />
              </Stack>
            </Card>
          </Stack>
        ) : null}
      </ListState>
    </Page>
  );
}
