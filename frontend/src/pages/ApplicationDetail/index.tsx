import { Anchor, Badge, Button, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useApplication, type ApplicationDetail } from '../../api/applications';
import { useCohort } from '../../api/cohorts';
import { useProgramme } from '../../api/programmes';
import { useCurrentUser } from '../../auth/currentUser';
import { HUB_LEADS } from '../../auth/roles';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { DetailList, Section } from '../../components/Section';
import { StaleAlert } from '../../components/StaleAlert';
import { formatDateTime } from '../../lib/format';
import { APPLICATION_STATUS_COLOURS, APPLICATION_STATUS_LABELS } from '../../lib/labels';
import { CorrectApplication } from './CorrectApplication';
import { InterviewPanel } from './Interview';
import { Notes } from './Notes';
import { Outcome } from './Outcome';
import { Referee } from './Referee';
import { Reviews } from './Reviews';
import { Screening } from './Screening';
import { SchoolMatch } from './SchoolMatch';
import { StatusActions } from './StatusActions';

const DECIDED = new Set(['appointed', 'not_appointed', 'withdrawn']);

export function Component() {
  const { applicationId = '' } = useParams();
  const query = useApplication(applicationId);
  const [stale, setStale] = useState(false);
  const [correcting, setCorrecting] = useState(false);

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
  const onStale = () => setStale(true);
  const correctable = !DECIDED.has(application.status);
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
      <StatusActions application={application} etag={etag} onStale={onStale} />
      {application.school_unmatched && correctable ? <SchoolMatch application={application} etag={etag} onStale={onStale} /> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Applicant application={application} onCorrect={correctable ? () => setCorrecting(true) : null} />
        <Screening application={application} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Referee application={application} onCorrect={() => setCorrecting(true)} />
        <Stack gap="lg">
          <InterviewPanel application={application} />
          <Outcome application={application} />
        </Stack>
      </SimpleGrid>
      <Statements application={application} />
      <Notes applicationId={application.id} />
      <ReviewsForCohort application={application} onStale={onStale} />
      <CorrectApplication application={application} etag={etag} opened={correcting} onClose={() => setCorrecting(false)} onStale={onStale} />
    </Page>
  );
}

function yesNo(value: boolean | null | undefined): string {
  if (value === null || value === undefined) return 'Not answered';
  return value ? 'Yes' : 'No';
}

function Applicant({ application, onCorrect }: { application: ApplicationDetail; onCorrect: (() => void) | null }) {
  const school = application.school
    ? `${application.school.name} (URN ${application.school.urn})`
    : application.school_urn
      ? `URN ${application.school_urn}: not found in the school register`
      : 'None given';
  return (
    <Section title="Applicant">
      <Stack gap="sm">
        <DetailList
          termWidth={170}
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
        {onCorrect ? (
          <Group>
            <Button variant="default" size="sm" onClick={onCorrect}>
              Correct the application
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Section>
  );
}

function Statements({ application }: { application: ApplicationDetail }) {
  // Evidence is keyed by criterion code: headed by the criterion's wording instead.
  const cohort = useCohort(application.cohort.id);
  const programme = useProgramme(cohort.data?.programme.id);
  const wording = Object.fromEntries((programme.data?.criteria ?? []).map((criterion) => [criterion.code, criterion.wording]));
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
            <DetailList termWidth={170} rows={evidence.map(([code, text]) => [wording[code] ?? code, text])} />
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
