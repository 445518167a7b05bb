import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useIssueCalendarFeed, useRevokeCalendarFeed } from '../../api/calendar';
import { notifyProblem, problemOf } from '../../lib/problem';

/**
 * The ICS subscription link for the user's TRG meetings and sessions. The API shows the URL
 * once (the token in it is the credential), so it lives only in this component's state.
 */
export function CalendarFeed() {
  const issue = useIssueCalendarFeed();
  const revoke = useRevokeCalendarFeed();
  const [url, setUrl] = useState<string | null>(null);

  async function create() {
    try {
      const feed = await issue.mutateAsync();
      setUrl(new URL(feed.url, window.location.origin).toString());
    } catch (error) {
      notifyProblem(problemOf(error));
    }
  }

  async function stop() {
    try {
      await revoke.mutateAsync();
      setUrl(null);
      notifications.show({ message: 'Your calendar link no longer works.', color: 'green' });
    } catch (error) {
      notifyProblem(problemOf(error));
    }
  }

  return (
    <Stack gap="xs">
      <Text size="sm">
        Subscribe in Outlook, Google or Apple Calendar to see meetings and sessions as they are recorded. Making a new
        link stops the old one working.
      </Text>
      {url ? (
        <Alert color="yellow" title="Copy your calendar link now: it is shown only once">
          <Stack gap="xs">
            <Code block style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
              {url}
            </Code>
            <Group gap="xs">
              <CopyButton value={url} timeout={2000}>
                {({ copied, copy }) => (
                  <Button size="xs" onClick={copy} aria-label={copied ? 'Copied calendar link' : 'Copy calendar link'}>
                    {copied ? 'Copied' : 'Copy'}
                  </Button>
                )}
              </CopyButton>
              <Button size="xs" variant="default" onClick={() => setUrl(null)}>
                Done
              </Button>
            </Group>
          </Stack>
        </Alert>
      ) : null}
      <Group gap="xs">
        <Button size="xs" variant="default" loading={issue.isPending} onClick={() => void create()}>
          {url ? 'Make another link' : 'Get a calendar link'}
        </Button>
        <Button size="xs" variant="subtle" color="red" loading={revoke.isPending} onClick={() => void stop()}>
          Stop my calendar link
        </Button>
      </Group>
    </Stack>
  );
}
