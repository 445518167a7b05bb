import { routeProblem } from '../../api/http';
import { Button, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { WorkGroup } from '../../api/workGroups';
import { useUpdateWorkGroup } from '../../api/workGroups';
import { evaluationBody, verdict, type EvaluationValues } from './evaluation';
import { Section } from '../../components/Section';

export function Evaluation({ workGroup, etag, onStale }: { workGroup: WorkGroup; etag: string | null; onStale: () => void }) {
  const update = useUpdateWorkGroup(workGroup.id);
  const form = useForm<EvaluationValues>({
    mode: 'controlled',
    initialValues: {
      outcomes: workGroup.outcomes ?? '',
      schools: workGroup.schools.map((row) => ({ completed: verdict(row.completed) })),
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await update.mutateAsync({ body: evaluationBody(workGroup, values), etag });
      notifications.show({ color: 'green', message: 'Evaluation saved.' });
    } catch (error) {
      routeProblem(error, { onStale, form });
    }
  });
  return (
    <Section title="Evaluation">
      <form onSubmit={submit} noValidate aria-label="Evaluation">
        <Stack gap="md">
          {workGroup.schools.length === 0 ? <Text size="sm">Add schools to record whether each completed.</Text> : null}
          {workGroup.schools.map((row, i) => (
            <Radio.Group key={row.school.id} label={`Did ${row.school.name} complete the work group?`} {...form.getInputProps(`schools.${i}.completed`)}>
              <Group gap="md" mt={4}>
                <Radio value="yes" label="Completed" />
                <Radio value="no" label="Did not complete" />
                <Radio value="unknown" label="Not evaluated yet" />
              </Group>
            </Radio.Group>
          ))}
          <Textarea label="Outcomes" description="What changed in the schools' teaching" autosize minRows={3} {...form.getInputProps('outcomes')} />
          <Group>
            <Button type="submit" loading={update.isPending}>
              Save evaluation
            </Button>
          </Group>
        </Stack>
      </form>
    </Section>
  );
}
