import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { isRouteErrorResponse, useRouteError } from 'react-router';

/** When a page fails to load (a new deployment replaced its chunk) or throws while rendering. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : 'This page could not be shown. Reloading usually fixes it.';
  return (
    <Center mih="100dvh" p="md" component="main">
      <Stack maw={480} role="alert">
        <Title order={1}>Something went wrong</Title>
        <Text>{message}</Text>
        <Button onClick={() => window.location.reload()}>Reload the page</Button>
      </Stack>
    </Center>
  );
}
