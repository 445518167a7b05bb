import { Alert, Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSpecialistSearch } from '../../api/specialists';
import { specialistOptions } from '../../components/pickerOptions';
import { useCreateTrgMeeting, useTrgMeeting, useUpdateTrgMeeting } from '../../api/trgMeetings';
import { useWorkGroupTitle } from '../../api/workGroups';
import { useCurrentUser } from '../../auth/currentUser';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { describe } from '../TrgMeetings/describe';
import { StaleAlert } from '../../components/StaleAlert';
import { MeetingForm } from './MeetingForm';

/** `/trg-meetings/new` records a meeting; `/trg-meetings/:trgMeetingId/edit` changes one. */
export function Component() {
  const { trgMeetingId } = useParams();
  return trgMeetingId ? <EditMeeting id={trgMeetingId} /> : <NewMeeting />;
}

/**
 * Hub staff choose the lead; a specialist leads their own meetings. A specialist's search only
 * ever finds their own records: with exactly one, there is nothing to choose.
 */
function useLeadChoice() {
  const me = useCurrentUser();
  const isSpecialist = me.role === 'specialist';
  const own = useSpecialistSearch('', {}, specialistOptions);
  const mine = isSpecialist && own.data?.length === 1 ? own.data[0] : undefined;
  return { pending: isSpecialist && own.isPending, unlinked: isSpecialist && own.data?.length === 0, mine };
}

function NewMeeting() {
  const navigate = useNavigate();
  const create = useCreateTrgMeeting();
  const lead = useLeadChoice();
  if (lead.pending) return <FullPageLoader label="Loading…" />;
  return (
    <Page title="Record a TRG meeting" actions={<BackToList />}>
      {lead.unlinked ? (
        <Alert color="orange" variant="light" title="Your sign-in is not linked to a specialist record">
          A TRG meeting is recorded against the specialist who led it. Ask your hub lead to link your sign-in to your
          specialist record.
        </Alert>
      ) : null}
      <MeetingForm
        chooseLead={!lead.mine}
        leadName={lead.mine?.label}
        submitLabel="Record meeting"
        onCancel={() => void navigate('/trg-meetings')}
        onSubmit={async (body) => {
          const meeting = await create.mutateAsync(body);
          notifications.show({ color: 'green', message: `Recorded the ${describe(meeting)}.` });
          await navigate(`/trg-meetings/${meeting.id}`);
        }}
      />
    </Page>
  );
}

function EditMeeting({ id }: { id: string }) {
  const navigate = useNavigate();
  const query = useTrgMeeting(id);
  const update = useUpdateTrgMeeting(id);
  const lead = useLeadChoice();
  const workGroup = useWorkGroupTitle(query.data?.meeting.work_group_id ?? null);
  const [stale, setStale] = useState(false);

  if (query.isPending || lead.pending || (query.data?.meeting.work_group_id && workGroup.isPending)) {
    return <FullPageLoader label="Loading the TRG meeting…" />;
  }
  if (query.isError) {
    return (
      <Page title="Edit TRG meeting">
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      </Page>
    );
  }
  const { meeting, etag } = query.data;
  const reload = async () => {
    await query.refetch();
    setStale(false);
  };
  return (
    <Page title={`Edit the ${describe(meeting)}`} actions={<BackToList />}>
      {stale ? <StaleAlert what="TRG meeting" onReload={() => void reload()} /> : null}
      <MeetingForm
        // A reload starts the form again from the latest version.
        key={etag ?? meeting.updated_at}
        meeting={meeting}
        workGroupTitle={workGroup.data}
        chooseLead={!lead.mine}
        leadName={lead.mine?.label}
        submitLabel="Save changes"
        onStale={() => setStale(true)}
        onCancel={() => void navigate(`/trg-meetings/${meeting.id}`)}
        onSubmit={async (body) => {
          // An update never clears the lead: it is left out rather than sent as null.
          const saved = await update.mutateAsync({
            body: { ...body, lead_specialist_id: body.lead_specialist_id ?? undefined },
            etag,
          });
          notifications.show({ color: 'green', message: `Saved the ${describe(saved)}.` });
          await navigate(`/trg-meetings/${saved.id}`);
        }}
      />
    </Page>
  );
}

function BackToList() {
  return (
    <Anchor component={Link} to="/trg-meetings">
      All TRG meetings
    </Anchor>
  );
}
