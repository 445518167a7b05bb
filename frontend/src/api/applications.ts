import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { calendarKeys } from './calendar';
import { api, unwrap } from './client';
import { idempotent, ifAbsent, ifMatch, etagOf } from './http';
import type { components, paths } from './schema';
import { ApiError, toProblem } from '../lib/problem';

export type Application = components['schemas']['ApplicationRead'];
export type ApplicationDetail = components['schemas']['ApplicationDetail'];
export type ApplicationStatus = components['schemas']['ApplicationStatus'];
export type ApplicationSort = components['schemas']['ApplicationSort'];
export type ApplicationsByStatus = components['schemas']['ApplicationsByStatus'];
export type ApplicationFilters = NonNullable<paths['/api/v1/applications']['get']['parameters']['query']>;
export type Review = components['schemas']['ReviewRead'];
export type ReviewCreate = components['schemas']['ReviewCreate'];
export type ReviewUpdate = components['schemas']['ReviewUpdate'];
export type ReviewSummary = components['schemas']['ReviewSummary'];
export type Recommendation = components['schemas']['Recommendation'];
export type EssentialAssessment = components['schemas']['EssentialAssessment'];
export type ReferenceView = components['schemas']['ReferenceView'];
export type ReferenceSubmit = components['schemas']['ReferenceSubmit'];
export type ApplicationSubmit = components['schemas']['ApplicationSubmit'];
export type BulkTransitionRequest = components['schemas']['BulkTransitionRequest'];
export type BulkTarget = BulkTransitionRequest['to'];
export type BulkTransitionResult = components['schemas']['BulkTransitionResult'];
export type WorkQueue = components['schemas']['WorkQueue'];
export type ApplicationUpdate = components['schemas']['ApplicationUpdate'];
export type ScreeningFlag = components['schemas']['Flag'];
export type ReferenceState = components['schemas']['ReferenceState'];
export type Note = components['schemas']['NoteRead'];
export type Interview = components['schemas']['InterviewRead'];
export type InterviewSchedule = components['schemas']['InterviewSchedule'];

/** Query keys for applications: invalidate by these, never by a literal array. */
export const applicationKeys = {
  all: ['applications'] as const,
  lists: () => [...applicationKeys.all, 'list'] as const,
  list: (filters: ApplicationFilters) => [...applicationKeys.lists(), filters] as const,
  byStatus: (query: { cohort_code?: string }) => [...applicationKeys.all, 'by-status', query] as const,
  workQueue: () => [...applicationKeys.all, 'work-queue'] as const,
  detail: (id: string) => [...applicationKeys.all, 'one', id] as const,
  reviews: (id: string) => [...applicationKeys.detail(id), 'reviews'] as const,
  notes: (id: string) => [...applicationKeys.detail(id), 'notes'] as const,
  reference: (token: string) => ['references', token] as const,
};

export function useApplications(filters: ApplicationFilters) {
  return useQuery({
    queryKey: applicationKeys.list(filters),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/applications', { params: { query: filters }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** How many of the caller's hub's applications stand at each status (every status, zero when none). */
export function useApplicationsByStatus(cohortCode?: string, enabled = true) {
  const query = cohortCode ? { cohort_code: cohortCode } : {};
  return useQuery({
    queryKey: applicationKeys.byStatus(query),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/reports/applications-by-status', { params: { query }, signal })),
    enabled,
  });
}

/** One application and the version (ETag) it was read at, which every change sends back as If-Match. */
export function useApplication(id: string) {
  return useQuery({
    queryKey: applicationKeys.detail(id),
    queryFn: async ({ signal }) => {
      const result = await api.GET('/api/v1/applications/{application_id}', {
        params: { path: { application_id: id } },
        signal,
      });
      return { application: unwrap(result), etag: etagOf(result) };
    },
  });
}

export function useReviews(applicationId: string) {
  return useQuery({
    queryKey: applicationKeys.reviews(applicationId),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/applications/{application_id}/reviews', {
          params: { path: { application_id: applicationId } },
          signal,
        }),
      ),
  });
}

export function useTransition(applicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      to,
      note,
      etag,
      reasons = [],
      feedback = null,
    }: {
      to: ApplicationStatus;
      note: string | null;
      etag: string | null;
      reasons?: string[];
      feedback?: string | null;
    }) =>
      unwrap(
        await api.POST('/api/v1/applications/{application_id}/transitions', {
          params: {
            path: { application_id: applicationId },
            header: { ...idempotent(), ...(ifMatch(etag)) },
          },
          body: { to, note, reasons, feedback },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: applicationKeys.all }),
  });
}

export function useResendReference(applicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.POST('/api/v1/applications/{application_id}/reference-requests', {
          params: { path: { application_id: applicationId }, header: idempotent() },
          body: {},
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: applicationKeys.detail(applicationId) }),
  });
}

export function useCreateReview(applicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ReviewCreate) =>
      unwrap(
        await api.POST('/api/v1/applications/{application_id}/reviews', {
          params: { path: { application_id: applicationId }, header: idempotent() },
          body,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: applicationKeys.all }),
  });
}

/** Change your review, guarded by the version you opened it at. */
export function useUpdateReview(applicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ reviewId, body, etag }: { reviewId: string; body: ReviewUpdate; etag: string | null }) =>
      unwrap(
        await api.PATCH('/api/v1/applications/{application_id}/reviews/{review_id}', {
          params: {
            path: { application_id: applicationId, review_id: reviewId },
            header: ifMatch(etag),
          },
          body,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: applicationKeys.all }),
  });
}

/** Your own review with its ETag, read when you open it for editing. */
export async function fetchReviewForEdit(applicationId: string, reviewId: string) {
  const result = await api.GET('/api/v1/applications/{application_id}/reviews/{review_id}', {
    params: { path: { application_id: applicationId, review_id: reviewId } },
  });
  return { review: unwrap(result), etag: etagOf(result) };
}

/** The headteacher's page: no sign-in, the token is the credential. */
export function useReferenceRequest(token: string) {
  return useQuery({
    queryKey: applicationKeys.reference(token),
    queryFn: async ({ signal }) =>
      unwrap(await api.GET('/api/v1/references/{token}', { params: { path: { token } }, signal })),
    retry: false,
  });
}

export function useSubmitReference(token: string) {
  return useMutation({
    mutationFn: async (body: ReferenceSubmit) =>
      unwrap(await api.POST('/api/v1/references/{token}', { params: { path: { token } }, body })),
  });
}

// ---------------------------------------------------------------------------------------------
// Lists, the dashboard's work queue and entering an application by hand (helper intake-lists).
// ---------------------------------------------------------------------------------------------

/** Several applications moved in one request: all or nothing, one Idempotency-Key per action. */
export function useBulkTransition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, key }: { body: BulkTransitionRequest; key: string }) =>
      unwrap(
        await api.POST('/api/v1/applications/bulk-transitions', {
          params: { header: idempotent(key) },
          body,
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: applicationKeys.all }),
  });
}

/** What is waiting on the hub, as counts (and applications per status): one request. */
export function useWorkQueue(enabled = true) {
  return useQuery({
    queryKey: applicationKeys.workQueue(),
    queryFn: async ({ signal }) => unwrap(await api.GET('/api/v1/applications/work-queue', { signal })),
    enabled,
  });
}

/** Hub staff enter an application by hand (a paper or late one); the key is the form's. */
export function useEnterApplication() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, key }: { body: ApplicationSubmit; key: string }) =>
      unwrap(
        await api.POST('/api/v1/applications', {
          params: { header: idempotent(key) },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: applicationKeys.all }),
  });
}

// ---------------------------------------------------------------------------------------------
// The application page (issue 10): corrections, school matching, notes and interviews.
// (Kept together so work on the lists and the dashboard can add its own hooks above without
// touching these.)
// ---------------------------------------------------------------------------------------------

/**
 * Correct an application with the version the person saw (If-Match; 412 when stale). With
 * `resendReference`, a corrected headteacher email also gets a new link (the old ones stop
 * working either way). Answers the application as it now is, and its new ETag.
 */
export function useUpdateApplication(applicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({
      body,
      etag,
      resendReference = false,
    }: {
      body: ApplicationUpdate;
      etag: string | null;
      resendReference?: boolean;
    }) => {
      const result = await api.PATCH('/api/v1/applications/{application_id}', {
        params: {
          path: { application_id: applicationId },
          query: resendReference ? { resend_reference: true } : {},
          header: ifMatch(etag),
        },
        body,
      });
      return { application: unwrap(result), etag: etagOf(result) };
    },
    onSuccess: (saved, _variables) => {
      // The lists show names, schools and statuses: they are stale too.
      void queryClient.invalidateQueries({ queryKey: applicationKeys.lists() });
      queryClient.setQueryData(applicationKeys.detail(applicationId), saved);
    },
  });
}

/** The application's internal notes, oldest first (a hub rarely writes more than a page). */
export function useApplicationNotes(applicationId: string) {
  return useQuery({
    queryKey: applicationKeys.notes(applicationId),
    queryFn: async ({ signal }) =>
      unwrap(
        await api.GET('/api/v1/applications/{application_id}/notes', {
          params: { path: { application_id: applicationId }, query: { limit: 200 } },
          signal,
        }),
      ).items,
  });
}

export function useAddNote(applicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (text: string) =>
      unwrap(
        await api.POST('/api/v1/applications/{application_id}/notes', {
          params: { path: { application_id: applicationId }, header: idempotent() },
          body: { text },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: applicationKeys.notes(applicationId) }),
  });
}

/**
 * The ETag to reschedule with: the interview is read again, and if it is still the one on screen
 * (none, or the same `updated_at`) its ETag goes as If-Match; if someone scheduled or moved it
 * since it was shown, a 412 problem — what a stale If-Match would have answered — and nothing is
 * written, so nobody's new time is silently replaced.
 */
async function interviewEtagSeen(applicationId: string, shown: Interview | null): Promise<string | null> {
  const result = await api.GET('/api/v1/applications/{application_id}/interview', {
    params: { path: { application_id: applicationId } },
  });
  const latest = unwrap(result);
  const unchanged = latest === null ? shown === null : shown !== null && Date.parse(latest.updated_at) === Date.parse(shown.updated_at);
  if (!unchanged) throw new ApiError(toProblem(412, null));
  return latest === null ? null : etagOf(result);
}

/**
 * Schedule (201) or reschedule (200) the interview; the applicant is emailed an invitation.
 * `shown` is the interview the page showed (null: none): a reschedule is sent with its ETag, a
 * first interview with `If-None-Match: *` — the read above cannot see someone scheduling one
 * between it and the PUT; the API can, and answers 412.
 * A shortlisted application moves to interview, so the application is read again.
 */
export function useScheduleInterview(applicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, shown }: { body: InterviewSchedule; shown: Interview | null }) => {
      const etag = await interviewEtagSeen(applicationId, shown);
      const result = await api.PUT('/api/v1/applications/{application_id}/interview', {
        params: { path: { application_id: applicationId }, header: shown === null ? ifAbsent() : ifMatch(etag) },
        body,
      });
      return { interview: unwrap(result), created: result.response.status === 201 };
    },
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: applicationKeys.detail(applicationId) });
      void queryClient.invalidateQueries({ queryKey: calendarKeys.all });
    },
  });
}
