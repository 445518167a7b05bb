import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { etagOfVersionSeen, ifMatch } from './http';
import type { components, paths } from './schema';
import { SEARCH_PAGE } from './schools';

export type User = components['schemas']['UserRead'];
export type UserCreate = components['schemas']['UserCreate'];
export type UserUpdate = components['schemas']['UserUpdate'];
export type UserFilters = NonNullable<paths['/api/v1/users']['get']['parameters']['query']>;
export type UserPage = components['schemas']['Page_UserRead_'];

export const userKeys = {
  all: ['users'] as const,
  list: (filters: UserFilters) => [...userKeys.all, 'list', filters] as const,
  detail: (id: string | null) => [...userKeys.all, 'one', id] as const,
  search: (term: string, role: UserFilters['role']) => [...userKeys.all, 'search', role ?? 'any', term] as const,
};

/** Sign-ins matching `q` (name or email), of one role if given; `select` shapes the page. */
export function useUserSearch<T = UserPage>(q: string, role?: User['role'], select?: (page: UserPage) => T) {
  const term = q.trim();
  return useQuery({
    queryKey: userKeys.search(term, role),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/users', { params: { query: { q: term || undefined, role, limit: SEARCH_PAGE } }, signal })),
    placeholderData: keepPreviousData,
    select,
  });
}

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: userKeys.list(filters),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/users', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UserCreate) => unwrap(await api.POST('/api/v1/users', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/**
 * Change a user, guarded by the version the person saw: the row on screen (lists carry no ETag)
 * is matched to its ETag (`etagOfVersionSeen`), which goes back as `If-Match`, so a change
 * someone else made after the list was shown answers 412 instead of being overwritten.
 */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ user, changes }: { user: User; changes: UserUpdate }) => {
      const etag = await etagOfVersionSeen(() => api.GET('/api/v1/users/{user_id}', { params: { path: { user_id: user.id } } }), user);
      return unwrap(
        await api.PATCH('/api/v1/users/{user_id}', {
          params: { path: { user_id: user.id }, header: ifMatch(etag) },
          body: changes,
        }),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** A new invitation link for someone who has not accepted yet (the old link stops working). */
export function useResendInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/api/v1/users/{user_id}/invitation', { params: { path: { user_id: id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/users/{user_id}/invitation', { params: { path: { user_id: id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** National admins: clear someone's second factor (they lost their phone and their codes); audited. */
export function useResetUserMfa() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.DELETE('/api/v1/users/{user_id}/mfa', { params: { path: { user_id: id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/** A sign-in's name for display (hub leads and national admins may read users). */
export function useUserName(id: string | null) {
  return useQuery({
    queryKey: userKeys.detail(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/users/{user_id}', { params: { path: { user_id: id ?? '' } }, signal })),
    enabled: id !== null,
    select: (user) => `${user.name} (${user.email})`,
  });
}
