import type { HubRow } from '../../api/national';

/** The hubs table's sortable columns, each with the figure it sorts by. */
export const HUB_COLUMNS = {
  hub: (row: HubRow) => row.hub_name.toLowerCase(),
  applications: (row: HubRow) => row.applications,
  places_filled: (row: HubRow) => row.places_filled,
  specialists: (row: HubRow) => row.active_specialists,
  accredited: (row: HubRow) => row.accreditation.accredited ?? 0,
  work_groups: (row: HubRow) => row.work_groups,
  schools: (row: HubRow) => row.schools_completed,
  at_risk: (row: HubRow) => row.at_risk_specialists,
  days: (row: HubRow) => row.release_days.claimed_days,
  paid: (row: HubRow) => row.release_days.paid_pence,
} as const;

export type HubColumn = keyof typeof HUB_COLUMNS;

export function isHubColumn(value: string): value is HubColumn {
  return Object.hasOwn(HUB_COLUMNS, value);
}

/**
 * Hubs sorted by a column: `sort` is `column` (ascending) or `-column` (descending), as the API's
 * lists take it; ties keep the hubs in name order. An unknown column sorts by name.
 */
export function sortHubs(rows: readonly HubRow[], sort: string): HubRow[] {
  const descending = sort.startsWith('-');
  const name = descending ? sort.slice(1) : sort;
  const key = isHubColumn(name) ? HUB_COLUMNS[name] : HUB_COLUMNS.hub;
  const byName = [...rows].sort((a, b) => a.hub_name.localeCompare(b.hub_name));
  return byName.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    const order = typeof x === 'string' && typeof y === 'string' ? x.localeCompare(y) : Number(x) - Number(y);
    return descending ? -order : order;
  });
}
