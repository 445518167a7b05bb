import { List, Stack, Text, Title } from '@mantine/core';
import type { ApplicationDetail } from '../../api/applications';
import { DetailList, Section } from '../../components/Section';
import { formatDateTime } from '../../lib/format';
import { placesWords } from './places';

/** Places filled for the hub and the cohort, and a decided application's reasons and feedback. */
export function Outcome({ application }: { application: ApplicationDetail }) {
  const { places, outcome } = application;
  const decided = application.status === 'appointed' || application.status === 'not_appointed';
  return (
    <Section title="Places and outcome">
      <Stack gap="sm">
        <DetailList
          termWidth={170}
          rows={[
            [`Places filled: ${application.hub.name}`, placesWords(places.hub)],
            ['Places filled: the whole cohort', placesWords(places.cohort)],
          ]}
        />
        {decided ? (
          <Stack gap={6}>
            <Title order={3} size="h5">
              {application.status === 'appointed' ? 'Appointed' : 'Not appointed'}
              {application.decided_at ? ` on ${formatDateTime(application.decided_at)}` : ''}
            </Title>
            {outcome && outcome.reasons.length > 0 ? (
              <>
                <Text size="sm" fw={600}>
                  Reasons given
                </Text>
                <List size="sm" spacing={2}>
                  {outcome.reasons.map((reason) => (
                    <List.Item key={reason.code}>{reason.label}</List.Item>
                  ))}
                </List>
              </>
            ) : null}
            <Text size="sm" fw={600}>
              Feedback to the applicant
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={outcome?.feedback ? undefined : 'dimmed'}>
              {outcome?.feedback ?? 'None given.'}
            </Text>
          </Stack>
        ) : null}
      </Stack>
    </Section>
  );
}
