/** The two programmes and their criteria (backend programmes). */
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type ProgrammeCode = components['schemas']['ProgrammeCode'];
export type Programme = components['schemas']['ProgrammeRead'];

export const programmeKeys = {
  all: ['programmes'] as const,
  list: () => [...programmeKeys.all, 'list'] as const,
  detail: (id: string | undefined) => [...programmeKeys.all, 'one', id] as const,
};

/** The programme's criteria (essential and desirable), shared by all its cohorts. */
export function useProgramme(id: string | undefined) {
  return useQuery({
    queryKey: programmeKeys.detail(id),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/programmes/{programme_id}', { params: { path: { programme_id: id ?? '' } }, signal })),
    enabled: id !== undefined,
    staleTime: 10 * 60_000,
  });
}

/** Every programme (there are two), for the coded reasons a bulk decision offers. */
export function useProgrammes(enabled = true) {
  return useQuery({
    queryKey: programmeKeys.list(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/programmes', { params: { query: { limit: 50 } }, signal })),
    enabled,
    staleTime: 10 * 60_000,
  });
}
