import { Select } from '@mantine/core';
import { useHubNames } from '../api/hubs';
import { useSeesEveryHub } from '../auth/everyHub';

/** A national admin's "Hub" filter on a list (`hub_id`); nothing for anyone else. */
export function HubFilter({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const everyHub = useSeesEveryHub();
  const { hubs } = useHubNames(everyHub);
  if (!everyHub) return null;
  return (
    <Select
      label="Hub"
      placeholder="Every hub"
      clearable
      searchable
      data={(hubs.data?.items ?? []).map((hub) => ({ value: hub.id, label: hub.name }))}
      value={value || null}
      onChange={(next) => onChange(next ?? '')}
      w={{ base: '100%', xs: 220 }}
    />
  );
}

