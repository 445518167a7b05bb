import '@mantine/dates/styles.css';
import { ActionIcon, CloseButton, Group, Popover, TextInput, type TextInputProps } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { useState, type FocusEvent } from 'react';
import { DATE_FIELD_MESSAGE, parseBritishDate } from '../lib/britishDate';
import { formatDate } from '../lib/format';
import { CALENDAR_DEFAULTS } from './datePickerDefaults';

export interface DateFieldProps extends Omit<TextInputProps, 'value' | 'defaultValue' | 'onChange'> {
  /** ISO date (`2026-11-30`) or null; `defaultValue` when the form is uncontrolled. */
  value?: string | null;
  defaultValue?: string | null;
  onChange?: (value: string | null) => void;
  /** A button that empties the field (for dates that may be left blank). */
  clearable?: boolean;
}

function shown(value: string | null | undefined): string {
  return value ? formatDate(value) : '';
}

/**
 * Every typed date in MasteryHub: the text is read the British way (`lib/britishDate.ts`), day
 * first, and shown back as `1 February 2027` once the person leaves the field, so they see how
 * it was read. Text that is not a real date stays as typed with a message beside the field
 * (Mantine's DateInput silently cleared it); the field's value is then null, so a required
 * field also fails the form's own check. A calendar button offers the same choice by pointer.
 */
export function DateField({
  value,
  defaultValue,
  onChange,
  onBlur,
  error,
  label,
  disabled,
  readOnly,
  clearable = false,
  ...props
}: DateFieldProps) {
  const controlled = value !== undefined;
  const [own, setOwn] = useState<string | null>(defaultValue ?? null);
  const current = controlled ? value : own;
  const [text, setText] = useState(() => shown(current));
  const [typedError, setTypedError] = useState<string | null>(null);
  const [opened, setOpened] = useState(false);
  // The value last seen: one set from outside (a reset, the evidence picker) replaces the text.
  const [seen, setSeen] = useState<string | null>(current);
  if (current !== seen) {
    setSeen(current);
    setText(shown(current));
    setTypedError(null);
  }

  function emit(next: string | null) {
    if (next === current) return;
    setSeen(next);
    if (!controlled) setOwn(next);
    onChange?.(next);
  }

  function type(next: string) {
    setText(next);
    const parsed = parseBritishDate(next);
    if (parsed || next.trim() === '') setTypedError(null);
    emit(parsed);
  }

  function leave(event: FocusEvent<HTMLInputElement>) {
    const parsed = parseBritishDate(text);
    if (parsed) setText(shown(parsed));
    else if (text.trim() !== '') setTypedError(DATE_FIELD_MESSAGE);
    onBlur?.(event);
  }

  const name = typeof label === 'string' ? label.toLowerCase() : 'the date';
  const withClear = clearable && text !== '' && !disabled && !readOnly;
  return (
    // withRoles off: Mantine would put aria-expanded on the text input, which a textbox may not
    // carry; the calendar button says whether it is open, and the dropdown is a named dialog.
    <Popover opened={opened} onChange={setOpened} position="bottom-start" trapFocus returnFocus shadow="md" withRoles={false}>
      <Popover.Target>
        <TextInput
          {...props}
          label={label}
          disabled={disabled}
          readOnly={readOnly}
          autoComplete="off"
          value={text}
          onChange={(event) => {
            type(event.currentTarget.value);
          }}
          onBlur={leave}
          error={typedError ?? error}
          rightSectionWidth={withClear ? 64 : 36}
          rightSection={
            <Group gap={2} wrap="nowrap">
              {withClear ? (
                <CloseButton
                  size="sm"
                  aria-label={`Clear ${name}`}
                  onClick={() => {
                    type('');
                  }}
                />
              ) : null}
              <ActionIcon
                variant="subtle"
                color="gray"
                disabled={disabled || readOnly}
                aria-label={`Choose ${name} from a calendar`}
                aria-expanded={opened}
                onClick={() => {
                  setOpened((open) => !open);
                }}
              >
                <CalendarIcon />
              </ActionIcon>
            </Group>
          }
        />
      </Popover.Target>
      <Popover.Dropdown role="dialog" aria-label={`Calendar for ${name}`}>
        <DatePicker
          {...CALENDAR_DEFAULTS}
          value={current}
          defaultDate={current ?? undefined}
          onChange={(picked) => {
            setTypedError(null);
            setText(shown(picked));
            emit(picked);
            setOpened(false);
          }}
        />
      </Popover.Dropdown>
    </Popover>
  );
}

function CalendarIcon() {
  return (
    <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true" focusable="false">
      <rect x="3" y="5" width="18" height="16" rx="2" />
      <path d="M3 10h18M8 3v4M16 3v4" />
    </svg>
  );
}
