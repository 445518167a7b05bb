import { Card, EmptyState, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useCurrentUser } from '../../auth/currentUser';
import { ROLE_LABELS } from '../../auth/roles';
import { Page } from '../../components/Page';

export function Component() {
  const me = useCurrentUser();
  return (
    <Page title="Dashboard">
      <Text>Welcome, {me.name}.</Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder component="section" aria-labelledby="your-account">
          <Stack gap="sm">
            <Title order={2} size="h3" id="your-account">
              Your account
            </Title>
            <Table variant="vertical" layout="fixed" withRowBorders={false}>
              <Table.Tbody>
                <Table.Tr>
                  <Table.Th w={110}>Email</Table.Th>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{me.email ?? '—'}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Role</Table.Th>
                  <Table.Td>{me.role ? ROLE_LABELS[me.role] : '—'}</Table.Td>
                </Table.Tr>
                <Table.Tr>
                  <Table.Th>Hub</Table.Th>
                  <Table.Td>{me.hub ? me.hub.name : 'All hubs (national team)'}</Table.Td>
                </Table.Tr>
              </Table.Tbody>
            </Table>
          </Stack>
        </Card>
        <Card withBorder component="section" aria-labelledby="programme-figures">
          <Stack gap="sm">
            <Title order={2} size="h3" id="programme-figures">
              Programme figures
            </Title>
            <EmptyState
              align="left"
              size="sm"
              title="Not available yet"
              description="Open cohorts with days to close, applications by status, release days used and this month's meetings will appear here once the MasteryHub API offers them."
            />
          </Stack>
        </Card>
      </SimpleGrid>
    </Page>
  );
}
