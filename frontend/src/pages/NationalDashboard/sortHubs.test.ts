import { describe, expect, it } from 'vitest';
import type { HubRow } from '../../api/national';
import { sortHubs } from './sortHubs';

function hub(name: string, applications: number, atRisk: number): HubRow {
  return {
    hub_id: name,
    hub_code: name.toLowerCase(),
    hub_name: name,
    region: null,
    applications_by_status: {},
    applications,
    places: 0,
    places_filled: 0,
    active_specialists: 0,
    active_specialists_by_programme_year: {},
    active_specialists_by_programme: {},
    accreditation: {},
    work_groups: 0,
    work_groups_by_phase: {},
    work_groups_by_status: {},
    schools_signed_up: 0,
    schools_completed: 0,
    at_risk_specialists: atRisk,
    release_days: {
      entitlement_days: 0,
      claimed_days: 0,
      approved_days: 0,
      paid_days: 0,
      claimed_pence: 0,
      approved_pence: 0,
      paid_pence: 0,
    },
  };
}

const rows = [hub('North', 5, 1), hub('East', 9, 3), hub('South', 5, 0)];

describe('sortHubs', () => {
  it('sorts by name when no column is given, or one it does not know', () => {
    expect(sortHubs(rows, '').map((r) => r.hub_name)).toEqual(['East', 'North', 'South']);
    expect(sortHubs(rows, 'colour').map((r) => r.hub_name)).toEqual(['East', 'North', 'South']);
  });

  it('sorts by a figure either way, ties in name order', () => {
    expect(sortHubs(rows, 'applications').map((r) => r.hub_name)).toEqual(['North', 'South', 'East']);
    expect(sortHubs(rows, '-applications').map((r) => r.hub_name)).toEqual(['East', 'North', 'South']);
    expect(sortHubs(rows, '-at_risk').map((r) => r.hub_name)).toEqual(['East', 'North', 'South']);
  });

  it('leaves the rows it was given in their order', () => {
    sortHubs(rows, '-applications');
    expect(rows.map((r) => r.hub_name)).toEqual(['North', 'East', 'South']);
  });
});
