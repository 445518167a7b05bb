import { EVERYONE, HUB_LEADS, HUB_TEAM, NATIONAL, SPECIALISTS, type Role } from '../auth/roles';

const HUB_LEADS_ONLY: readonly Role[] = ['hub_lead', 'hub_staff'];

export interface NavItem {
  label: string;
  to: string;
  roles: readonly Role[];
}

export interface NavSection {
  label: string | null;
  items: NavItem[];
}

export const NAVIGATION: NavSection[] = [
  {
    label: null,
    items: [
      { label: 'Dashboard', to: '/', roles: HUB_TEAM },
      { label: 'National dashboard', to: '/national', roles: NATIONAL },
      { label: 'Hub figures', to: '/national', roles: HUB_LEADS_ONLY },
      { label: 'My programme', to: '/my-programme', roles: SPECIALISTS },
      { label: 'Calendar', to: '/calendar', roles: EVERYONE },
      { label: 'Cohorts', to: '/cohorts', roles: EVERYONE },
      { label: 'Applications', to: '/applications', roles: HUB_TEAM },
      { label: 'Schools', to: '/schools', roles: HUB_TEAM },
      { label: 'Specialists', to: '/specialists', roles: HUB_TEAM },
      { label: 'TRG meetings', to: '/trg-meetings', roles: EVERYONE },
      { label: 'Work groups', to: '/work-groups', roles: EVERYONE },
    ],
  },
  {
    label: 'Money',
    items: [
      { label: 'Day rates', to: '/day-rates', roles: HUB_LEADS },
      { label: 'Hub settings', to: '/hub-settings', roles: HUB_LEADS },
      { label: 'Payments', to: '/payments', roles: HUB_LEADS },
      { label: 'Proposed claims', to: '/release-day-proposals', roles: HUB_TEAM },
      { label: 'Head confirmations', to: '/release-confirmations', roles: HUB_LEADS },
      { label: 'Release days for finance', to: '/reports/release-days', roles: HUB_TEAM },
    ],
  },
  {
    label: 'Admin',
    items: [
      { label: 'Users', to: '/admin/users', roles: HUB_LEADS },
      { label: 'API clients', to: '/admin/api-clients', roles: HUB_LEADS },
      { label: 'Hubs', to: '/admin/hubs', roles: NATIONAL },
      { label: 'Audit log', to: '/admin/audit-log', roles: HUB_LEADS },
    ],
  },
];

/** The menu a role sees: sections with nothing visible are dropped. */
export function navigationFor(role: Role | null): NavSection[] {
  return NAVIGATION.map((section) => ({
    ...section,
    items: section.items.filter((item) => role !== null && item.roles.includes(role)),
  })).filter((section) => section.items.length > 0);
}
