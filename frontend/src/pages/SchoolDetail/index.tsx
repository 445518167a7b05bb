import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useParams } from 'react-router';
import { useHubNames } from '../../api/hubs';
import { routeProblem } from '../../api/http';
import { usePutSchoolContact, useSchoolContact, type SchoolContact } from '../../api/releaseConfirmations';
import { useSchool } from '../../api/schools';
import { useCurrentUser } from '../../auth/currentUser';
import { ListState } from '../../components/ListState';
import { Page } from '../../components/Page';
import { DetailList, Section } from '../../components/Section';
import { StaleAlert } from '../../components/StaleAlert';

/** A school from GIAS, and the hub's headteacher contact for it (who confirms release days). */
export function Component() {
  const { schoolId = '' } = useParams();
  const me = useCurrentUser();
  const school = useSchool(schoolId);
  const { nameOf } = useHubNames();
  // A hub's own contact; a national admin edits the contact of the hub whose area the school is in.
  const hubId = me.role === 'national_admin' ? (school.data?.hub_id ?? undefined) : undefined;
  const data = school.data;
  return (
    <Page title={data?.name ?? 'School'}>
      <ListState isPending={school.isPending} error={school.error} isEmpty={false} emptyTitle="" onRetry={() => void school.refetch()}>
        {data ? (
          <Stack>
            <Section title="The school">
              <DetailList
                rows={[
                  ['URN', data.urn],
                  ['Type', data.type_name ?? '—'],
                  ['Phase', data.phase_name ?? '—'],
                  ['Local authority', data.la_name ?? '—'],
                  ['Postcode', data.postcode ?? '—'],
                  ['Status', data.status_name ?? (data.is_open ? 'Open' : 'Closed')],
                  ['Head (GIAS)', data.head_name ?? '—'],
                  ['Hub', nameOf(data.hub_id) ?? 'No hub'],
                ]}
              />
            </Section>
            {me.role === 'national_admin' && !hubId ? null : <HeadContactSection schoolId={data.id} hubId={hubId} />}
          </Stack>
        ) : null}
      </ListState>
    </Page>
  );
}

const SOURCE_TEXT: Record<NonNullable<SchoolContact['source']>, string> = {
  hub: 'Set by the hub.',
  application: 'From the head named on the school’s most recent appointed application. Save it to keep it for the hub.',
};

function HeadContactSection({ schoolId, hubId }: { schoolId: string; hubId: string | undefined }) {
  const contact = useSchoolContact(schoolId, hubId);
  return (
    <Section title="Headteacher contact" id="head-contact">
      <Stack gap="sm">
        <Text size="sm">Once a term this person is emailed the release days claimed for the school, to confirm or dispute each one.</Text>
        <ListState isPending={contact.isPending} error={contact.error} isEmpty={false} emptyTitle="" onRetry={() => void contact.refetch()}>
          {contact.data ? (
            <ContactForm key={contact.data.etag ?? contact.data.contact.source ?? 'none'} schoolId={schoolId} hubId={hubId} read={contact.data} onReload={() => void contact.refetch()} />
          ) : null}
        </ListState>
      </Stack>
    </Section>
  );
}

function ContactForm({
  schoolId,
  hubId,
  read,
  onReload,
}: {
  schoolId: string;
  hubId: string | undefined;
  read: { contact: SchoolContact; etag: string | null };
  onReload: () => void;
}) {
  const save = usePutSchoolContact(schoolId, hubId);
  const [stale, setStale] = useState(false);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { headteacher_name: read.contact.headteacher_name ?? '', headteacher_email: read.contact.headteacher_email ?? '' },
    validate: {
      headteacher_email: (value) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim()) ? null : 'Enter the headteacher’s email address.'),
    },
  });
  const onSubmit = form.onSubmit(async (values) => {
    try {
      await save.mutateAsync({
        body: { headteacher_name: values.headteacher_name.trim() || null, headteacher_email: values.headteacher_email.trim() },
        etag: read.etag,
      });
      notifications.show({ color: 'green', message: 'The headteacher contact is saved.' });
    } catch (error) {
      routeProblem(error, { form, onStale: () => setStale(true) });
    }
  });
  return (
    <Stack gap="sm">
      {stale ? <StaleAlert what="contact" onReload={onReload} /> : null}
      {read.contact.source ? (
        <Text size="sm">{SOURCE_TEXT[read.contact.source]}</Text>
      ) : (
        <Text size="sm" c="red.8">
          No headteacher email on record: nobody can be asked to confirm this school&apos;s release days.
        </Text>
      )}
      <form onSubmit={onSubmit} noValidate aria-label="Headteacher contact">
        <Stack gap="sm" maw={420}>
          <TextInput label="Headteacher’s name" autoComplete="off" maxLength={200} key={form.key('headteacher_name')} {...form.getInputProps('headteacher_name')} />
          <TextInput
            label="Headteacher’s email"
            type="email"
            required
            autoComplete="off"
            maxLength={320}
            key={form.key('headteacher_email')}
            {...form.getInputProps('headteacher_email')}
          />
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save contact
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
