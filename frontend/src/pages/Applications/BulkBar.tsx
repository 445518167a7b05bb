import { idempotencyKey } from '../../api/http';
import { Alert, Button, Group, List, Modal, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import { useBulkTransition, type BulkTarget } from '../../api/applications';
import { useProgrammes } from '../../api/programmes';
import { useCurrentUser } from '../../auth/currentUser';
import { HUB_LEADS } from '../../auth/roles';
import { problemOf, type Problem } from '../../lib/problem';
import { BULK_ACTIONS, isRefusal, refusalLines, sharedReasons, successMessage, type Selection } from './bulk';

/**
 * "N selected" and what can be done to them all at once: shortlist, move to interview, and (hub
 * leads) decide not appointed with one coded reason. One request, all or nothing: a refusal says
 * which application blocked it and why, and that nothing was changed.
 */
export function BulkBar({
  selection,
  cohortProgramme,
  onDone,
  onClear,
}: {
  selection: Selection;
  cohortProgramme: ReadonlyMap<string, string>;
  onDone: () => void;
  onClear: () => void;
}) {
  const me = useCurrentUser();
  const isLead = me.role !== null && HUB_LEADS.includes(me.role);
  const bulk = useBulkTransition();
  const [refusal, setRefusal] = useState<{ problem: Problem; lines: string[] } | null>(null);
  const [deciding, setDeciding] = useState(false);
  const [reason, setReason] = useState<string | null>(null);
  const [feedback, setFeedback] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const programmes = useProgrammes(deciding);
  const reasons = useMemo(
    () => sharedReasons(selection, cohortProgramme, programmes.data?.items ?? []),
    [selection, cohortProgramme, programmes.data],
  );
  const count = selection.size;

  async function run(target: BulkTarget) {
    setRefusal(null);
    if (target === 'not_appointed' && !reason) {
      setReasonError('Choose the reason for the decision.');
      return;
    }
    try {
      const result = await bulk.mutateAsync({
        key: idempotencyKey(),
        body: {
          application_ids: [...selection.keys()],
          to: target,
          reasons: target === 'not_appointed' && reason ? [reason] : [],
          feedback: target === 'not_appointed' ? feedback.trim() || null : null,
        },
      });
      notifications.show({ color: 'green', title: 'Done', message: successMessage(target, result) });
      setDeciding(false);
      setReason(null);
      setFeedback('');
      onDone();
    } catch (error) {
      const problem = problemOf(error);
      const lines = isRefusal(problem) ? refusalLines(problem, target, selection) : [problem.detail ?? 'Please try again.'];
      if (target === 'not_appointed' && !isRefusal(problem) && problem.errors?.length) {
        setReasonError(problem.errors.map((e) => e.message).join(' '));
        return;
      }
      setDeciding(false);
      setRefusal({ problem, lines });
    }
  }

  return (
    <Stack gap="xs">
      <Paper withBorder p="sm" role="region" aria-label="Bulk actions" bg="var(--mantine-color-blue-light)">
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Text fw={600} aria-live="polite">
            {count} selected
          </Text>
          <Group gap="xs" wrap="wrap">
            <Button size="sm" onClick={() => void run('shortlisted')} loading={bulk.isPending && bulk.variables.body.to === 'shortlisted'}>
              {BULK_ACTIONS.shortlisted.button}
            </Button>
            <Button size="sm" onClick={() => void run('interview')} loading={bulk.isPending && bulk.variables.body.to === 'interview'}>
              {BULK_ACTIONS.interview.button}
            </Button>
            {isLead ? (
              <Button
                size="sm"
                color="red"
                variant="light"
                onClick={() => {
                  setRefusal(null);
                  setReasonError(null);
                  setDeciding(true);
                }}
              >
                {BULK_ACTIONS.not_appointed.button}…
              </Button>
            ) : null}
            <Button size="sm" variant="subtle" onClick={onClear}>
              Clear selection
            </Button>
          </Group>
        </Group>
      </Paper>
      {refusal ? (
        <Alert color="red" title={/changed/i.test(refusal.problem.title) ? refusal.problem.title : `${refusal.problem.title}: nothing was changed`} withCloseButton onClose={() => setRefusal(null)} role="alert">
          {refusal.lines.length === 1 ? (
            <Text size="sm">{refusal.lines[0]}</Text>
          ) : (
            <List size="sm">
              {refusal.lines.map((line) => (
                <List.Item key={line}>{line}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      ) : null}
      <Modal opened={deciding} onClose={() => setDeciding(false)} title={`Decide not appointed: ${count} selected`}>
        <Stack>
          <Text size="sm">
            Each applicant is emailed the outcome, quoting any feedback you give. This cannot be undone.
          </Text>
          <Select
            label="Reason"
            required
            placeholder={programmes.isPending ? 'Loading the reasons…' : 'Choose a reason'}
            data={reasons}
            value={reason}
            onChange={(value) => {
              setReason(value);
              setReasonError(null);
            }}
            error={reasonError ?? (programmes.isSuccess && reasons.length === 0 ? 'The selected applications’ programmes share no reason: decide them separately.' : null)}
            comboboxProps={{ withinPortal: true }}
          />
          <Textarea
            label="Feedback to the applicants"
            description="Optional; quoted in the outcome email."
            autosize
            minRows={3}
            maxLength={5000}
            value={feedback}
            onChange={(event) => setFeedback(event.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeciding(false)}>
              Cancel
            </Button>
            <Button color="red" onClick={() => void run('not_appointed')} loading={bulk.isPending}>
              Decide not appointed
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
