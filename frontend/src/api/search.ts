/**
 * Searches behind the pickers (`components/pickers.tsx`): each asks the API for 20 matches as
 * the person types, so no form ever loads a whole collection.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';

export interface PickerOption {
  value: string;
  label: string;
}

/** Schools whose name contains `q`, 20 at a time: never the whole register (there are ~25,000). */
export function useSchoolSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ['schools', 'search', term],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/schools', { params: { query: { q: term, limit: 20 } }, signal })),
    enabled: term.length >= 2,
    placeholderData: keepPreviousData,
    select: (page): PickerOption[] => page.items.map((school) => ({ value: school.id, label: `${school.name} (${school.urn})` })),
  });
}

/** The hub's specialists matching `q` (a specialist is only ever shown their own records). */
export function useSpecialistSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ['specialists', 'search', term],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/specialists', { params: { query: { q: term || undefined, limit: 20 } }, signal })),
    placeholderData: keepPreviousData,
    select: (page): PickerOption[] =>
      page.items.map((specialist) => ({ value: specialist.id, label: `${specialist.first_name} ${specialist.last_name}` })),
  });
}

export function useWorkGroupSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ['work-groups', 'search', term],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/work-groups', { params: { query: { q: term || undefined, limit: 20 } }, signal })),
    placeholderData: keepPreviousData,
    select: (page): PickerOption[] => page.items.map((group) => ({ value: group.id, label: `${group.title} (${group.code})` })),
  });
}

/** Sign-ins of the hub with role `specialist` matching `q` (name or email), to link to a record. */
export function useSpecialistUserSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ['users', 'search', 'specialist', term],
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/users', { params: { query: { q: term || undefined, role: 'specialist', limit: 20 } }, signal }),
      ),
    placeholderData: keepPreviousData,
    select: (page): PickerOption[] => page.items.map((user) => ({ value: user.id, label: `${user.name} (${user.email})` })),
  });
}

/** Schools whose name contains `q`, as URNs: for filters the API takes by URN (the finance export). */
export function useSchoolUrnSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: ['schools', 'search', term],
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/schools', { params: { query: { q: term, limit: 20 } }, signal })),
    enabled: term.length >= 2,
    placeholderData: keepPreviousData,
    select: (page): PickerOption[] => page.items.map((school) => ({ value: school.urn, label: `${school.name} (${school.urn})` })),
  });
}
