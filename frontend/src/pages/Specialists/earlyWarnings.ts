import type { components } from '../../api/schema';

export type WarningStatus = components['schemas']['WarningStatus'];

export const EARLY_WARNING_LABELS: Record<WarningStatus, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  behind: 'Behind',
};

export const EARLY_WARNING_COLOURS: Record<WarningStatus, string> = {
  on_track: 'green',
  at_risk: 'orange',
  behind: 'red',
};

/** The list filter's choices: `attention` is at risk or behind (what the dashboard counts). */
export const EARLY_WARNING_CHOICES = [
  { value: 'attention', label: 'At risk or behind' },
  { value: 'at_risk', label: 'At risk' },
  { value: 'behind', label: 'Behind' },
  { value: 'on_track', label: 'On track' },
];

/** The `early_warning` query for a filter value (undefined: no filter). */
export function earlyWarningStatuses(value: string): WarningStatus[] | undefined {
  if (value === 'attention') return ['at_risk', 'behind'];
  if (value === 'at_risk' || value === 'behind' || value === 'on_track') return [value];
  return undefined;
}
