import { Badge, Flex, List, Stack, Text, Title } from '@mantine/core';
import type { ApplicationDetail } from '../../api/applications';
import { Section } from '../../components/Section';
import { groupFlags, screeningSummary, verdictOf } from './screening';

/** The system's checks, by what they check, each in words: essential red, desirable amber. */
export function Screening({ application }: { application: ApplicationDetail }) {
  const flags = application.screening;
  return (
    <Section title="Screening">
      {flags.length === 0 ? (
        <Text size="sm">No screening checks apply.</Text>
      ) : (
        <Stack gap="sm">
          <Text size="sm">{screeningSummary(flags)}</Text>
          {groupFlags(flags).map((group) => (
            <Stack gap={6} key={group.title}>
              <Title order={3} size="h5">
                {group.title}
              </Title>
              <List spacing={6} listStyleType="none" p={0} m={0}>
                {group.flags.map((flag) => {
                  const verdict = verdictOf(flag);
                  return (
                    <List.Item key={flag.code}>
                      {/* Side by side where there is room; on a phone the words go under the badge. */}
                      <Flex gap={6} direction={{ base: 'column', xs: 'row' }} align="flex-start">
                        <Badge variant="light" color={verdict.colour} style={{ flexShrink: 0 }} w={{ base: 'auto', xs: 150 }}>
                          {verdict.text}
                        </Badge>
                        <Text size="sm" style={{ overflowWrap: 'anywhere', flex: '1 1 auto', minWidth: 0 }}>
                          <Text span fw={600} size="sm">
                            {flag.label}
                          </Text>
                          {': '}
                          {flag.detail}
                        </Text>
                      </Flex>
                    </List.Item>
                  );
                })}
              </List>
            </Stack>
          ))}
        </Stack>
      )}
    </Section>
  );
}
