import { routeProblem } from '../../api/http';
import { Button, Group, Modal, MultiSelect, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTransition, type ApplicationDetail, type ApplicationStatus } from '../../api/applications';
import { useCurrentUser } from '../../auth/currentUser';
import { HUB_LEADS } from '../../auth/roles';
import { APPLICATION_STATUS_LABELS } from '../../lib/labels';
import { notifyProblem } from '../../lib/problem';

/** What people may move an application to (the API's status machine, less the system's own moves). */
const NEXT: Record<ApplicationStatus, ApplicationStatus[]> = {
  submitted: ['withdrawn'],
  awaiting_reference: ['withdrawn'],
  complete: ['shortlisted', 'not_appointed', 'withdrawn'],
  shortlisted: ['interview', 'not_appointed', 'withdrawn'],
  interview: ['reserve', 'appointed', 'not_appointed', 'withdrawn'],
  reserve: ['appointed', 'not_appointed', 'withdrawn'],
  appointed: [],
  not_appointed: [],
  withdrawn: [],
};
const DECISIONS: ApplicationStatus[] = ['appointed', 'not_appointed'];

const ACTION_LABELS: Partial<Record<ApplicationStatus, string>> = {
  shortlisted: 'Shortlist',
  interview: 'Invite to interview',
  reserve: 'Put on the reserve list',
  appointed: 'Appoint',
  not_appointed: 'Do not appoint',
  withdrawn: 'Withdraw',
};

export function StatusActions({
  application,
  etag,
  onStale,
}: {
  application: ApplicationDetail;
  etag: string | null;
  onStale: () => void;
}) {
  const me = useCurrentUser();
  const isLead = me.role !== null && HUB_LEADS.includes(me.role);
  const transition = useTransition(application.id);
  const [target, setTarget] = useState<ApplicationStatus | null>(null);
  const [note, setNote] = useState('');
  const [reasons, setReasons] = useState<string[]>([]);
  const [feedback, setFeedback] = useState('');
  const next = NEXT[application.status].filter((status) => isLead || !DECISIONS.includes(status));
  if (next.length === 0) return null;

  async function confirm() {
    if (!target) return;
    try {
      const updated = await transition.mutateAsync({
        to: target,
        note: note.trim() || null,
        etag,
        reasons: target === 'not_appointed' ? reasons : [],
        feedback: DECISIONS.includes(target) ? feedback.trim() || null : null,
      });
      notifications.show({
        color: 'green',
        message:
          updated.status === 'appointed'
            ? `${updated.applicant.first_name} ${updated.applicant.last_name} is appointed and is now a specialist.`
            : `The application is now ${APPLICATION_STATUS_LABELS[updated.status].toLowerCase()}.`,
      });
    } catch (error) {
      routeProblem(error, { onStale, onProblem: notifyProblem });
    } finally {
      setTarget(null);
      setNote('');
      setReasons([]);
      setFeedback('');
    }
  }

  return (
    <>
      <Group gap="xs" role="group" aria-label="Move the application on">
        {next.map((status) => (
          <Button
            key={status}
            variant={status === 'withdrawn' || status === 'not_appointed' ? 'default' : 'filled'}
            color={status === 'not_appointed' ? 'red' : undefined}
            onClick={() => setTarget(status)}
          >
            {ACTION_LABELS[status]}
          </Button>
        ))}
      </Group>
      <Modal opened={target !== null} onClose={() => setTarget(null)} title={target ? ACTION_LABELS[target] : ''}>
        <Stack>
          <Text size="sm">
            {target === 'appointed'
              ? 'Appointing creates the specialist’s record and tells the applicant.'
              : target
                ? `The application will become ${APPLICATION_STATUS_LABELS[target].toLowerCase()}.`
                : ''}
          </Text>
          {target === 'not_appointed' && (
            <MultiSelect
              label="Reasons"
              description="Told to the applicant in the outcome email."
              required
              data={application.outcome_reasons_available.map((reason) => ({ value: reason.code, label: reason.label }))}
              value={reasons}
              onChange={setReasons}
            />
          )}
          {target && DECISIONS.includes(target) && (
            <Textarea
              label="Feedback to the applicant (optional)"
              description="Quoted in the outcome email."
              autosize
              minRows={2}
              value={feedback}
              onChange={(event) => setFeedback(event.currentTarget.value)}
            />
          )}
          <Textarea label="Note (optional)" autosize minRows={2} value={note} onChange={(event) => setNote(event.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setTarget(null)}>
              Cancel
            </Button>
            <Button
              loading={transition.isPending}
              disabled={target === 'not_appointed' && reasons.length === 0}
              onClick={() => void confirm()}
            >
              {target ? ACTION_LABELS[target] : ''}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
