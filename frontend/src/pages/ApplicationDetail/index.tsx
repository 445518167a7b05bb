import { Anchor, Badge, Button, Group, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApplication, useResendReference, type ApplicationDetail } from '../../api/applications';
import { useCohort, useProgramme } from '../../api/cohorts';
import { useCurrentUser } from '../../auth/currentUser';
import { HUB_LEADS } from '../../auth/roles';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDateTime } from '../../lib/format';
import { APPLICATION_STATUS_COLOURS, APPLICATION_STATUS_LABELS } from '../../lib/labels';
import { notifyProblem, problemOf } from '../../lib/problem';
import { Reviews } from './Reviews';
import { StatusActions } from './StatusActions';
import { StaleAlert } from '../../components/StaleAlert';
import { DetailList, Section } from '../../components/Section';

export function Component() {
  const { applicationId = '' } = useParams();
  const query = useApplication(applicationId);
  const [stale, setStale] = useState(false);

  if (query.isPending) return <FullPageLoader label="Loading the application…" />;
  if (query.isError) {
    return (
      <Page title="Application">
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      </Page>
    );
  }
  const { application, etag } = query.data;
  const reload = async () => {
    await query.refetch();
    setStale(false);
  };
  return (
    <Page
      title={`${application.applicant.first_name} ${application.applicant.last_name} (${application.reference})`}
      actions={
        <Anchor component={Link} to="/applications">
          All applications
        </Anchor>
      }
    >
      {stale ? <StaleAlert what="application" onReload={() => void reload()} /> : null}
      <Group gap="xs">
        <Badge size="lg" variant="light" color={APPLICATION_STATUS_COLOURS[application.status]}>
          {APPLICATION_STATUS_LABELS[application.status]}
        </Badge>
        {application.is_late ? (
          <Badge size="lg" variant="outline" color="orange">
            Late
          </Badge>
        ) : null}
        <Text size="sm">
          {application.cohort.name} · {application.hub.name} · submitted {formatDateTime(application.submitted_at)}
        </Text>
      </Group>
      <StatusActions application={application} etag={etag} onStale={() => setStale(true)} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Applicant application={application} />
        <Screening application={application} />
      </SimpleGrid>
      <Statements application={application} />
      <Reference application={application} />
      <ReviewsForCohort application={application} onStale={() => setStale(true)} />
    </Page>
  );
}

function yesNo(value: boolean | null | undefined): string {
  if (value === null || value === undefined) return 'Not answered';
  return value ? 'Yes' : 'No';
}

function Applicant({ application }: { application: ApplicationDetail }) {
  const school = application.school
    ? `${application.school.name} (URN ${application.school.urn})`
    : application.school_urn
      ? `URN ${application.school_urn} — not found in the school register`
      : 'None given';
  return (
    <Section title="Applicant">
      <DetailList termWidth={170}
        rows={[
          ['Email', application.applicant.email],
          ['Phone', application.applicant.phone ?? 'Not given'],
          ['TRN', application.applicant.trn ?? 'Not given'],
          ['School', school],
          ['Role', application.role_title ?? 'Not given'],
          ['QTS', yesNo(application.has_qts)],
          ['Years teaching maths', application.years_teaching_maths ?? 'Not given'],
          ['Days teaching maths a week', application.days_teaching_maths_per_week ?? 'Not given'],
          ['Maths subject leader', yesNo(application.is_maths_subject_leader)],
        ]}
      />
    </Section>
  );
}

function Screening({ application }: { application: ApplicationDetail }) {
  return (
    <Section title="Screening">
      {application.screening.length === 0 ? (
        <Text size="sm">No screening checks apply.</Text>
      ) : (
        <List spacing="xs" listStyleType="none" p={0}>
          {application.screening.map((flag) => (
            <List.Item key={flag.code}>
              <Group gap="xs" wrap="nowrap" align="flex-start">
                <Badge
                  variant="light"
                  color={flag.passed === null ? 'yellow' : flag.passed ? 'green' : 'red'}
                  style={{ flexShrink: 0 }}
                >
                  {flag.passed === null ? 'Check' : flag.passed ? 'Passed' : 'Failed'}
                </Badge>
                <Text size="sm">{flag.detail}</Text>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </Section>
  );
}

function Statements({ application }: { application: ApplicationDetail }) {
  const evidence = Object.entries(application.criteria_evidence);
  return (
    <Section title="Statements">
      <Stack gap="sm">
        <Title order={3} size="h5">
          Applicant’s statement
        </Title>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {application.statement}
        </Text>
        {evidence.length > 0 ? (
          <>
            <Title order={3} size="h5">
              Evidence against the criteria
            </Title>
            <DetailList termWidth={170} rows={evidence.map(([code, text]) => [code, text])} />
          </>
        ) : null}
        <Title order={3} size="h5">
          Headteacher’s statement
        </Title>
        {application.headteacher.statement ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {application.headteacher.statement}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            Not received yet.
          </Text>
        )}
      </Stack>
    </Section>
  );
}

function Reference({ application }: { application: ApplicationDetail }) {
  const resend = useResendReference(application.id);
  const head = application.headteacher;
  const received = head.statement_received_at;
  const canResend = !received && ['submitted', 'awaiting_reference'].includes(application.status);
  async function send() {
    try {
      const request = await resend.mutateAsync();
      notifications.show({
        color: 'green',
        message: `A new link was sent to ${head.email}. It works until ${formatDate(request.expires_at)}; earlier links no longer work.`,
      });
    } catch (error) {
      notifyProblem(problemOf(error));
    }
  }
  return (
    <Section title="Headteacher’s reference">
      <Stack gap="sm">
        <DetailList termWidth={170}
          rows={[
            ['Headteacher', `${head.name} (${head.email})`],
            ['Status', received ? `Received ${formatDateTime(received)}` : 'Waiting for the headteacher'],
            ['Commits release time', yesNo(head.commits_to_release_time)],
          ]}
        />
        {canResend ? (
          <Group>
            <Button variant="default" size="sm" loading={resend.isPending} onClick={() => void send()}>
              Resend link
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Section>
  );
}

function ReviewsForCohort({ application, onStale }: { application: ApplicationDetail; onStale: () => void }) {
  const me = useCurrentUser();
  const cohort = useCohort(application.cohort.id);
  const programme = useProgramme(cohort.data?.programme.id);
  if (cohort.isError || programme.isError) {
    return <ProblemAlert error={cohort.error ?? programme.error} onRetry={() => void (cohort.isError ? cohort.refetch() : programme.refetch())} />;
  }
  const criteria = [...(programme.data?.criteria ?? [])].sort((a, b) => a.position - b.position);
  return (
    <Reviews
      application={application}
      criteria={criteria}
      loadingCriteria={!programme.data}
      isLead={me.role !== null && HUB_LEADS.includes(me.role)}
      onStale={onStale}
    />
  );
}
