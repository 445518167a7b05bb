import { Anchor, Button, Group, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { applicationKeys, useScheduleInterview, type ApplicationDetail } from '../../api/applications';
import { routeProblem } from '../../api/http';
import { DateField } from '../../components/DateField';
import { DetailList, Section } from '../../components/Section';
import { StaleAlert } from '../../components/StaleAlert';
import { interviewBody, interviewValues, interviewWhen, scheduledMessage, validateInterview, type InterviewValues } from './interview';

const SCHEDULABLE = new Set(['shortlisted', 'interview', 'reserve']);

/**
 * The interview: when and where, and a form to schedule it or move it (same form). Moving it is
 * sent with the version on screen, scheduling a first one as "only if there is none": if someone
 * scheduled or moved it since, nothing is saved and the panel says so ("someone else changed
 * this") until it is reloaded.
 */
export function InterviewPanel({ application }: { application: ApplicationDetail }) {
  const interview = application.interview;
  const schedulable = SCHEDULABLE.has(application.status);
  const [editing, setEditing] = useState(false);
  const [stale, setStale] = useState(false);
  const queryClient = useQueryClient();
  if (!interview && !schedulable) return null;
  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: applicationKeys.detail(application.id) });
    setStale(false);
  };
  return (
    <Section title="Interview">
      <Stack gap="sm">
        {stale ? <StaleAlert what="interview" onReload={reload} /> : null}
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
        {schedulable && !editing && !stale ? (
          <Group>
            <Button variant={interview ? 'default' : 'filled'} onClick={() => setEditing(true)}>
              {interview ? 'Reschedule' : 'Schedule the interview'}
            </Button>
          </Group>
        ) : null}
        {schedulable && editing ? (
          <InterviewForm
            application={application}
            onDone={() => setEditing(false)}
            onStale={() => {
              setEditing(false);
              setStale(true);
            }}
          />
        ) : null}
      </Stack>
    </Section>
  );
}

function InterviewForm({ application, onDone, onStale }: { application: ApplicationDetail; onDone: () => void; onStale: () => void }) {
  const schedule = useScheduleInterview(application.id);
  const form = useForm<InterviewValues>({ mode: 'controlled', initialValues: interviewValues(application.interview), validate: validateInterview });
  const rescheduling = application.interview !== null;

  const submit = form.onSubmit(async (values) => {
    try {
      const { interview, created } = await schedule.mutateAsync({ body: interviewBody(values), shown: application.interview });
      notifications.show({ color: 'green', message: scheduledMessage(application, interview, created) });
      onDone();
    } catch (error) {
      routeProblem(error, { form, onStale });
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
