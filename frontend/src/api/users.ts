import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components, paths } from './schema';
import { ApiError, toProblem } from '../lib/problem';

export type User = components['schemas']['UserRead'];
export type UserCreate = components['schemas']['UserCreate'];
export type UserUpdate = components['schemas']['UserUpdate'];
export type UserFilters = NonNullable<paths['/api/v1/users']['get']['parameters']['query']>;

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: ['users', 'list', filters],
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/users', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: UserCreate) => unwrap(await api.POST('/api/v1/users', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

/**
 * Change a user, guarded by the version we read: the GET's ETag goes back as `If-Match`, so a
 * change someone else made in between answers 412 instead of being overwritten.
 */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, changes }: { id: string; changes: UserUpdate }) => {
      const current = await api.GET('/api/v1/users/{user_id}', { params: { path: { user_id: id } } });
      unwrap(current);
      const etag = current.response.headers.get('ETag');
      if (!etag) throw new ApiError(toProblem(500, null));
      return unwrap(
        await api.PATCH('/api/v1/users/{user_id}', {
          params: { path: { user_id: id } },
          body: changes,
          headers: { 'If-Match': etag },
        }),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

/** A new invitation link for someone who has not accepted yet (the old link stops working). */
export function useResendInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST('/api/v1/users/{user_id}/invitation', { params: { path: { user_id: id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useRevokeInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.DELETE('/api/v1/users/{user_id}/invitation', { params: { path: { user_id: id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

/** National admins: clear someone's second factor (they lost their phone and their codes); audited. */
export function useResetUserMfa() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) => unwrap(await api.DELETE('/api/v1/users/{user_id}/mfa', { params: { path: { user_id: id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}
