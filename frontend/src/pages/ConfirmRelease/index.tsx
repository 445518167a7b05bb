import { Alert, Button, Paper, Radio, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useParams } from 'react-router';
import {
  useAnswerConfirmation,
  useConfirmationLink,
  type ConfirmationReceipt,
  type ConfirmationView,
} from '../../api/releaseConfirmations';
import { FullPageLoader } from '../../components/FullPageLoader';
import { PublicPage } from '../../components/PublicPage';
import { formatDate } from '../../lib/format';
import { problemOf, type Problem } from '../../lib/problem';
import { daysInWords } from './daysInWords';

/**
 * The headteacher's termly confirmation, reached from the emailed link; no sign-in (the token in
 * the address is the credential). Each release day is confirmed or disputed (a dispute says
 * why), once.
 */
export function Component() {
  const { token = '' } = useParams();
  const link = useConfirmationLink(token);
  const [receipt, setReceipt] = useState<ConfirmationReceipt | null>(null);

  let body: React.ReactNode;
  if (receipt) {
    body = (
      <Alert color="green" variant="light" title="Thank you: your answer is received" role="status">
        <Text size="sm">
          {receipt.confirmed} {receipt.confirmed === 1 ? 'day' : 'days'} confirmed
          {receipt.disputed > 0 ? `, ${receipt.disputed} disputed: the Maths Hub will be in touch about ${receipt.disputed === 1 ? 'it' : 'them'}` : ''}.
          You can close this page.
        </Text>
      </Alert>
    );
  } else if (link.isPending) {
    body = <FullPageLoader label="Loading the release days…" />;
  } else if (link.isError) {
    body = <LinkProblem problem={problemOf(link.error)} />;
  } else {
    body = <ConfirmForm token={token} view={link.data} onDone={setReceipt} />;
  }
  return (
    <PublicPage title="Confirm release days" wide>
      {body}
    </PublicPage>
  );
}

function LinkProblem({ problem }: { problem: Problem }) {
  const advice: Record<string, string> = {
    release_confirmation_answered: 'These release days have already been answered through this link, so there is nothing more to do.',
    release_confirmation_expired: 'Links work for a limited time. Ask the Maths Hub to send you a new one.',
    release_confirmation_not_found: 'Check that you used the whole link from the email. If it still does not work, ask the Maths Hub for a new one.',
  };
  return (
    <Alert color={problem.code === 'release_confirmation_answered' ? 'blue' : 'red'} variant="light" title={problem.title} role="alert">
      <Text size="sm">{advice[problem.code] ?? problem.detail ?? 'Please try again later.'}</Text>
    </Alert>
  );
}

type Choice = 'confirmed' | 'disputed' | '';

export function ConfirmForm({
  token,
  view,
  onDone,
}: {
  token: string;
  view: ConfirmationView;
  onDone: (receipt: ConfirmationReceipt) => void;
}) {
  const answer = useAnswerConfirmation(token);
  const [choices, setChoices] = useState<Record<string, Choice>>({});
  const [comments, setComments] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [name, setName] = useState(view.headteacher_name ?? '');
  const [problem, setProblem] = useState<Problem | null>(null);

  function validate(): Record<string, string> {
    const found: Record<string, string> = {};
    for (const line of view.lines) {
      const choice = choices[line.id] ?? '';
      if (!choice) found[`${line.id}.answer`] = 'Confirm this day or say it was not as listed.';
      if (choice === 'disputed' && !(comments[line.id] ?? '').trim()) {
        found[`${line.id}.comment`] = 'Say what was not as listed, so the Maths Hub can put it right.';
      }
    }
    return found;
  }

  async function onSubmit(event: React.SyntheticEvent) {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setProblem(null);
    try {
      const receipt = await answer.mutateAsync({
        answers: view.lines.map((line) => {
          const choice = choices[line.id] === 'disputed' ? 'disputed' : 'confirmed';
          return choice === 'disputed'
            ? { line_id: line.id, answer: choice, comment: (comments[line.id] ?? '').trim() }
            : { line_id: line.id, answer: choice };
        }),
        name: name.trim() || null,
      });
      onDone(receipt);
    } catch (error) {
      const found = problemOf(error);
      if (found.status === 404 || found.status === 410) {
        setProblem(found);
        return;
      }
      // A field the API named: answers.<index>.comment → that line's comment.
      const mapped: Record<string, string> = {};
      for (const item of found.errors ?? []) {
        const match = /^answers\.(\d+)\.(\w+)$/.exec(item.field);
        const line = match ? view.lines[Number(match[1])] : undefined;
        if (line && match) mapped[`${line.id}.${match[2] === 'comment' ? 'comment' : 'answer'}`] = item.message;
      }
      setErrors(mapped);
      if (Object.keys(mapped).length === 0) setProblem(found);
    }
  }
  if (problem && (problem.status === 404 || problem.status === 410)) return <LinkProblem problem={problem} />;

  return (
    <Stack>
      <Text size="sm">
        {view.hub_name} funds <strong>{view.school_name}</strong> (URN {view.school_urn}) for the time its Mastery Specialists are released
        for the programme. Please confirm that the school released them on these days in the {view.term_label.toLowerCase()} (
        {formatDate(view.term_starts_on)} to {formatDate(view.term_ends_on)}). This link works once, until{' '}
        {formatDate(view.link_expires_at)}.
      </Text>
      {problem ? (
        <Alert color="red" variant="light" role="alert" title={problem.title}>
          {problem.detail}
        </Alert>
      ) : null}
      <form onSubmit={(event) => void onSubmit(event)} noValidate aria-label="Your answer">
        <Stack>
          {view.lines.map((line, index) => {
            const heading = `${formatDate(line.date)}: ${line.specialist_name}`;
            const choice = choices[line.id] ?? '';
            return (
              <Paper key={line.id} withBorder p="sm" component="fieldset" m={0} aria-labelledby={`line-${index}`}>
                <Title order={2} size="h4" id={`line-${index}`} mb={4}>
                  {heading}
                </Title>
                <Text size="sm" mb="xs">
                  {line.activity_label}, {daysInWords(line.days)}
                </Text>
                <Radio.Group
                  label={`Was ${line.specialist_name} released on ${formatDate(line.date)}?`}
                  value={choice}
                  onChange={(value) => setChoices((all) => ({ ...all, [line.id]: value }))}
                  error={errors[`${line.id}.answer`]}
                  required
                >
                  <Stack gap={6} mt={6}>
                    <Radio value="confirmed" label="Yes, as listed" />
                    <Radio value="disputed" label="No, or not as listed" />
                  </Stack>
                </Radio.Group>
                {choice === 'disputed' ? (
                  <Textarea
                    mt="sm"
                    label="What was not as listed?"
                    required
                    autosize
                    minRows={2}
                    maxLength={2000}
                    value={comments[line.id] ?? ''}
                    onChange={(event) => {
                      const value = event.currentTarget.value;
                      setComments((all) => ({ ...all, [line.id]: value }));
                    }}
                    error={errors[`${line.id}.comment`]}
                  />
                ) : null}
              </Paper>
            );
          })}
          <TextInput label="Your name" autoComplete="name" maxLength={200} value={name} onChange={(event) => setName(event.currentTarget.value)} />
          <div>
            <Button type="submit" loading={answer.isPending}>
              Send answer
            </Button>
          </div>
        </Stack>
      </form>
    </Stack>
  );
}
