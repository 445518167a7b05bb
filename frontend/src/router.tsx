import { createBrowserRouter, type RouteObject } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { RequireRole } from './auth/RequireRole';
import { HUB_LEADS, HUB_TEAM, NATIONAL } from './auth/roles';
import { FullPageLoader } from './components/FullPageLoader';
import { RouteError } from './components/RouteError';
import { Shell } from './shell/Shell';

// Every page is its own chunk (`lazy`), so the first load carries only the shell and sign-in.
export const routes: RouteObject[] = [
  {
    path: '/sign-in',
    lazy: () => import('./pages/SignIn'),
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageLoader label="Loading…" />,
  },
  {
    // The headteacher's link from the reference email: public, no sign-in.
    path: '/references/:token',
    lazy: () => import('./pages/Reference'),
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageLoader label="Loading…" />,
  },
  {
    // The headteacher's termly link from the release-confirmation email: public, no sign-in.
    path: '/confirm-release/:token',
    lazy: () => import('./pages/ConfirmRelease'),
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageLoader label="Loading…" />,
  },
  // Public account pages: sign-in's neighbours and the links in invitation and reset emails.
  ...(
    [
      ['/forgot-password', () => import('./pages/ForgotPassword')],
      ['/reset-password/:token', () => import('./pages/ResetPassword')],
      ['/invitations/:token', () => import('./pages/Invitation')],
    ] as const
  ).map(([path, lazy]) => ({
    path,
    lazy,
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageLoader label="Loading…" />,
  })),
  {
    path: '/',
    element: <RequireAuth />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <FullPageLoader label="Loading…" />,
    children: [
      {
        element: <Shell />,
        children: [
          { index: true, lazy: () => import('./pages/Dashboard') },
          { path: 'account', lazy: () => import('./pages/Account') },
          { path: 'my-programme', lazy: () => import('./pages/MyProgramme') },
          { path: 'calendar', lazy: () => import('./pages/Calendar') },
          { path: 'trg-meetings', lazy: () => import('./pages/TrgMeetings') },
          { path: 'trg-meetings/new', lazy: () => import('./pages/TrgMeetingForm') },
          { path: 'trg-meetings/:trgMeetingId', lazy: () => import('./pages/TrgMeetingDetail') },
          { path: 'trg-meetings/:trgMeetingId/edit', lazy: () => import('./pages/TrgMeetingForm') },
          { path: 'work-groups', lazy: () => import('./pages/WorkGroups') },
          { path: 'work-groups/new', lazy: () => import('./pages/WorkGroupForm') },
          { path: 'work-groups/:workGroupId', lazy: () => import('./pages/WorkGroupDetail') },
          { path: 'work-groups/:workGroupId/edit', lazy: () => import('./pages/WorkGroupForm/Edit') },
          { path: 'work-groups/:workGroupId/sessions/new', lazy: () => import('./pages/WorkGroupSession') },
          { path: 'work-groups/:workGroupId/sessions/:sessionId', lazy: () => import('./pages/WorkGroupSession/Edit') },
          { path: 'cohorts', lazy: () => import('./pages/Cohorts') },
          { path: 'cohorts/:cohortId', lazy: () => import('./pages/CohortDetail') },
          // A specialist opening their own record is taken to My programme (the page decides).
          { path: 'specialists/:specialistId', lazy: () => import('./pages/SpecialistDetail') },
          {
            element: <RequireRole roles={NATIONAL} />,
            children: [
              { path: 'cohorts/new', lazy: () => import('./pages/Cohorts/NewCohort') },
              { path: 'cohorts/:cohortId/edit', lazy: () => import('./pages/CohortDetail/EditCohort') },
              { path: 'admin/hubs/:hubId', lazy: () => import('./pages/admin/Hubs/HubDetail') },
            ],
          },
          {
            element: <RequireRole roles={HUB_TEAM} />,
            children: [
              { path: 'applications', lazy: () => import('./pages/Applications') },
              { path: 'applications/new', lazy: () => import('./pages/ApplicationNew') },
              { path: 'applications/:applicationId', lazy: () => import('./pages/ApplicationDetail') },
              { path: 'schools', lazy: () => import('./pages/Schools') },
              { path: 'schools/:schoolId', lazy: () => import('./pages/SchoolDetail') },
              { path: 'specialists', lazy: () => import('./pages/Specialists') },
              { path: 'reports/release-days', lazy: () => import('./pages/FinanceReport') },
              { path: 'release-day-proposals', lazy: () => import('./pages/Proposals') },
              { path: 'national', lazy: () => import('./pages/NationalDashboard') },
              {
                path: 'cohorts/:cohortId/residentials/:residentialId/attendance',
                lazy: () => import('./pages/CohortDetail/ResidentialAttendance'),
              },
            ],
          },
          {
            element: <RequireRole roles={HUB_LEADS} />,
            children: [
              { path: 'day-rates', lazy: () => import('./pages/DayRates') },
              { path: 'hub-settings', lazy: () => import('./pages/HubSettings') },
              { path: 'payments', lazy: () => import('./pages/Payments') },
              { path: 'payments/:runId', lazy: () => import('./pages/Payments/PaymentRunDetail') },
              { path: 'release-confirmations', lazy: () => import('./pages/ReleaseConfirmations') },
              {
                path: 'release-confirmations/:confirmationId',
                lazy: () => import('./pages/ReleaseConfirmations/ConfirmationDetail'),
              },
              { path: 'admin/users', lazy: () => import('./pages/admin/Users') },
              { path: 'admin/api-clients', lazy: () => import('./pages/admin/ApiClients') },
              { path: 'admin/audit-log', lazy: () => import('./pages/admin/AuditLog') },
            ],
          },
          {
            element: <RequireRole roles={NATIONAL} />,
            children: [{ path: 'admin/hubs', lazy: () => import('./pages/admin/Hubs') }],
          },
          { path: '*', lazy: () => import('./pages/NotFound') },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
