import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A bordered region of a detail page, named by its heading for screen readers. */
export function Section({ title, id, children }: { title: string; id?: string; children: ReactNode }) {
  const headingId = id ?? `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={headingId}>
      <Title order={2} size="h3" id={headingId} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** Term and value pairs as a description list; long values wrap rather than widen the page. */
export function DetailList({ rows, termWidth = 150 }: { rows: [string, ReactNode][]; termWidth?: number }) {
  return (
    <Stack gap={6} component="dl" m={0}>
      {rows.map(([term, value]) => (
        <Group key={term} gap="xs" wrap="nowrap" align="baseline">
          <Text component="dt" size="sm" fw={600} w={termWidth} style={{ flexShrink: 0 }}>
            {term}
          </Text>
          <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
            {value}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
