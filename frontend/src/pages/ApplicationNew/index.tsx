import { idempotencyKey } from '../../api/http';
import {
  Alert,
  Anchor,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useEnterApplication } from '../../api/applications';
import { useCohorts } from '../../api/cohorts';
import { useProgramme } from '../../api/programmes';
import { Page } from '../../components/Page';
import { SchoolUrnSelect } from '../../components/pickers';
import { applyProblemToForm, problemOf } from '../../lib/problem';
import { ADDITIONAL_STATUS_LABELS, emptyEntry, entryBody, validateEntry, windowNotice, type EntryValues } from './entry';

function YesNo({ label, required = false, ...props }: { label: string; required?: boolean } & ReturnType<ReturnType<typeof useForm<EntryValues>>['getInputProps']>) {
  return (
    <Radio.Group label={label} withAsterisk={required} {...props}>
      <Group gap="lg" mt={4}>
        <Radio value="yes" label="Yes" />
        <Radio value="no" label="No" />
      </Group>
    </Radio.Group>
  );
}

/** `/applications/new`: hub staff enter a paper or late application, with the intake's checks. */
export function Component() {
  const navigate = useNavigate();
  const enter = useEnterApplication();
  const cohorts = useCohorts({ limit: 100 });
  // One key for this form: a double click or a retried request enters one application.
  const [key] = useState(idempotencyKey);
  const form = useForm<EntryValues>({
    mode: 'controlled',
    initialValues: emptyEntry(),
    validate: validateEntry,
  });
  const values = form.getValues();
  const cohort = (cohorts.data?.items ?? []).find((item) => item.code === values.cohort_code);
  const programme = useProgramme(cohort?.programme.id);
  const notice = cohort ? windowNotice(cohort) : null;
  const criteria = [...(programme.data?.criteria ?? [])].sort((a, b) => a.position - b.position);

  const submit = form.onSubmit(
    async (entered) => {
      try {
        const created = await enter.mutateAsync({ body: entryBody(entered), key });
        notifications.show({
          color: 'green',
          message: `Entered ${created.reference}${created.is_late ? ', marked late' : ''}.`,
        });
        await navigate(`/applications/${created.id}`);
      } catch (error) {
        applyProblemToForm(problemOf(error), form);
      }
    },
    () => {
      // Take the person to the first problem.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
    },
  );

  return (
    <Page
      title="Enter an application"
      actions={
        <Anchor component={Link} to="/applications">
          All applications
        </Anchor>
      }
    >
      <Text>
        For a paper application, or one that arrived after the cohort closed. It is checked, screened and routed to the
        school’s hub as if the applicant had sent it.
      </Text>
      <form onSubmit={submit} noValidate aria-label="Application">
        <Stack gap="lg" maw={760}>
          <Fieldset legend="Cohort">
            <Stack gap="sm">
              <Select
                label="Cohort"
                withAsterisk
                placeholder={cohorts.isPending ? 'Loading the cohorts…' : 'Choose a cohort'}
                data={(cohorts.data?.items ?? []).map((item) => ({ value: item.code, label: item.name }))}
                {...form.getInputProps('cohort_code')}
              />
              {notice ? (
                <Alert color={notice.late ? 'orange' : 'blue'} variant="light" title={notice.late ? 'This application will be marked late' : undefined}>
                  {notice.message}
                </Alert>
              ) : null}
            </Stack>
          </Fieldset>

          <Fieldset legend="Applicant">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="First name" withAsterisk autoComplete="off" {...form.getInputProps('applicant.first_name')} />
              <TextInput label="Last name" withAsterisk autoComplete="off" {...form.getInputProps('applicant.last_name')} />
              <TextInput label="Email address" type="email" withAsterisk autoComplete="off" {...form.getInputProps('applicant.email')} />
              <TextInput label="Phone" type="tel" autoComplete="off" {...form.getInputProps('applicant.phone')} />
              <TextInput
                label="Teacher reference number (TRN)"
                description="Seven digits"
                inputMode="numeric"
                {...form.getInputProps('applicant.trn')}
              />
              <TextInput label="Role" description="For example, Year 4 teacher and maths lead" {...form.getInputProps('role_title')} />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend="School">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <SchoolUrnSelect
                label="Find the school by name"
                description="Choosing a school fills in its URN"
                value={null}
                onChange={(urn) => {
                  if (urn) form.setFieldValue('school_urn', urn);
                }}
              />
              <TextInput
                label="School URN"
                description="Six digits; a URN we do not know yet is kept for the hub to match"
                withAsterisk
                inputMode="numeric"
                {...form.getInputProps('school_urn')}
              />
            </SimpleGrid>
          </Fieldset>

          <Fieldset legend="Answers">
            <Stack gap="sm">
              <YesNo label="Has Qualified Teacher Status (QTS)" required {...form.getInputProps('has_qts')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                  label="Years teaching maths"
                  min={0}
                  max={60}
                  allowDecimal={false}
                  allowNegative={false}
                  {...form.getInputProps('years_teaching_maths')}
                />
                <NumberInput
                  label="Days a week teaching maths"
                  description="In half days, for example 3.5"
                  min={0}
                  max={7}
                  step={0.5}
                  decimalScale={1}
                  allowNegative={false}
                  {...form.getInputProps('days_teaching_maths_per_week')}
                />
              </SimpleGrid>
              <YesNo label="Is the school’s maths subject leader" {...form.getInputProps('is_maths_subject_leader')} />
              <YesNo label="Has engaged with the hub’s Teaching for Mastery work" {...form.getInputProps('engaged_with_hub_tfm_work')} />
              <Checkbox.Group label="Other roles held" {...form.getInputProps('additional_statuses')}>
                <Stack gap={6} mt={6}>
                  {Object.entries(ADDITIONAL_STATUS_LABELS).map(([value, label]) => (
                    <Checkbox key={value} value={value} label={label} />
                  ))}
                </Stack>
              </Checkbox.Group>
              <Textarea label="Statement" withAsterisk autosize minRows={5} maxLength={20000} {...form.getInputProps('statement')} />
              {criteria.map((criterion) => (
                <Textarea
                  key={criterion.code}
                  label={`Evidence: ${criterion.wording}`}
                  description={criterion.kind === 'essential' ? 'Essential criterion' : 'Desirable criterion'}
                  autosize
                  minRows={2}
                  maxLength={20000}
                  {...form.getInputProps(`criteria_evidence.${criterion.code}`)}
                  value={values.criteria_evidence[criterion.code] ?? ''}
                />
              ))}
            </Stack>
          </Fieldset>

          <Fieldset legend="Headteacher">
            <Stack gap="sm">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label="Headteacher’s name" withAsterisk autoComplete="off" {...form.getInputProps('headteacher.name')} />
                <TextInput
                  label="Headteacher’s email address"
                  type="email"
                  withAsterisk
                  autoComplete="off"
                  {...form.getInputProps('headteacher.email')}
                />
              </SimpleGrid>
              <Textarea
                label="Headteacher’s statement"
                description="If it came with the paper form, type it here; otherwise the headteacher is emailed a link to give it."
                autosize
                minRows={3}
                maxLength={20000}
                {...form.getInputProps('headteacher.statement')}
              />
            </Stack>
          </Fieldset>

          <Checkbox
            label="The applicant consented to their data being processed"
            {...form.getInputProps('consent_to_data_processing', { type: 'checkbox' })}
          />

          <Group>
            <Button type="submit" loading={enter.isPending}>
              Enter the application
            </Button>
            <Button variant="default" component={Link} to="/applications">
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Page>
  );
}
