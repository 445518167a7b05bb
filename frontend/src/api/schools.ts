import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components, paths } from './schema';

export type School = components['schemas']['SchoolRead'];
export type SchoolFilters = NonNullable<paths['/api/v1/schools']['get']['parameters']['query']>;
export type SchoolImport = components['schemas']['SchoolImportRead'];

export function useSchools(filters: SchoolFilters) {
  return useQuery({
    queryKey: ['schools', 'list', filters],
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/schools', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** Upload a GIAS extract; the import runs in the background (poll it with useSchoolImport). */
export function useStartSchoolImport() {
  return useMutation({
    mutationFn: async (file: File) =>
      unwrap(
        await api.POST('/api/v1/schools/imports', {
          // A key per upload, so a retried request never starts a second import.
          params: { header: { 'Idempotency-Key': crypto.randomUUID() } },
          body: { file: file as unknown as string },
          bodySerializer: () => {
            const form = new FormData();
            form.set('file', file);
            return form;
          },
        }),
      ),
  });
}

const FINISHED = new Set(['completed', 'failed']);

/** One import, polled every second until it completes or fails. */
export function useSchoolImport(id: string | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: ['schools', 'imports', id],
    queryFn: async ({ signal }) => {
      const job = unwrap(
        await api.GET('/api/v1/schools/imports/{import_id}', { params: { path: { import_id: id ?? '' } }, signal }),
      );
      if (FINISHED.has(job.status)) void queryClient.invalidateQueries({ queryKey: ['schools', 'list'] });
      return job;
    },
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 1000),
  });
}
