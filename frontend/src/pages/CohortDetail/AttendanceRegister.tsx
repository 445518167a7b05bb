import { Button, Group, NativeSelect, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useRecordAttendance, type AttendanceRecordIn, type AttendanceStatus, type ResidentialAttendance } from '../../api/residentials';
import { TableScroll } from '../../components/TableScroll';
import { formatDateTime } from '../../lib/format';
import { notifyProblem, problemOf } from '../../lib/problem';

const STATUS_LABELS = {
  attended: 'Attended',
  absent: 'Absent',
  excused: 'Excused',
} as const satisfies Record<AttendanceStatus, string>;

const STATUS_OPTIONS = [
  { value: '', label: 'Not recorded' },
  ...Object.entries(STATUS_LABELS).map(([value, label]) => ({ value, label })),
];

interface Line {
  status: AttendanceStatus | '';
  note: string;
}

function isStatus(value: string): value is AttendanceStatus {
  return value in STATUS_LABELS;
}

/** Only what changed is sent: the PUT is an upsert, lines left alone keep what was recorded. */
function changedRecords(register: ResidentialAttendance, edits: Record<string, Line>): AttendanceRecordIn[] {
  const records: AttendanceRecordIn[] = [];
  for (const row of register.items) {
    const edit = edits[row.specialist.id];
    if (!edit || edit.status === '') continue;
    const note = edit.note.trim() || null;
    if (edit.status !== row.status || note !== (row.note ?? null)) {
      records.push({ specialist_id: row.specialist.id, status: edit.status, note });
    }
  }
  return records;
}

export function AttendanceRegister({ register, residentialId }: { register: ResidentialAttendance; residentialId: string }) {
  const record = useRecordAttendance(residentialId);
  const [edits, setEdits] = useState<Record<string, Line>>({});
  const lineOf = (id: string): Line => {
    const row = register.items.find((item) => item.specialist.id === id);
    return edits[id] ?? { status: row?.status ?? '', note: row?.note ?? '' };
  };
  const changes = changedRecords(register, Object.fromEntries(register.items.map((row) => [row.specialist.id, lineOf(row.specialist.id)])));

  async function save() {
    try {
      await record.mutateAsync(changes);
      setEdits({});
      const count = changes.length;
      notifications.show({ color: 'green', message: `Attendance saved for ${count} ${count === 1 ? 'specialist' : 'specialists'}.` });
    } catch (error) {
      notifyProblem(problemOf(error));
    }
  }

  return (
    <>
      <TableScroll minWidth={640} label="Attendance table">
        <Table aria-label="Attendance" verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Specialist</Table.Th>
              <Table.Th scope="col">Attendance</Table.Th>
              <Table.Th scope="col">Note</Table.Th>
              <Table.Th scope="col">Recorded</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {register.items.map((row) => {
              const name = `${row.specialist.first_name} ${row.specialist.last_name}`;
              const line = lineOf(row.specialist.id);
              return (
                <Table.Tr key={row.specialist.id}>
                  <Table.Th scope="row">{name}</Table.Th>
                  <Table.Td>
                    <NativeSelect
                      aria-label={`Attendance of ${name}`}
                      data={STATUS_OPTIONS}
                      value={line.status}
                      onChange={(event) => {
                        const value = event.currentTarget.value;
                        setEdits((current) => ({ ...current, [row.specialist.id]: { ...line, status: isStatus(value) ? value : '' } }));
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`Note for ${name}`}
                      value={line.note}
                      onChange={(event) => {
                        const value = event.currentTarget.value;
                        setEdits((current) => ({ ...current, [row.specialist.id]: { ...line, note: value } }));
                      }}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.recorded_at ? formatDateTime(row.recorded_at) : 'Not yet'}</Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </TableScroll>
      <Group>
        <Button onClick={() => void save()} loading={record.isPending} disabled={changes.length === 0}>
          Save attendance
        </Button>
        <Text size="sm" aria-live="polite">
          {changes.length === 0 ? 'No unsaved changes.' : `${changes.length} unsaved ${changes.length === 1 ? 'change' : 'changes'}.`}
        </Text>
      </Group>
    </>
  );
}

