import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';

/** One option of a picker: the value the form keeps and the name the person reads. */
export interface PickerOption {
  value: string;
  label: string;
}

export type SearchHook = (q: string) => { data?: PickerOption[]; isFetching: boolean };

export interface PickerProps extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> {
  value?: string | null;
  onChange: (value: string | null) => void;
  /** The option already chosen (when editing), so its name shows before anything is searched. */
  initialOption?: PickerOption | null;
}

/**
 * A searchable select whose options come from the API as the person types: the collection is
 * never loaded whole. The chosen option stays in the list so its name keeps showing.
 */
export function RemoteSelect({
  value: controlled,
  defaultValue,
  onChange,
  initialOption = null,
  useSearch,
  hint,
  ...props
}: PickerProps & { useSearch: SearchHook; hint: string }) {
  // Controlled (`value`) or, as an uncontrolled form's getInputProps gives it, `defaultValue`:
  // either way the chosen option's name shows when the form opens.
  const [own, setOwn] = useState<string | null>(controlled ?? defaultValue ?? null);
  const value = controlled === undefined ? own : controlled;
  const [chosen, setChosen] = useState<PickerOption | null>(initialOption);
  const [search, setSearch] = useState(initialOption?.label ?? '');
  const [term] = useDebouncedValue(search === chosen?.label ? '' : search, 250);
  const found = useSearch(term);
  const options = [...(chosen && chosen.value === value ? [chosen] : []), ...(found.data ?? [])];
  const unique = options.filter((option, index) => options.findIndex((other) => other.value === option.value) === index);
  return (
    <Select
      {...props}
      searchable
      clearable
      data={unique}
      value={value}
      // The API has already filtered; Mantine would filter again by the typed text.
      filter={({ options: all }) => all}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(next, option) => {
        setChosen(next && option ? { value: option.value, label: option.label } : null);
        setOwn(next);
        onChange(next);
      }}
      nothingFoundMessage={found.isFetching ? 'Searching…' : hint}
    />
  );
}
