import { NumberInput, type NumberInputProps } from '@mantine/core';

/**
 * A number of days in half-day steps. Mantine's NumberInput would otherwise cut what is typed to
 * its `decimalScale` and clamp it to `min` on blur, turning a typed 0.25 into 0.5 without a word:
 * here the text stays as typed and the form's check (`lib/halfDays.ts`) says what is wrong.
 */
export function DaysInput(props: Omit<NumberInputProps, 'step' | 'decimalScale' | 'clampBehavior' | 'allowNegative'>) {
  return <NumberInput step={0.5} min={0} clampBehavior="none" allowNegative={false} inputMode="decimal" {...props} />;
}
