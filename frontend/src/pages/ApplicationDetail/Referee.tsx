import { Alert, Button, Group, List, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useResendReference, type ApplicationDetail } from '../../api/applications';
import { DetailList, Section } from '../../components/Section';
import { formatDate, formatDateTime } from '../../lib/format';
import { problemOf } from '../../lib/problem';
import { REFERENCE_STATE_WORDS, referenceLog, resendWait } from './referee';

function yesNo(value: boolean | null | undefined): string {
  if (value === null || value === undefined) return 'Not answered';
  return value ? 'Yes' : 'No';
}

/** The headteacher's reference: where it stands, what was sent when, a decline, and a re-send. */
export function Referee({ application, onCorrect }: { application: ApplicationDetail; onCorrect: () => void }) {
  const resend = useResendReference(application.id);
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const head = application.headteacher;
  const state = application.reference_status;
  const log = referenceLog(application);
  const wait = resendWait(state.resend_available_at);
  const canResend = application.status === 'awaiting_reference' && !head.statement_received_at;

  async function send() {
    try {
      const request = await resend.mutateAsync();
      setConfirming(false);
      notifications.show({
        color: 'green',
        message: `A new link was sent to ${head.email}. It works until ${formatDate(request.expires_at)}; earlier links no longer work.`,
      });
    } catch (error) {
      const problem = problemOf(error);
      setConfirming(false);
      const at = (problem as unknown as Record<string, unknown>).resend_available_at;
      setRefusal(resendWait(typeof at === 'string' ? at : null) ?? problem.detail ?? problem.title);
    }
  }

  return (
    <Section title="Headteacher’s reference">
      <Stack gap="sm">
        {state.state === 'declined' ? (
          <Alert color="red" variant="light" title="The headteacher declined to give a reference">
            <Stack gap={4}>
              {state.decline_reason ? <Text size="sm">“{state.decline_reason}”</Text> : null}
              <Text size="sm">
                {state.declined_at ? `Declined on ${formatDateTime(state.declined_at)}. ` : ''}
                The applicant was told to ask another senior leader at their school. When they have, correct the headteacher’s
                name and email and send the new person a link.
              </Text>
              {canResend ? (
                <Group>
                  <Button size="xs" variant="default" onClick={onCorrect}>
                    Enter another senior leader
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        <DetailList
          termWidth={170}
          rows={[
            ['Headteacher', `${head.name} (${head.email})`],
            [
              'Status',
              state.state === 'received' && head.statement_received_at
                ? `Received ${formatDateTime(head.statement_received_at)}`
                : REFERENCE_STATE_WORDS[state.state],
            ],
            // A statement given with the application needed no link.
            ...(state.last_sent_at ? ([['Link last sent', formatDateTime(state.last_sent_at)]] as [string, string][]) : []),
            ...(state.state === 'awaiting'
              ? ([['Working link', state.link_outstanding ? 'Yes: the headteacher can use it' : 'No: send a new one']] as [string, string][])
              : []),
            ['Commits release time', yesNo(head.commits_to_release_time)],
          ]}
        />
        <Title order={3} size="h5">
          Reminders and links sent
        </Title>
        {log.length === 0 ? (
          <Text size="sm" c="dimmed">
            No reminders or new links sent yet.
          </Text>
        ) : (
          <List size="sm" spacing={4} aria-label="Reminders and links sent">
            {log.map((line) => (
              <List.Item key={`${line.at}-${line.text}`}>
                {formatDateTime(line.at)}: {line.text}
              </List.Item>
            ))}
          </List>
        )}
        {canResend ? (
          <Stack gap={4}>
            <Group>
              <Button
                variant="default"
                size="sm"
                disabled={wait !== null}
                onClick={() => {
                  setRefusal(null);
                  setConfirming(true);
                }}
              >
                Resend link
              </Button>
            </Group>
            {wait ? <Text size="sm">{wait}</Text> : null}
            {refusal ? (
              <Text size="sm" c="red.8" role="alert">
                {refusal}
              </Text>
            ) : null}
          </Stack>
        ) : null}
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Send the link again?">
        <Stack>
          <Text size="sm">
            Send {head.name} a new link at {head.email}? The link sent earlier stops working. A link can be sent again at most once
            every 48 hours; to send it to a different address, correct the headteacher’s email instead.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button loading={resend.isPending} onClick={() => void send()}>
              Send the link
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Section>
  );
}
