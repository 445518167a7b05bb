/** Who attended a residential (backend residentials; the residentials themselves are in cohorts.ts, as in the API). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client';
import type { components } from './schema';

export type AttendanceStatus = components['schemas']['AttendanceStatus'];
export type AttendanceRecordIn = components['schemas']['AttendanceRecordIn'];
export type ResidentialAttendance = components['schemas']['ResidentialAttendanceRead'];

export const residentialKeys = {
  all: ['residentials'] as const,
  attendance: (id: string) => [...residentialKeys.all, id, 'attendance'] as const,
};

/** The register: every specialist of the cohort the caller may see, recorded or not. */
export function useResidentialAttendance(residentialId: string, enabled = true) {
  return useQuery({
    queryKey: residentialKeys.attendance(residentialId),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/residentials/{residential_id}/attendance', {
          params: { path: { residential_id: residentialId } },
          signal,
        }),
      ),
    enabled,
  });
}

export function useRecordAttendance(residentialId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (records: AttendanceRecordIn[]) =>
      unwrap(
        await api.PUT('/api/v1/residentials/{residential_id}/attendance', {
          params: { path: { residential_id: residentialId } },
          body: records,
        }),
      ),
    onSuccess: (register) => queryClient.setQueryData(residentialKeys.attendance(residentialId), register),
  });
}
