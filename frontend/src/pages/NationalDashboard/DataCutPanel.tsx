import { Button, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useLatestDataCut, useTakeDataCut, type DataCut } from '../../api/national';
import { ListState } from '../../components/ListState';
import { TableScroll } from '../../components/TableScroll';
import { formatDateTime } from '../../lib/format';
import { applyProblemToForm, problemOf } from '../../lib/problem';

function signed(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value > 0 ? `+${value}` : String(value);
}

/** England's figures in a cut, beside the previous cut's and the difference. */
export function DataCutFigures({ cut }: { cut: DataCut }) {
  const england = cut.rows.filter((row) => row.hub_id === null);
  const recut = cut.previous_id !== null;
  return (
    <Stack gap="xs">
      <Text size="sm">
        <strong>{cut.label}</strong> (cut {cut.number} of {cut.academic_year}), taken {formatDateTime(cut.created_at)} by {cut.taken_by_label}.
        {cut.reason ? ` Re-cut because: ${cut.reason}` : ''}
      </Text>
      <TableScroll minWidth={360} label="Latest data cut">
        <Table data-testid="data-cut">
          <caption>
            <Text size="sm" c="dimmed" component="span">
              England, completed participation only{recut ? ', beside the previous cut' : ''}.
            </Text>
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Figure</Table.Th>
              <Table.Th scope="col">This cut</Table.Th>
              {recut ? (
                <>
                  <Table.Th scope="col">Previous cut</Table.Th>
                  <Table.Th scope="col">Difference</Table.Th>
                </>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {england.map((row) => (
              <Table.Tr key={row.measure}>
                <Table.Th scope="row">{cut.measures[row.measure] ?? row.measure}</Table.Th>
                <Table.Td>{row.value}</Table.Td>
                {recut ? (
                  <>
                    <Table.Td>{row.previous_value ?? '—'}</Table.Td>
                    <Table.Td>{signed(row.difference)}</Table.Td>
                  </>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Stack>
  );
}

function TakeCutForm({ academicYear, recut }: { academicYear: string; recut: boolean }) {
  const take = useTakeDataCut();
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { label: '', reason: '' },
    validate: {
      label: (value) => (value.trim() ? null : 'Name the cut, e.g. “August 2022 data cut”.'),
      reason: (value) => (recut && !value.trim() ? 'Say why the year is cut again: a re-cut changes published figures.' : null),
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await take.mutateAsync({ academic_year: academicYear, label: values.label.trim(), reason: values.reason.trim() || null });
      form.reset();
    } catch (error) {
      applyProblemToForm(problemOf(error), form);
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Take a data cut">
      <Stack gap="xs">
        <TextInput label="Name of the cut" withAsterisk key={form.key('label')} {...form.getInputProps('label')} />
        {recut ? (
          <Textarea label="Why cut again" withAsterisk autosize minRows={2} key={form.key('reason')} {...form.getInputProps('reason')} />
        ) : null}
        <Button type="submit" loading={take.isPending} style={{ alignSelf: 'start' }}>
          {recut ? `Cut ${academicYear} again` : `Take the ${academicYear} data cut`}
        </Button>
      </Stack>
    </form>
  );
}

/** The year's latest data cut, and the form that takes one (national admins). */
export function DataCutPanel({ academicYear }: { academicYear: string }) {
  const cuts = useLatestDataCut(academicYear);
  const latest = cuts.data?.latest ?? null;
  return (
    <Stack gap="md">
      <Text size="sm" maw={640}>
        A data cut freezes the year&apos;s figures for every hub and England. They never change afterwards; cutting again keeps both and
        shows the differences.
      </Text>
      <ListState
        isPending={cuts.isPending}
        error={cuts.error}
        isEmpty={latest === null}
        emptyTitle={`No data cut of ${academicYear} yet`}
        onRetry={() => void cuts.refetch()}
      >
        {latest ? <DataCutFigures cut={latest} /> : null}
      </ListState>
      {cuts.data ? <TakeCutForm academicYear={academicYear} recut={latest !== null} /> : null}
    </Stack>
  );
}
