import { Select, Text } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useHubNames } from '../../api/hubs';
import { useHubSettings } from '../../api/hubSettings';
import { useCurrentUser } from '../../auth/currentUser';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { StaleAlert } from '../../components/StaleAlert';
import { SettingsForm } from './SettingsForm';

/**
 * `/hub-settings`: how the hub turns registers into money — the length of a half day of release,
 * the attendance that earns a school its grant, and whether payment waits for the headteacher.
 * Hub leads set their own hub's; national admins choose a hub.
 */
export function Component() {
  const me = useCurrentUser();
  const isNational = me.role === 'national_admin';
  const [params, setParams] = useSearchParams();
  const hubId = isNational ? (params.get('hub') ?? '') : (me.hub?.id ?? '');
  const { hubs } = useHubNames(isNational);
  const query = useHubSettings(hubId || null);
  const [stale, setStale] = useState(false);
  // Remount the form after a reload so it starts from the latest version.
  const [generation, setGeneration] = useState(0);

  return (
    <Page title="Hub settings">
      <Text maw={760}>
        How recorded TRG meetings and work group sessions become proposed claims and grants, and when schools are paid. Changes
        apply to what registers propose from now on.
      </Text>
      {isNational ? (
        <Select
          label="Hub"
          placeholder="Choose a hub"
          searchable
          data={(hubs.data?.items ?? []).map((hub) => ({ value: hub.id, label: hub.name }))}
          value={hubId || null}
          onChange={(value) => {
            const next = new URLSearchParams(params);
            if (value) next.set('hub', value);
            else next.delete('hub');
            setParams(next, { replace: true });
          }}
          w={{ base: '100%', xs: 320 }}
        />
      ) : null}
      {stale ? (
        <StaleAlert
          what="hub's settings"
          onReload={async () => {
            await query.refetch();
            setStale(false);
            setGeneration((n) => n + 1);
          }}
        />
      ) : null}
      {!hubId ? (
        <Text>{isNational ? 'Choose a hub to see and change its settings.' : 'Your account belongs to no hub.'}</Text>
      ) : query.isPending ? (
        <FullPageLoader label="Loading the hub’s settings…" />
      ) : query.isError ? (
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <SettingsForm
          key={`${hubId}-${generation}`}
          settings={query.data.settings}
          etag={query.data.etag}
          onStale={() => setStale(true)}
        />
      )}
    </Page>
  );
}
