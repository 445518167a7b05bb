/** The four roles a person can hold (`GET /api/v1/me` → `role`), as product.md describes them. */
export const ROLES = ['national_admin', 'hub_lead', 'hub_staff', 'specialist'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  national_admin: 'National admin',
  hub_lead: 'Hub lead',
  hub_staff: 'Hub staff',
  specialist: 'Mastery Specialist',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who may open each area of the SPA; the API enforces the same rules, this only tidies the menu. */
export const HUB_TEAM: readonly Role[] = ['national_admin', 'hub_lead', 'hub_staff'];
export const EVERYONE: readonly Role[] = ROLES;
export const HUB_LEADS: readonly Role[] = ['national_admin', 'hub_lead'];
export const NATIONAL: readonly Role[] = ['national_admin'];
export const SPECIALISTS: readonly Role[] = ['specialist'];
