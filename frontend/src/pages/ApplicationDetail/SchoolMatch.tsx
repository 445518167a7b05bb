import { routeProblem } from '../../api/http';
import { Alert, Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useUpdateApplication, type ApplicationDetail } from '../../api/applications';
import { SchoolUrnSelect } from '../../components/pickers';
import { useMovedHandler } from './moved';

/**
 * The applicant gave a URN no school in the register has: the hub finds the right school by
 * name. Matching runs the checks again and may hand the application to the school's hub.
 */
export function SchoolMatch({
  application,
  etag,
  onStale,
}: {
  application: ApplicationDetail;
  etag: string | null;
  onStale: () => void;
}) {
  const update = useUpdateApplication(application.id);
  const onMoved = useMovedHandler();
  const [urn, setUrn] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function match() {
    if (!urn) {
      setError('Choose the school from the list first.');
      return;
    }
    try {
      const saved = await update.mutateAsync({ body: { school_urn: urn }, etag });
      if (onMoved(application, saved.application)) return;
      const school = saved.application.school;
      notifications.show({
        color: 'green',
        message: `Matched ${school ? school.name : 'the school'}. The screening checks were run again.`,
      });
    } catch (caught) {
      routeProblem(caught, {
        onStale,
        onProblem: (problem) => setError(problem.errors?.map((item) => item.message).join(' ') || problem.detail || problem.title),
      });
    }
  }

  return (
    <Alert color="orange" variant="light" title="Match the school" role="region" aria-label="Match the school">
      <Stack gap="sm">
        <Text size="sm">
          The applicant gave URN {application.school_urn ?? '(none)'}, which is not in the school register. Find their school by
          name: matching it runs the checks again, and if the school is in another hub’s area the application moves to that hub.
        </Text>
        <SchoolUrnSelect
          label="The applicant’s school"
          placeholder="Type the school’s name"
          value={urn}
          onChange={(value) => {
            setUrn(value);
            setError(null);
          }}
          error={error}
        />
        <div>
          <Button loading={update.isPending} onClick={() => void match()}>
            Match this school
          </Button>
        </div>
      </Stack>
    </Alert>
  );
}
