import { Alert, Button, Checkbox, Container, List, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useReferenceRequest, useSubmitReference, type ReferenceView } from '../../api/applications';
import { FullPageLoader } from '../../components/FullPageLoader';
import { formatDate, formatDateTime } from '../../lib/format';
import { PROGRAMME_LABELS } from '../../lib/labels';
import { applyProblemToForm, problemOf, type Problem } from '../../lib/problem';

/**
 * The headteacher's page, reached from the emailed link; no sign-in (the token in the address is
 * the credential). Shows what the API says about the application and takes the statement and the
 * release-time commitment once.
 */
export function Component() {
  const { token = '' } = useParams();
  const request = useReferenceRequest(token);
  const [receipt, setReceipt] = useState<{ reference: string; received_at: string } | null>(null);
  useEffect(() => {
    document.title = 'Headteacher’s reference – MasteryHub';
  }, []);

  let body: React.ReactNode;
  if (receipt) {
    body = (
      <Alert color="green" variant="light" title="Thank you: your reference is received" role="status">
        <Text size="sm">
          We received it on {formatDateTime(receipt.received_at)} for application {receipt.reference}. You can close this page.
        </Text>
      </Alert>
    );
  } else if (request.isPending) {
    body = <FullPageLoader label="Loading the reference request…" />;
  } else if (request.isError) {
    body = <LinkProblem problem={problemOf(request.error)} />;
  } else {
    body = <ReferenceForm token={token} view={request.data} onDone={setReceipt} />;
  }

  return (
    <Container size="sm" py="xl" component="main" id="main">
      <Stack>
        <Title order={1}>Headteacher’s reference</Title>
        {body}
      </Stack>
    </Container>
  );
}

function LinkProblem({ problem }: { problem: Problem }) {
  const advice: Record<string, string> = {
    reference_used: 'A reference has already been given through this link, so there is nothing more to do.',
    reference_expired: 'Links work for a limited time. Ask the Maths Hub to send you a new one.',
    reference_not_found: 'Check that you used the whole link from the email. If it still does not work, ask the Maths Hub for a new one.',
    reference_not_needed: 'The application is no longer waiting for a reference.',
  };
  return (
    <Alert color={problem.code === 'reference_used' ? 'blue' : 'red'} variant="light" title={problem.title} role="alert">
      <Text size="sm">
        {/* An expired link's detail says why (a newer link was sent, the time ran out, selection ended). */}
        {(problem.code === 'reference_expired' ? problem.detail : null) ?? advice[problem.code] ?? problem.detail ?? 'Please try again later.'}
      </Text>
    </Alert>
  );
}

function ReferenceForm({
  token,
  view,
  onDone,
}: {
  token: string;
  view: ReferenceView;
  onDone: (receipt: { reference: string; received_at: string }) => void;
}) {
  const submit = useSubmitReference(token);
  const [problem, setProblem] = useState<Problem | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { name: view.headteacher_name, statement: '', commits_to_release_time: false },
    validate: {
      statement: (value) => (value.trim() ? null : 'Write your statement in support of the application.'),
    },
  });
  const onSubmit = form.onSubmit(async (values) => {
    setProblem(null);
    try {
      const receipt = await submit.mutateAsync({
        statement: values.statement.trim(),
        commits_to_release_time: values.commits_to_release_time,
        name: values.name.trim() || null,
      });
      onDone(receipt);
    } catch (error) {
      const found = problemOf(error);
      if (found.status === 404 || found.status === 410) setProblem(found);
      else applyProblemToForm(found, form);
    }
  });
  if (problem) return <LinkProblem problem={problem} />;

  return (
    <Stack>
      <Paper withBorder p="md" component="section" aria-labelledby="about-heading">
        <Title order={2} size="h3" id="about-heading" mb="xs">
          The application
        </Title>
        <Text size="sm">
          <strong>{view.applicant_name}</strong>
          {view.school_name ? ` of ${view.school_name}` : ''} has applied to {view.cohort_name} ({PROGRAMME_LABELS[view.programme]}).
          Applications close on {formatDateTime(view.closes_at)}. This link works until {formatDate(view.link_expires_at)}.
        </Text>
        {view.asks.length > 0 ? (
          <>
            <Text size="sm" fw={600} mt="sm">
              We ask you
            </Text>
            <List size="sm" spacing={4}>
              {view.asks.map((ask) => (
                <List.Item key={ask}>{ask}</List.Item>
              ))}
            </List>
          </>
        ) : null}
        {view.criteria.length > 0 ? (
          <>
            <Text size="sm" fw={600} mt="sm">
              What the programme looks for
            </Text>
            <List size="sm" spacing={4}>
              {view.criteria.map((criterion) => (
                <List.Item key={criterion.code}>
                  {criterion.wording} ({criterion.kind === 'essential' ? 'essential' : 'desirable'})
                </List.Item>
              ))}
            </List>
          </>
        ) : null}
      </Paper>
      <form onSubmit={onSubmit} noValidate aria-label="Your reference">
        <Stack>
          <TextInput label="Your name" autoComplete="name" key={form.key('name')} {...form.getInputProps('name')} />
          <Textarea
            label="Your statement"
            description="Why you support this application, and how the school will support the specialist."
            required
            autosize
            minRows={6}
            maxLength={20000}
            key={form.key('statement')}
            {...form.getInputProps('statement')}
          />
          <Checkbox
            label="The school commits to releasing the applicant for the programme’s release days"
            key={form.key('commits_to_release_time')}
            {...form.getInputProps('commits_to_release_time', { type: 'checkbox' })}
          />
          <div>
            <Button type="submit" loading={submit.isPending}>
              Send reference
            </Button>
          </div>
        </Stack>
      </form>
    </Stack>
  );
}
