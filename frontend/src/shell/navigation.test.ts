import { describe, expect, it } from 'vitest';
import { navigationFor } from './navigation';

const labels = (role: Parameters<typeof navigationFor>[0]) =>
  navigationFor(role).flatMap((section) => section.items.map((item) => item.label));

describe('navigationFor', () => {
  it('gives a national admin every area, hubs included', () => {
    expect(labels('national_admin')).toEqual([
      'Dashboard', 'National dashboard', 'Calendar', 'Cohorts', 'Applications', 'Schools', 'Specialists', 'TRG meetings', 'Work groups',
      'Day rates', 'Hub settings', 'Payments', 'Proposed claims', 'Head confirmations', 'Release days for finance',
      'Users', 'API clients', 'Hubs', 'Audit log',
    ]);
  });

  it('gives a hub lead their hub admin but not the hubs list', () => {
    expect(labels('hub_lead')).toContain('API clients');
    expect(labels('hub_lead')).not.toContain('Hubs');
  });

  it('gives hub staff the finance export but no day rates and no admin section', () => {
    expect(navigationFor('hub_staff').map((section) => section.label)).toEqual([null, 'Money']);
    expect(labels('hub_staff')).toEqual(expect.arrayContaining(['Release days for finance', 'Proposed claims']));
    expect(labels('hub_staff')).not.toContain('Day rates');
    expect(labels('hub_staff')).not.toContain('Hub settings');
  });

  it('gives a hub lead the day rates and the hub settings', () => {
    expect(labels('hub_lead')).toEqual(expect.arrayContaining(['Day rates', 'Hub settings', 'Release days for finance']));
  });

  it('gives a specialist their own programme and delivery, and no page they cannot open', () => {
    expect(labels('specialist')).toEqual(['My programme', 'Calendar', 'Cohorts', 'TRG meetings', 'Work groups']);
  });
});
