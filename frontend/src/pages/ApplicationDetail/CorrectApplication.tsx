import { routeProblem } from '../../api/http';
import { Alert, Button, Fieldset, Group, Modal, NumberInput, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useUpdateApplication, type ApplicationDetail, type ApplicationUpdate } from '../../api/applications';
import { useCurrentUser } from '../../auth/currentUser';
import { HUB_LEADS } from '../../auth/roles';
import { SchoolUrnSelect } from '../../components/pickers';
import { correctionBody, newLinkQuestion, savedMessage, valuesOf, type CorrectionValues } from './correction';
import { useMovedHandler } from './moved';

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

function validate(values: CorrectionValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.applicant.first_name.trim()) errors['applicant.first_name'] = 'Enter the applicant’s first name.';
  if (!values.applicant.last_name.trim()) errors['applicant.last_name'] = 'Enter the applicant’s last name.';
  if (!/^\S+@\S+\.\S+$/.test(values.applicant.email.trim())) errors['applicant.email'] = 'Enter an email address such as name@school.org.uk.';
  if (values.applicant.trn.trim() && !/^\d{7}$/.test(values.applicant.trn.trim())) errors['applicant.trn'] = 'A teacher reference number is 7 digits.';
  if (!values.statement.trim()) errors.statement = 'The applicant’s statement cannot be empty.';
  if (!values.headteacher.name.trim()) errors['headteacher.name'] = 'Enter the headteacher’s name.';
  if (!/^\S+@\S+\.\S+$/.test(values.headteacher.email.trim())) errors['headteacher.email'] = 'Enter an email address such as head@school.org.uk.';
  return errors;
}

/**
 * "Correct the application": contact details, answers, the headteacher and the school, sent
 * with the version the person opened (a 412 shows the page's "someone else changed this").
 * A new headteacher address first asks whether to send them a new link.
 */
export function CorrectApplication({
  application,
  etag,
  opened,
  onClose,
  onStale,
}: {
  application: ApplicationDetail;
  etag: string | null;
  opened: boolean;
  onClose: () => void;
  onStale: () => void;
}) {
  const small = useMediaQuery('(max-width: 40em)');
  return (
    <Modal opened={opened} onClose={onClose} title="Correct the application" size="xl" fullScreen={small}>
      {/* Mounted afresh each time it opens, so it starts from what the page shows now. */}
      {opened ? <CorrectionForm application={application} etag={etag} onClose={onClose} onStale={onStale} /> : null}
    </Modal>
  );
}

function CorrectionForm({
  application,
  etag,
  onClose,
  onStale,
}: {
  application: ApplicationDetail;
  etag: string | null;
  onClose: () => void;
  onStale: () => void;
}) {
  const me = useCurrentUser();
  const isLead = me.role !== null && HUB_LEADS.includes(me.role);
  const update = useUpdateApplication(application.id);
  const onMoved = useMovedHandler();
  const [initial] = useState(() => valuesOf(application));
  const form = useForm<CorrectionValues>({ mode: 'controlled', initialValues: initial, validate });
  // A changed headteacher address waiting for "send a new link?".
  const [asking, setAsking] = useState<{ body: ApplicationUpdate; address: string } | null>(null);

  async function save(body: ApplicationUpdate, resendReference: boolean) {
    try {
      const saved = await update.mutateAsync({ body, etag, resendReference });
      if (onMoved(application, saved.application)) return;
      notifications.show({
        color: 'green',
        message: savedMessage(body, resendReference ? (body.headteacher?.email ?? null) : null, application.headteacher.email),
      });
      onClose();
    } catch (error) {
      setAsking(null);
      routeProblem(error, {
        onStale: () => {
          onClose();
          onStale();
        },
        form,
      });
    }
  }

  const submit = form.onSubmit((values) => {
    const body = correctionBody(initial, values);
    if (Object.keys(body).length === 0) {
      notifications.show({ color: 'blue', message: 'Nothing was changed, so there was nothing to save.' });
      onClose();
      return;
    }
    const address = newLinkQuestion(application, body);
    if (address) setAsking({ body, address });
    else void save(body, false);
  });

  if (asking) {
    return (
      <Stack>
        <Text fw={600}>Send a new link to {asking.address}?</Text>
        <Text size="sm">
          The link sent to {application.headteacher.email} stops working when you save. Send the headteacher a new link at{' '}
          {asking.address} now, or save without sending one (you can send it later with “Resend link”).
        </Text>
        <Group justify="flex-end" wrap="wrap">
          <Button variant="default" onClick={() => setAsking(null)}>
            Back to the form
          </Button>
          <Button variant="default" loading={update.isPending} onClick={() => void save(asking.body, false)}>
            Save without sending
          </Button>
          <Button loading={update.isPending} onClick={() => void save(asking.body, true)}>
            Save and send the link
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Correct the application">
      <Stack gap="md">
        <Fieldset legend="Applicant">
          <Stack gap="sm">
            <Group grow align="start" wrap="wrap" preventGrowOverflow={false}>
              <TextInput label="First name" required miw={180} {...form.getInputProps('applicant.first_name')} />
              <TextInput label="Last name" required miw={180} {...form.getInputProps('applicant.last_name')} />
            </Group>
            <TextInput label="Email address" type="email" required {...form.getInputProps('applicant.email')} />
            <Group grow align="start" wrap="wrap" preventGrowOverflow={false}>
              <TextInput label="Phone" type="tel" miw={180} {...form.getInputProps('applicant.phone')} />
              <TextInput label="Teacher reference number (TRN)" description="7 digits" inputMode="numeric" miw={180} {...form.getInputProps('applicant.trn')} />
            </Group>
          </Stack>
        </Fieldset>
        <Fieldset legend="Answers">
          <Stack gap="sm">
            <TextInput label="Role" {...form.getInputProps('role_title')} />
            <Group grow align="start" wrap="wrap" preventGrowOverflow={false}>
              <Select label="Qualified Teacher Status (QTS)" data={YES_NO} allowDeselect={false} miw={180} {...form.getInputProps('has_qts')} />
              <Select
                label="Maths subject leader"
                data={YES_NO}
                placeholder="Not answered"
                clearable
                miw={180}
                {...form.getInputProps('is_maths_subject_leader')}
              />
            </Group>
            <Group grow align="start" wrap="wrap" preventGrowOverflow={false}>
              <NumberInput label="Years teaching maths" min={0} max={60} allowDecimal={false} miw={180} {...form.getInputProps('years_teaching_maths')} />
              <NumberInput
                label="Days teaching maths a week"
                description="In half days, up to 7"
                min={0}
                max={7}
                step={0.5}
                decimalScale={1}
                miw={180}
                {...form.getInputProps('days_teaching_maths_per_week')}
              />
            </Group>
            <Textarea label="Applicant’s statement" required autosize minRows={3} maxRows={12} {...form.getInputProps('statement')} />
          </Stack>
        </Fieldset>
        <Fieldset legend="Headteacher">
          <Stack gap="sm">
            <TextInput label="Headteacher’s name" required {...form.getInputProps('headteacher.name')} />
            <TextInput
              label="Headteacher’s email address"
              type="email"
              required
              disabled={!isLead}
              description={
                isLead
                  ? 'Changing it stops the link already sent from working; you will be asked whether to send a new one.'
                  : 'Only a hub lead can change the headteacher’s email address.'
              }
              {...form.getInputProps('headteacher.email')}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend="School">
          <SchoolUrnSelect
            label="School"
            description="Search the school register by name. The school decides which hub the application belongs to, and the checks are run again."
            placeholder="Type the school’s name"
            initialOption={application.school ? { value: application.school.urn, label: `${application.school.name} (${application.school.urn})` } : null}
            {...form.getInputProps('school_urn')}
          />
        </Fieldset>
        {application.status === 'awaiting_reference' && application.reference_status.state === 'declined' ? (
          <Alert color="blue" variant="light">
            The headteacher declined. Enter the senior leader the applicant has asked instead, then send them a new link.
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save corrections
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
