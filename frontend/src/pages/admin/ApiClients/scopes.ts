import type { Scope } from '../../../api/apiClients';

/** What each scope lets another system do, in the hub's own words. */
export const SCOPE_LABELS = {
  'applications:submit': 'Submit applications (form tools)',
  'applications:read': 'Read applications',
  'reviews:read': 'Read the reviewers’ summary of applications',
  'schools:read': 'Read schools',
  'cohorts:read': 'Read cohorts',
  'specialists:read': 'Read specialists',
  'ledger:read': 'Read release-day ledgers',
  'delivery:read': 'Read TRG meetings and work groups',
  'delivery:write': 'Record TRG meetings and work groups',
} as const satisfies Record<Scope, string>;

// Fails to compile when the contract gains a scope this list does not describe.
type Undescribed = Exclude<Scope, keyof typeof SCOPE_LABELS>;
export const everyScopeDescribed: [Undescribed] extends [never] ? true : Undescribed = true;

export const SCOPES = Object.keys(SCOPE_LABELS) as Scope[];
