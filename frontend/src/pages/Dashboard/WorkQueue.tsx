import { Anchor, List, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { WorkQueue, useWorkQueue } from '../../api/applications';
import { ListState } from '../../components/ListState';
import { WORK_QUEUE_LINKS } from '../Applications/filters';
import { ApplicationsByStatusChart } from './ApplicationsByStatus';
import { byStatusReport, reviewsLabel } from './workQueue';

function Count({ to, count, label, hint }: { to: string; count: number; label: string; hint: string }) {
  return (
    <Anchor component={Link} to={to} underline="never" c="inherit" p="sm" style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}>
      <Text component="span" fz={28} fw={700} c={count > 0 ? 'blue.8' : 'dimmed'} display="block" lh={1.2}>
        {count}
      </Text>
      <Text component="span" fw={600} display="block" td="underline">
        {label}
      </Text>
      <Text component="span" size="sm" c="dimmed" display="block">
        {hint}
      </Text>
    </Anchor>
  );
}

/** What is waiting on the hub, each count a link to the list filtered to it. */
export function WorkQueueCounts({ queue }: { queue: WorkQueue }) {
  const buckets = queue.awaiting_review.by_review_count;
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
        <Count
          to={WORK_QUEUE_LINKS.referencesOverdue}
          count={queue.references_overdue}
          label="References overdue"
          hint="Past the first chaser day"
        />
        <Count
          to={WORK_QUEUE_LINKS.awaitingReview}
          count={queue.awaiting_review.count}
          label="Awaiting review"
          hint="Complete, not yet shortlisted"
        />
        <Count
          to={WORK_QUEUE_LINKS.decisionsWaiting}
          count={queue.decisions_waiting}
          label="Decisions waiting"
          hint="At interview or on the reserve list"
        />
        <Count
          to={WORK_QUEUE_LINKS.claimsAwaitingApproval}
          count={queue.claims_awaiting_approval}
          label="Claims awaiting approval"
          hint="Release-day claims"
        />
        <Count
          to={WORK_QUEUE_LINKS.proposalsWaiting}
          count={queue.proposals_waiting}
          label="Proposed claims"
          hint="From registers, to accept or reject"
        />
        <Count
          to={WORK_QUEUE_LINKS.disputesOpen}
          count={queue.disputes_open}
          label="Disputed release days"
          hint="A school's head disputes them: not paid until resolved"
        />
        {queue.schools_without_head_email > 0 ? (
          <Count
            to={WORK_QUEUE_LINKS.schoolsWithoutHeadEmail}
            count={queue.schools_without_head_email}
            label="No headteacher email on record"
            hint="Schools whose release days nobody can confirm"
          />
        ) : null}
      </SimpleGrid>
      {buckets.length > 0 ? (
        <Stack gap={4}>
          <Text size="sm" id="awaiting-review-by-reviews">
            Awaiting review, by how many reviews each has:
          </Text>
          <List size="sm" aria-labelledby="awaiting-review-by-reviews">
            {buckets.map((bucket) => (
              <List.Item key={bucket.reviews}>
                <Anchor component={Link} to={WORK_QUEUE_LINKS.withReviews(bucket.reviews)}>
                  {bucket.count} with {reviewsLabel(bucket.reviews)}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Stack>
      ) : null}
    </Stack>
  );
}

type QueueQuery = ReturnType<typeof useWorkQueue>;

/** The work queue panel's body: loading, error, the counts. */
export function WorkQueuePanel({ query }: { query: QueueQuery }) {
  return (
    <ListState isPending={query.isPending} error={query.error} isEmpty={false} emptyTitle="" onRetry={() => void query.refetch()}>
      {query.data ? <WorkQueueCounts queue={query.data} /> : null}
    </ListState>
  );
}

/** Applications by status from the same response as the queue (one request, the dashboard's budget). */
export function ApplicationsByStatusFromQueue({ query }: { query: QueueQuery }) {
  const report = query.data ? byStatusReport(query.data) : null;
  return (
    <ListState
      isPending={query.isPending}
      error={query.error}
      isEmpty={(report?.total ?? 0) === 0}
      emptyTitle="No applications yet"
      emptyDescription="Applications to your hub’s cohorts will be counted here by status."
      onRetry={() => void query.refetch()}
    >
      {report ? <ApplicationsByStatusChart report={report} captionId="applications-by-status-total" /> : null}
    </ListState>
  );
}
