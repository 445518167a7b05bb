import { routeProblem } from '../../api/http';
import '@mantine/dates/styles.css';
import { Button, Checkbox, Fieldset, Group, Select, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { randomId } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import type { DeliveryMode } from '../../api/cohorts';
import type { TrgMeeting, TrgMeetingKind } from '../../api/trgMeetings';
import type { TrgMeetingCreate } from '../../api/trgMeetings';
import { DateField } from '../../components/DateField';
import { MODE_LABELS, TRG_KIND_LABELS, formatClock, options } from '../../lib/labels';
import { SchoolSelect, SpecialistSelect, WorkGroupSelect } from '../../components/pickers';

interface AttendeeValues {
  key: string;
  name: string;
  role: string;
  school_id: string | null;
  attended: boolean;
}

/** Named as the API names its fields, so a problem's `attendees.2.name` lands on that input. */
export interface MeetingValues {
  kind: TrgMeetingKind | null;
  lead_specialist_id: string | null;
  held_on: string | null;
  starts_at: string;
  ends_at: string;
  mode: DeliveryMode | null;
  school_id: string | null;
  focus: string;
  research_lesson: { year_group: string; topic: string };
  work_group_id: string | null;
  notes: string;
  attendees: AttendeeValues[];
}


function valuesOf(meeting: TrgMeeting | undefined): MeetingValues {
  return {
    kind: meeting?.kind ?? null,
    lead_specialist_id: meeting?.lead_specialist.id ?? null,
    held_on: meeting?.held_on ?? null,
    starts_at: formatClock(meeting?.starts_at) ?? '',
    ends_at: formatClock(meeting?.ends_at) ?? '',
    mode: meeting?.mode ?? 'in_person',
    school_id: meeting?.school?.id ?? null,
    focus: meeting?.focus ?? '',
    research_lesson: {
      year_group: meeting?.research_lesson?.year_group ?? '',
      topic: meeting?.research_lesson?.topic ?? '',
    },
    work_group_id: meeting?.work_group_id ?? null,
    notes: meeting?.notes ?? '',
    attendees: (meeting?.attendees ?? []).map((attendee) => ({
      key: randomId(),
      name: attendee.name,
      role: attendee.role ?? '',
      school_id: attendee.school_id ?? null,
      attended: attendee.attended,
    })),
  };
}

function text(value: string): string | null {
  return value.trim() || null;
}

/** The form's values as the API's body; the lead is left out when the caller leads it themselves. */
function bodyOf(values: MeetingValues, chooseLead: boolean): TrgMeetingCreate {
  const lesson = { year_group: text(values.research_lesson.year_group), topic: text(values.research_lesson.topic) };
  return {
    kind: values.kind ?? 'school',
    ...(chooseLead ? { lead_specialist_id: values.lead_specialist_id } : {}),
    held_on: values.held_on ?? '',
    starts_at: values.starts_at || null,
    ends_at: values.ends_at || null,
    mode: values.mode ?? 'in_person',
    school_id: values.school_id,
    focus: text(values.focus),
    research_lesson: lesson.year_group || lesson.topic ? lesson : null,
    work_group_id: values.kind === 'work_group' ? values.work_group_id : null,
    notes: text(values.notes),
    attendees: values.attendees.map((attendee) => ({
      name: attendee.name.trim(),
      role: text(attendee.role),
      school_id: attendee.school_id,
      attended: attendee.attended,
    })),
  };
}

export interface MeetingFormProps {
  meeting?: TrgMeeting;
  /** The title of the meeting's work group, when it has one (the meeting carries only its id). */
  workGroupTitle?: string;
  /** False for a specialist recording their own meeting: the lead is them, not a choice. */
  chooseLead: boolean;
  /** Who leads when the caller does not choose (shown instead of the select). */
  leadName?: string;
  submitLabel: string;
  onSubmit: (body: TrgMeetingCreate) => Promise<void>;
  /** A 412 from the API: someone else changed the meeting since it was opened. */
  onStale?: () => void;
  onCancel: () => void;
}

export function MeetingForm({ meeting, workGroupTitle, chooseLead, leadName, submitLabel, onSubmit, onStale, onCancel }: MeetingFormProps) {
  const form = useForm<MeetingValues>({
    initialValues: valuesOf(meeting),
    validate: {
      kind: (value) => (value ? null : 'Choose the kind of TRG meeting.'),
      lead_specialist_id: (value) => (!chooseLead || value ? null : 'Choose the specialist who led the meeting.'),
      held_on: (value) => (value ? null : 'Enter the date the meeting was held.'),
      mode: (value) => (value ? null : 'Choose how the meeting was held.'),
      starts_at: (value, values) => (values.ends_at && !value ? 'Give the start time with the end time.' : null),
      ends_at: (value, values) =>
        value && values.starts_at && value <= values.starts_at ? 'The end time must be after the start time.' : null,
      attendees: { name: (value) => (value.trim() ? null : 'Enter the attendee’s name.') },
    },
  });
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    if (focusKey) document.getElementById(`attendee-${focusKey}-name`)?.focus();
  }, [focusKey]);

  const attendeeSchools = new Map((meeting?.attendees ?? []).filter((a) => a.school).map((a) => [a.school_id, a.school]));

  const submit = form.onSubmit(async (values) => {
    setSubmitting(true);
    try {
      await onSubmit(bodyOf(values, chooseLead));
    } catch (error) {
      routeProblem(error, { onStale, form });
    } finally {
      setSubmitting(false);
    }
  });

  function addAttendee() {
    const key = randomId();
    form.insertListItem('attendees', { key, name: '', role: '', school_id: null, attended: true });
    setFocusKey(key);
  }

  function removeAttendee(index: number) {
    form.removeListItem('attendees', index);
    addButton.current?.focus();
  }

  const values = form.getValues();
  return (
    <form onSubmit={submit} noValidate aria-label="TRG meeting">
      <Stack gap="md" maw={860}>
        <Group align="start" gap="sm" grow preventGrowOverflow={false} wrap="wrap">
          <Select label="Kind" required allowDeselect={false} data={options(TRG_KIND_LABELS)} miw={200} {...form.getInputProps('kind')} />
          {chooseLead ? (
            <SpecialistSelect
              label="Lead specialist"
              required
              placeholder="Type a name"
              miw={220}
              initialOption={meeting ? { value: meeting.lead_specialist.id, label: `${meeting.lead_specialist.first_name} ${meeting.lead_specialist.last_name}` } : null}
              {...form.getInputProps('lead_specialist_id')}
            />
          ) : (
            <Stack gap={2} miw={220}>
              <Text size="sm" fw={500}>
                Lead specialist
              </Text>
              <Text size="sm">{leadName ? `${leadName} (you)` : 'You'}</Text>
              {form.errors.lead_specialist_id ? (
                <Text size="sm" c="red.8" role="alert">
                  {form.errors.lead_specialist_id}
                </Text>
              ) : null}
            </Stack>
          )}
        </Group>
        <Group align="start" gap="sm" wrap="wrap">
          <DateField
            label="Date"
            required
            w={{ base: '100%', xs: 200 }}
            {...form.getInputProps('held_on')}
          />
          <TimeInput label="Starts" description="London time" w={{ base: '100%', xs: 130 }} {...form.getInputProps('starts_at')} />
          <TimeInput label="Ends" description="London time" w={{ base: '100%', xs: 130 }} {...form.getInputProps('ends_at')} />
          <Select
            label="Mode"
            required
            allowDeselect={false}
            data={options(MODE_LABELS)}
            w={{ base: '100%', xs: 160 }}
            {...form.getInputProps('mode')}
          />
        </Group>
        <SchoolSelect
          label="Host school"
          placeholder="Type part of the school’s name"
          initialOption={meeting?.school ? { value: meeting.school.id, label: `${meeting.school.name} (${meeting.school.urn})` } : null}
          {...form.getInputProps('school_id')}
        />
        {values.kind === 'work_group' ? (
          <WorkGroupSelect
            label="Work group"
            description="The work group this TRG meeting belongs to"
            placeholder="Type part of the title"
            initialOption={meeting?.work_group_id ? { value: meeting.work_group_id, label: workGroupTitle ?? 'The linked work group' } : null}
            {...form.getInputProps('work_group_id')}
          />
        ) : null}
        <TextInput label="Focus" description="What the group worked on" {...form.getInputProps('focus')} />
        <Fieldset legend="Research lesson">
          <Group align="start" gap="sm" grow preventGrowOverflow={false} wrap="wrap">
            <TextInput label="Year group" placeholder="Year 4" miw={160} {...form.getInputProps('research_lesson.year_group')} />
            <TextInput label="Topic" miw={220} {...form.getInputProps('research_lesson.topic')} />
          </Group>
        </Fieldset>
        <Stack gap="xs" component="section" aria-labelledby="attendees-heading">
          <Title order={2} size="h4" id="attendees-heading">
            Attendees
          </Title>
          {values.attendees.length === 0 ? <Text size="sm">No attendees yet.</Text> : null}
          {values.attendees.map((attendee, index) => {
            const school = attendee.school_id ? attendeeSchools.get(attendee.school_id) : undefined;
            return (
              <Fieldset key={attendee.key} legend={`Attendee ${index + 1}`} p="sm">
                <Group align="end" gap="sm" wrap="wrap">
                  <TextInput
                    id={`attendee-${attendee.key}-name`}
                    label="Name"
                    required
                    w={{ base: '100%', sm: 190 }}
                    {...form.getInputProps(`attendees.${index}.name`)}
                  />
                  <TextInput label="Role" w={{ base: '100%', sm: 170 }} {...form.getInputProps(`attendees.${index}.role`)} />
                  <SchoolSelect
                    label="School"
                    placeholder="Type part of the name"
                    w={{ base: '100%', sm: 240 }}
                    initialOption={school ? { value: school.id, label: `${school.name} (${school.urn})` } : null}
                    {...form.getInputProps(`attendees.${index}.school_id`)}
                  />
                  <Checkbox label="Attended" mb={8} {...form.getInputProps(`attendees.${index}.attended`, { type: 'checkbox' })} />
                  <Button
                    variant="subtle"
                    color="red"
                    aria-label={`Remove attendee ${index + 1}${attendee.name ? ` (${attendee.name})` : ''}`}
                    onClick={() => removeAttendee(index)}
                  >
                    Remove
                  </Button>
                </Group>
              </Fieldset>
            );
          })}
          <Group>
            <Button ref={addButton} variant="default" onClick={addAttendee}>
              Add attendee
            </Button>
          </Group>
        </Stack>
        <Textarea label="Notes" rows={4} {...form.getInputProps('notes')} />
        <Group>
          <Button type="submit" loading={submitting}>
            {submitLabel}
          </Button>
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
