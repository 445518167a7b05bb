import { MultiSelect, Select, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useSchoolSearch } from '../../api/schools';
import { useSpecialistSearch } from '../../api/specialists';
import { schoolLabel } from './values';

// The API has filtered already: show every option it returned.
const everyOption: OptionsFilter = ({ options }) => options;

/** Find a school by name through `GET /api/v1/schools?q=` (never the whole register) and add it. */
export function SchoolPicker({ exclude, onPick, error }: { exclude: string[]; onPick: (id: string, label: string) => void; error?: string }) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const schools = useSchoolSearch(q);
  const data = (schools.data?.items ?? [])
    .filter((school) => !exclude.includes(school.id))
    .map((school) => ({ value: school.id, label: schoolLabel(school) }));
  return (
    <Select
      label="Add a school"
      description="Type at least two letters of the school’s name"
      placeholder="Search schools"
      searchable
      clearable
      value={null}
      searchValue={search}
      onSearchChange={setSearch}
      data={data}
      filter={everyOption}
      nothingFoundMessage={q.length < 2 ? 'Keep typing…' : schools.isFetching ? 'Searching…' : 'No school matches'}
      onChange={(value, option) => {
        if (!value) return;
        onPick(value, option?.label ?? value);
        setSearch('');
      }}
      error={error}
      w={{ base: '100%', sm: 420 }}
    />
  );
}

/** The work group's leads: the hub's active specialists, named with their programme year. */
export function LeadPicker({
  academicYear,
  value,
  labels,
  onChange,
  error,
}: {
  academicYear: string;
  value: string[];
  labels: Record<string, string>;
  onChange: (ids: string[], labels: Record<string, string>) => void;
  error?: React.ReactNode;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const specialists = useSpecialistSearch(q, { academicYear, status: 'active' });
  const found = new Map<string, string>();
  for (const specialist of specialists.data?.items ?? []) {
    const year = specialist.programme_year ? `, year ${specialist.programme_year}` : '';
    found.set(specialist.id, `${specialist.first_name} ${specialist.last_name}${year}`);
  }
  // Chosen leads stay in the list (named) whatever is being searched for.
  for (const id of value) if (!found.has(id)) found.set(id, labels[id] ?? id);
  return (
    <MultiSelect
      label="Lead specialists"
      description="Specialists lead work groups from their second programme year"
      placeholder={value.length === 0 ? 'Search specialists' : undefined}
      required
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      data={[...found].map(([id, label]) => ({ value: id, label }))}
      filter={everyOption}
      nothingFoundMessage={specialists.isFetching ? 'Searching…' : 'No specialist matches'}
      value={value}
      onChange={(ids) => onChange(ids, Object.fromEntries(ids.map((id) => [id, found.get(id) ?? labels[id] ?? id])))}
      error={error}
      w={{ base: '100%', sm: 420 }}
    />
  );
}
