import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { idempotent } from './http';
import type { components, paths } from './schema';
export type School = components['schemas']['SchoolRead'];
export type SchoolFilters = NonNullable<paths['/api/v1/schools']['get']['parameters']['query']>;
export type SchoolImport = components['schemas']['SchoolImportRead'];

export type SchoolPage = components['schemas']['Page_SchoolRead_'];

export const schoolKeys = {
  all: ['schools'] as const,
  lists: () => [...schoolKeys.all, 'list'] as const,
  list: (filters: SchoolFilters) => [...schoolKeys.lists(), filters] as const,
  search: (term: string) => [...schoolKeys.all, 'search', term] as const,
  import: (id: string | null) => [...schoolKeys.all, 'imports', id] as const,
};

/** How many matches a picker asks for as the person types: never a whole collection. */
export const SEARCH_PAGE = 20;

/**
 * Schools whose name contains `q`, a page at a time (never the whole register: ~25,000 schools),
 * from two letters typed; `select` shapes the page for the picker that asks.
 */
export function useSchoolSearch<T = SchoolPage>(q: string, select?: (page: SchoolPage) => T) {
  const term = q.trim();
  return useQuery({
    queryKey: schoolKeys.search(term),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/schools', { params: { query: { q: term, limit: SEARCH_PAGE } }, signal })),
    enabled: term.length >= 2,
    placeholderData: keepPreviousData,
    select,
  });
}

export function useSchools(filters: SchoolFilters) {
  return useQuery({
    queryKey: schoolKeys.list(filters),
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
          params: { header: idempotent() },
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
    queryKey: schoolKeys.import(id),
    queryFn: async ({ signal }) => {
      const job = unwrap(
        await api.GET('/api/v1/schools/imports/{import_id}', { params: { path: { import_id: id ?? '' } }, signal }),
      );
      if (FINISHED.has(job.status)) void queryClient.invalidateQueries({ queryKey: schoolKeys.lists() });
      return job;
    },
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && FINISHED.has(query.state.data.status) ? false : 1000),
  });
}

export function useSchool(id: string) {
  return useQuery({
    queryKey: [...schoolKeys.all, 'one', id] as const,
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/schools/{school_id}', { params: { path: { school_id: id } }, signal })),
  });
}
