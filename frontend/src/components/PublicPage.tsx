import { Center, Paper, Stack, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';

/** A page reached without signing in (sign-in's neighbours, emailed links): one card, one <h1>. */
export function PublicPage({ title, wide = false, children }: { title: string; wide?: boolean; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} – MasteryHub`;
  }, [title]);
  return (
    <Center component="main" id="main" mih="100dvh" p="md">
      <Paper withBorder shadow="sm" p={{ base: 'md', xs: 'xl' }} w="100%" maw={wide ? 560 : 420}>
        <Stack>
          <Title order={1}>{title}</Title>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}
