import { Alert, Button, Group, Stack, Table, TagsInput, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useHubAreas, useReplaceHubAreas, type HubAreasReplaced, type LocalAuthority } from '../../../api/hubs';
import { ListState } from '../../../components/ListState';
import { TableScroll } from '../../../components/TableScroll';
import { applyProblemToForm, problemOf } from '../../../lib/problem';

const LA_CODE = /^\d{3}$/;

function AreaTable({ areas }: { areas: LocalAuthority[] }) {
  if (areas.length === 0) return <Text size="sm">No LAs are in this hub’s area yet.</Text>;
  return (
    <TableScroll minWidth={320} label="LAs in the area table">
      <Table aria-label="LAs in the area" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">LA code</Table.Th>
            <Table.Th scope="col">Local authority</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {areas.map((area) => (
            <Table.Tr key={area.code}>
              <Table.Td>{area.code}</Table.Td>
              <Table.Td>{area.name ?? <Text span size="sm" c="dimmed">No imported school in this LA</Text>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

function AreaForm({ hubId, laCodes, onSaved }: { hubId: string; laCodes: string[]; onSaved: (replaced: HubAreasReplaced) => void }) {
  const replace = useReplaceHubAreas(hubId);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { la_codes: laCodes },
    validate: {
      la_codes: (codes: string[]) => {
        const bad = codes.filter((code) => !LA_CODE.test(code));
        return bad.length > 0 ? `LA codes are three digits, e.g. 330; check ${bad.join(', ')}.` : null;
      },
    },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      onSaved(await replace.mutateAsync(values.la_codes));
    } catch (error) {
      const problem = problemOf(error);
      // `la_codes.3` → the codes field; a 409 (an LA in another hub's area) names it in its detail.
      const onCodes = {
        ...problem,
        errors: problem.errors?.map((item) => ({ ...item, field: item.field.startsWith('la_codes') ? 'la_codes' : item.field })),
      };
      if (problem.code === 'la_in_another_hub_area') form.setFieldError('la_codes', problem.detail ?? problem.title);
      else applyProblemToForm(onCodes, form);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TagsInput
          label="LA codes in the area"
          description="Three digits each, e.g. 330; press Enter after each. Saving replaces the whole area."
          splitChars={[',', ' ']}
          clearable
          key={form.key('la_codes')}
          {...form.getInputProps('la_codes')}
        />
        <Group>
          <Button type="submit" loading={replace.isPending}>
            Save area
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * A hub's area: the LAs whose schools belong to it. Saving moves every school that follows its
 * LA (not those a national admin placed by hand); the API says how many moved.
 */
export function HubAreaEditor({ hubId }: { hubId: string }) {
  const areas = useHubAreas(hubId);
  const [result, setResult] = useState<HubAreasReplaced | null>(null);
  const laCodes = areas.data?.la_codes ?? [];
  return (
    <ListState isPending={areas.isPending} error={areas.error} isEmpty={false} emptyTitle="" onRetry={() => void areas.refetch()}>
      <Stack gap="md">
        <AreaTable areas={areas.data?.areas ?? []} />
        {result ? (
          <Alert color="green" variant="light" role="status" title="Area saved" withCloseButton closeButtonLabel="Dismiss" onClose={() => setResult(null)}>
            {result.la_codes.length} {result.la_codes.length === 1 ? 'LA is' : 'LAs are'} in the area.{' '}
            {result.schools_rerouted === 1 ? '1 school changed hub.' : `${result.schools_rerouted} schools changed hub.`}
          </Alert>
        ) : null}
        <AreaForm key={laCodes.join(',')} hubId={hubId} laCodes={laCodes} onSaved={setResult} />
      </Stack>
    </ListState>
  );
}
