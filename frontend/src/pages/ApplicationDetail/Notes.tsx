import { Button, Group, Loader, Paper, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useAddNote, useApplicationNotes } from '../../api/applications';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { formatDateTime } from '../../lib/format';
import { problemOf } from '../../lib/problem';

/** The hub's internal notes: who wrote what, when; never shown outside the hub. */
export function Notes({ applicationId }: { applicationId: string }) {
  const notes = useApplicationNotes(applicationId);
  const add = useAddNote(applicationId);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function save() {
    if (!text.trim()) {
      setError('Write the note first.');
      return;
    }
    try {
      await add.mutateAsync(text.trim());
      setText('');
      notifications.show({ color: 'green', message: 'Note added.' });
    } catch (caught) {
      const problem = problemOf(caught);
      setError(problem.errors?.map((item) => item.message).join(' ') || problem.detail || problem.title);
    }
  }

  return (
    <Section title="Notes">
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          Internal — never shown to the applicant or headteacher.
        </Text>
        {notes.isPending ? (
          <Loader size="sm" aria-label="Loading the notes" />
        ) : notes.isError ? (
          <ProblemAlert error={notes.error} onRetry={() => void notes.refetch()} />
        ) : notes.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            No notes yet.
          </Text>
        ) : (
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Notes">
            {notes.data.map((note) => (
              <Paper key={note.id} component="li" withBorder p="xs">
                <Text size="xs" c="dimmed">
                  {note.author_name}, {formatDateTime(note.created_at)}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {note.text}
                </Text>
              </Paper>
            ))}
          </Stack>
        )}
        <Textarea
          label="Add a note"
          autosize
          minRows={2}
          maxRows={8}
          value={text}
          error={error}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setError(null);
          }}
        />
        <Group>
          <Button variant="default" loading={add.isPending} onClick={() => void save()}>
            Add note
          </Button>
        </Group>
      </Stack>
    </Section>
  );
}
