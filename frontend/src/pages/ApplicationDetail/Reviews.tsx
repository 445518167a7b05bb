import { routeProblem } from '../../api/http';
import { Alert, Badge, Button, Group, Paper, Radio, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { fetchReviewForEdit, useCreateReview, useReviews, useUpdateReview, type ApplicationDetail, type EssentialAssessment, type Recommendation, type Review } from '../../api/applications';
import type { components } from '../../api/schema';
import { useCurrentUser } from '../../auth/currentUser';
import { ListState } from '../../components/ListState';
import { TableScroll } from '../../components/TableScroll';
import { formatDateTime } from '../../lib/format';
import { ASSESSMENT_LABELS, RECOMMENDATION_LABELS, options } from '../../lib/labels';
import { notifyProblem, problemOf } from '../../lib/problem';

type Criterion = components['schemas']['CriterionRead'];

const REVIEWABLE = new Set(['complete', 'shortlisted', 'interview']);

export function Reviews({
  application,
  criteria,
  loadingCriteria,
  isLead,
  onStale,
}: {
  application: ApplicationDetail;
  criteria: Criterion[];
  loadingCriteria: boolean;
  isLead: boolean;
  onStale: () => void;
}) {
  const me = useCurrentUser();
  const reviews = useReviews(application.id);
  const [editing, setEditing] = useState<{ review: Review | null; etag: string | null } | null>(null);
  const items = reviews.data?.items ?? [];
  const mine = items.find((review) => review.reviewer_id === me.id) ?? null;
  const reviewable = REVIEWABLE.has(application.status) && me.role !== 'national_admin';

  async function openEdit() {
    if (!mine) {
      setEditing({ review: null, etag: null });
      return;
    }
    try {
      setEditing(await fetchReviewForEdit(application.id, mine.id));
    } catch (error) {
      notifyProblem(problemOf(error));
    }
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="reviews-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="reviews-heading">
          Reviews
        </Title>
        {reviewable && !editing ? (
          <Button variant={mine ? 'default' : 'filled'} onClick={() => void openEdit()} disabled={loadingCriteria}>
            {mine ? 'Change your review' : 'Review this application'}
          </Button>
        ) : null}
      </Group>
      <Stack>
        {editing ? (
          <ReviewForm
            applicationId={application.id}
            criteria={criteria}
            existing={editing.review}
            etag={editing.etag}
            onDone={() => setEditing(null)}
            onStale={() => {
              setEditing(null);
              onStale();
            }}
          />
        ) : null}
        {reviews.data?.others_hidden ? (
          <Alert variant="light" color="blue">
            Other reviewers’ reviews are shown once you have submitted yours.
          </Alert>
        ) : null}
        <ListState
          isPending={reviews.isPending || loadingCriteria}
          error={reviews.error}
          isEmpty={items.length === 0}
          emptyTitle="No reviews yet"
          emptyDescription={reviewable ? 'Be the first to review it.' : 'Applications are reviewed once the reference is in.'}
          onRetry={() => void reviews.refetch()}
        >
          <SideBySide application={application} criteria={criteria} reviews={items} showAggregate={isLead || mine !== null} />
        </ListState>
      </Stack>
    </Paper>
  );
}

function assessmentLabel(value: EssentialAssessment | undefined): string {
  return value ? ASSESSMENT_LABELS[value] : '—';
}

function SideBySide({
  application,
  criteria,
  reviews,
  showAggregate,
}: {
  application: ApplicationDetail;
  criteria: Criterion[];
  reviews: Review[];
  showAggregate: boolean;
}) {
  const summary = showAggregate ? application.review_summary : null;
  const tally = new Map(summary?.essential.map((row) => [row.code, row]));
  const means = new Map(summary?.desirable.map((row) => [row.code, row.mean]));
  return (
    <TableScroll minWidth={320 + 160 * (reviews.length + 1)} label="Reviews side by side">
      <Table withColumnBorders aria-label="Reviews side by side" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Criterion</Table.Th>
            {reviews.map((review) => (
              <Table.Th scope="col" key={review.id}>
                {review.reviewer_name}
                <Text size="xs" c="dimmed" fw={400}>
                  {formatDateTime(review.updated_at)}
                </Text>
              </Table.Th>
            ))}
            {summary ? <Table.Th scope="col">All reviews ({summary.review_count})</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {criteria.map((criterion) => {
            const row = tally.get(criterion.code);
            const mean = means.get(criterion.code);
            return (
              <Table.Tr key={criterion.code}>
                <Table.Th scope="row" fw={400}>
                  <Badge size="xs" variant="outline" mr={6}>
                    {criterion.kind === 'essential' ? 'Essential' : 'Desirable'}
                  </Badge>
                  {criterion.wording}
                </Table.Th>
                {reviews.map((review) => (
                  <Table.Td key={review.id}>
                    {criterion.kind === 'essential'
                      ? assessmentLabel(review.essential[criterion.code])
                      : ((review.desirable[criterion.code]) ?? '—')}
                  </Table.Td>
                ))}
                {summary ? (
                  <Table.Td>
                    {criterion.kind === 'essential'
                      ? row
                        ? `${row.met} met, ${row.not_met} not met, ${row.unclear} unclear`
                        : '—'
                      : mean === null || mean === undefined
                        ? '—'
                        : `mean ${mean.toFixed(1)} of 2`}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            );
          })}
          <Table.Tr>
            <Table.Th scope="row">Recommendation</Table.Th>
            {reviews.map((review) => (
              <Table.Td key={review.id} fw={600}>
                {RECOMMENDATION_LABELS[review.recommendation]}
              </Table.Td>
            ))}
            {summary ? (
              <Table.Td>
                {Object.entries(summary.recommendations)
                  .filter(([, count]) => count > 0)
                  .map(([code, count]) => `${RECOMMENDATION_LABELS[code as Recommendation]}: ${String(count)}`)
                  .join(', ') || '—'}
                <Text size="xs">
                  {summary.all_essentials_met ? 'Every essential criterion met in every review' : 'Not every essential criterion met'}
                  {summary.desirable_total_mean !== null ? `; desirable total mean ${summary.desirable_total_mean.toFixed(1)}` : ''}
                </Text>
              </Table.Td>
            ) : null}
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">Comment</Table.Th>
            {reviews.map((review) => (
              <Table.Td key={review.id} style={{ whiteSpace: 'pre-wrap' }}>
                {review.comment ?? '—'}
              </Table.Td>
            ))}
            {summary ? <Table.Td /> : null}
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

interface Values {
  essential: Record<string, string>;
  desirable: Record<string, string>;
  comment: string;
  recommendation: string;
}

export function ReviewForm({
  applicationId,
  criteria,
  existing,
  etag,
  onDone,
  onStale,
}: {
  applicationId: string;
  criteria: Criterion[];
  existing: Review | null;
  etag: string | null;
  onDone: () => void;
  onStale: () => void;
}) {
  const create = useCreateReview(applicationId);
  const update = useUpdateReview(applicationId);
  const essentials = criteria.filter((criterion) => criterion.kind === 'essential');
  const desirables = criteria.filter((criterion) => criterion.kind === 'desirable');
  const form = useForm<Values>({
    mode: 'uncontrolled',
    initialValues: {
      essential: Object.fromEntries(essentials.map((c) => [c.code, existing?.essential[c.code] ?? ''])),
      desirable: Object.fromEntries(desirables.map((c) => [c.code, String(existing?.desirable[c.code] ?? '')])),
      comment: existing?.comment ?? '',
      recommendation: existing?.recommendation ?? '',
    },
    validate: (values) => {
      const errors: Record<string, string> = {};
      for (const c of essentials) if (!values.essential[c.code]) errors[`essential.${c.code}`] = 'Choose met, not met or unclear.';
      for (const c of desirables) if (!values.desirable[c.code]) errors[`desirable.${c.code}`] = 'Choose a score from 0 to 2.';
      if (!values.recommendation) errors.recommendation = 'Choose a recommendation.';
      return errors;
    },
  });

  const submit = form.onSubmit(async (values) => {
    const body = {
      essential: values.essential as Record<string, EssentialAssessment>,
      desirable: Object.fromEntries(Object.entries(values.desirable).map(([code, score]) => [code, Number(score)])),
      comment: values.comment.trim() || null,
      recommendation: values.recommendation as Recommendation,
    };
    try {
      if (existing) await update.mutateAsync({ reviewId: existing.id, body, etag });
      else await create.mutateAsync(body);
      notifications.show({ color: 'green', message: existing ? 'Your review is updated.' : 'Your review is saved.' });
      onDone();
    } catch (error) {
      routeProblem(error, { onStale, form });
    }
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Your review">
      <Stack gap="md">
        <Title order={3} size="h4">
          {existing ? 'Change your review' : 'Your review'}
        </Title>
        {essentials.map((criterion) => (
          <Radio.Group
            key={form.key(`essential.${criterion.code}`)}
            label={criterion.wording}
            description="Essential"
            required
            {...form.getInputProps(`essential.${criterion.code}`)}
          >
            <Group mt={4} gap="lg">
              {options(ASSESSMENT_LABELS).map((option) => (
                <Radio key={option.value} value={option.value} label={option.label} />
              ))}
            </Group>
          </Radio.Group>
        ))}
        {desirables.map((criterion) => (
          <Radio.Group
            key={form.key(`desirable.${criterion.code}`)}
            label={criterion.wording}
            description="Desirable: 0 not shown, 1 partly, 2 fully"
            required
            {...form.getInputProps(`desirable.${criterion.code}`)}
          >
            <Group mt={4} gap="lg">
              {['0', '1', '2'].map((score) => (
                <Radio key={score} value={score} label={score} />
              ))}
            </Group>
          </Radio.Group>
        ))}
        <Textarea label="Comment" autosize minRows={3} key={form.key('comment')} {...form.getInputProps('comment')} />
        <Radio.Group label="Recommendation" required key={form.key('recommendation')} {...form.getInputProps('recommendation')}>
          <Group mt={4} gap="lg">
            {options(RECOMMENDATION_LABELS).map((option) => (
              <Radio key={option.value} value={option.value} label={option.label} />
            ))}
          </Group>
        </Radio.Group>
        <Group>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {existing ? 'Save changes' : 'Submit review'}
          </Button>
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
