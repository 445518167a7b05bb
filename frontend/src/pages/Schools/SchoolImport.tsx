import { TableScroll } from '../../components/TableScroll';
import { Alert, Button, Card, FileInput, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useSchoolImport, useStartSchoolImport } from '../../api/schools';
import { applyProblemToForm, problemOf } from '../../lib/problem';

/** Upload the GIAS all-establishments CSV and watch the background import to 100 %. */
export function SchoolImport() {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const start = useStartSchoolImport();
  const job = useSchoolImport(importId);

  async function upload() {
    if (!file) {
      setFileError('Choose the GIAS CSV file.');
      return;
    }
    setFileError(null);
    try {
      const created = await start.mutateAsync(file);
      setImportId(created.id);
    } catch (error) {
      applyProblemToForm(problemOf(error), {
        getValues: () => ({ file: null }),
        setErrors: (errors) => setFileError(typeof errors.file === 'string' ? errors.file : null),
      });
    }
  }

  const data = job.data;
  const percent = data?.total ? Math.min(100, Math.round((data.processed / data.total) * 100)) : data?.status === 'completed' ? 100 : 0;
  return (
    <Card withBorder component="section" aria-labelledby="gias-import">
      <Stack gap="sm">
        <Title order={2} size="h4" id="gias-import">
          Import schools from GIAS
        </Title>
        <Text size="sm">
          Upload the “all establishments” CSV from Get Information About Schools. Importing again updates schools; it never
          duplicates them.
        </Text>
        <Group align="end" gap="sm">
          <FileInput
            label="GIAS CSV file"
            accept=".csv,text/csv"
            clearable
            clearButtonProps={{ 'aria-label': 'Remove the chosen file' }}
            value={file}
            onChange={setFile}
            error={fileError}
            w={{ base: '100%', xs: 320 }}
          />
          <Button onClick={() => void upload()} loading={start.isPending}>
            Import
          </Button>
        </Group>
        {data ? (
          <Stack gap={6} aria-live="polite">
            <Progress
              value={percent}
              size="lg"
              aria-label={`Import progress: ${percent} per cent`}
              color={data.status === 'failed' ? 'red' : data.status === 'completed' ? 'green' : undefined}
              animated={data.status === 'running' || data.status === 'queued'}
            />
            <Text size="sm" role="status">
              {data.status === 'queued'
                ? 'Waiting to start…'
                : data.status === 'running'
                  ? `${data.processed.toLocaleString('en-GB')}${data.total ? ` of ${data.total.toLocaleString('en-GB')}` : ''} rows read (${percent} %)`
                  : data.status === 'completed'
                    ? `Finished: ${data.created.toLocaleString('en-GB')} added, ${data.updated.toLocaleString('en-GB')} updated, ${data.unchanged.toLocaleString('en-GB')} unchanged, ${data.skipped_count.toLocaleString('en-GB')} skipped (100 %).`
                    : `The import failed${data.error ? `: ${data.error}` : '.'}`}
            </Text>
            {data.skipped.length > 0 ? (
              <details>
                <summary>
                  <Text component="span" size="sm">
                    Skipped rows ({data.skipped_count.toLocaleString('en-GB')}
                    {data.skipped_count > data.skipped.length ? `, first ${data.skipped.length} shown` : ''})
                  </Text>
                </summary>
                <TableScroll minWidth={420} label="Skipped rows table">
                  <Table fz="sm" aria-label="Skipped rows">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">Row</Table.Th>
                        <Table.Th scope="col">URN</Table.Th>
                        <Table.Th scope="col">Reason</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {data.skipped.map((row) => (
                        <Table.Tr key={row.row}>
                          <Table.Td>{row.row}</Table.Td>
                          <Table.Td>{row.urn ?? '—'}</Table.Td>
                          <Table.Td>{row.reason}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </TableScroll>
              </details>
            ) : null}
          </Stack>
        ) : null}
        {job.isError ? (
          <Alert color="red" title={problemOf(job.error).title}>
            {problemOf(job.error).detail ?? 'Could not read the import’s progress.'}
          </Alert>
        ) : null}
      </Stack>
    </Card>
  );
}
