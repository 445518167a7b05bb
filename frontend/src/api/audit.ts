import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components, paths } from './schema';
export type AuditEvent = components['schemas']['AuditEventRead'];
export type AuditFilters = NonNullable<paths['/api/v1/audit-events']['get']['parameters']['query']>;


export const auditKeys = {
  all: ['audit-events'] as const,
  list: (filters: AuditFilters) => [...auditKeys.all, 'list', filters] as const,
};

export function useAuditEvents(filters: AuditFilters) {
  return useQuery({
    queryKey: auditKeys.list(filters),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/audit-events', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}
