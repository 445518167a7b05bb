import { Anchor, Button, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { useScheduleInterview, type ApplicationDetail } from '../../api/applications';
import { DateField } from '../../components/DateField';
import { DetailList, Section } from '../../components/Section';
import { applyProblemToForm, problemOf } from '../../lib/problem';
import { interviewBody, interviewValues, interviewWhen, scheduledMessage, validateInterview, type InterviewValues } from './interview';

const SCHEDULABLE = new Set(['shortlisted', 'interview', 'reserve']);

/** The interview: when and where, and a form to schedule it or move it (same form). */
export function InterviewPanel({ application }: { application: ApplicationDetail }) {
  const interview = application.interview;
  const schedulable = SCHEDULABLE.has(application.status);
  const [editing, setEditing] = useState(false);
  if (!interview && !schedulable) return null;
  return (
    <Section title="Interview">
      <Stack gap="sm">
        {interview ? (
          <DetailList
            termWidth={120}
            rows={[
              ['When', interviewWhen(interview)],
              ...(interview.location ? ([['Place', interview.location]] as [string, string][]) : []),
              ...(interview.video_url
                ? ([
                    [
                      'Video link',
                      <Anchor key="video" href={interview.video_url} target="_blank" rel="noreferrer" size="sm">
                        {interview.video_url}
                      </Anchor>,
                    ],
                  ] as [string, ReactNode][])
                : []),
            ]}
          />
        ) : (
          <Text size="sm">No interview scheduled yet. Scheduling one emails the applicant an invitation for their calendar.</Text>
        )}
        {schedulable && !editing ? (
          <Group>
            <Button variant={interview ? 'default' : 'filled'} onClick={() => setEditing(true)}>
              {interview ? 'Reschedule' : 'Schedule the interview'}
            </Button>
          </Group>
        ) : null}
        {schedulable && editing ? <InterviewForm application={application} onDone={() => setEditing(false)} /> : null}
      </Stack>
    </Section>
  );
}

function InterviewForm({ application, onDone }: { application: ApplicationDetail; onDone: () => void }) {
  const schedule = useScheduleInterview(application.id);
  const form = useForm<InterviewValues>({ mode: 'controlled', initialValues: interviewValues(application.interview), validate: validateInterview });
  const rescheduling = application.interview !== null;

  const submit = form.onSubmit(async (values) => {
    try {
      const { interview, created } = await schedule.mutateAsync(interviewBody(values));
      notifications.show({ color: 'green', message: scheduledMessage(application, interview, created) });
      onDone();
    } catch (error) {
      applyProblemToForm(problemOf(error), form);
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label={rescheduling ? 'Reschedule the interview' : 'Schedule the interview'}>
      <Stack gap="sm">
        <Group align="start" gap="sm" wrap="wrap">
          <DateField label="Date" required w={{ base: '100%', xs: 220 }} {...form.getInputProps('date')} />
          <TimeInput label="Starts" description="London time" required w={{ base: '100%', xs: 130 }} {...form.getInputProps('starts_at')} />
          <NumberInput label="Minutes" min={15} max={480} step={15} allowDecimal={false} w={{ base: '100%', xs: 120 }} {...form.getInputProps('duration_minutes')} />
        </Group>
        <TextInput label="Place" description="Where it is, if in person" {...form.getInputProps('location')} />
        <TextInput label="Video link" description="If online: the meeting’s https:// link" type="url" {...form.getInputProps('video_url')} />
        <Group>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={schedule.isPending}>
            {rescheduling ? 'Save the new time' : 'Schedule and email the applicant'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
