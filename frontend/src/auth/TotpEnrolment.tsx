import { Alert, Box, Button, Code, CopyButton, Group, Image, List, Loader, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useRef, useState } from 'react';
import type { RecoveryCodes, TotpSetup } from '../api/accounts';
import { applyProblemToForm, problemOf, type Problem } from '../lib/problem';
import { groupSecret, normaliseOtp, svgDataUrl } from './otp';



export interface TotpEnrolmentProps {
  start: () => Promise<TotpSetup>;
  confirm: (code: string) => Promise<RecoveryCodes>;
  onConfirmed: (codes: string[]) => void;
  onCancel?: () => void;
  /** What to do when starting fails with a problem the parent understands (an expired mfa_token). */
  onStartFailed?: (problem: Problem) => boolean;
  headingLevel?: 2 | 3;
}

/**
 * Setting up an authenticator app: the API makes a secret (not active yet), the person scans
 * the QR code or types the key, then proves it works with a code, which turns 2FA on and
 * returns the ten recovery codes.
 */
export function TotpEnrolment({ start, confirm, onConfirmed, onCancel, onStartFailed, headingLevel = 2 }: TotpEnrolmentProps) {
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [startProblem, setStartProblem] = useState<Problem | null>(null);
  const started = useRef(false);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { code: '' },
    validate: {
      code: (value) => (/^\d{6}$/.test(normaliseOtp(value)) ? null : 'Enter the 6 digits your authenticator app shows.'),
    },
  });

  useEffect(() => {
    // Once per mount (React's development double effect would otherwise make two secrets).
    if (started.current) return;
    started.current = true;
    start().then(setSetup, (error: unknown) => {
      const problem = problemOf(error);
      if (!onStartFailed?.(problem)) setStartProblem(problem);
    });
  }, [start, onStartFailed]);

  const submit = form.onSubmit(async ({ code }) => {
    try {
      const result = await confirm(normaliseOtp(code));
      onConfirmed(result.recovery_codes);
    } catch (error) {
      // Clear the spent code first: changing a value clears that field's error.
      form.setFieldValue('code', '');
      const problem = problemOf(error);
      if (problem.status === 422 || problem.status === 400) {
        form.setFieldError('code', problem.errors?.[0]?.message ?? problem.detail ?? 'That code is not right. Enter the newest code your app shows.');
      } else {
        applyProblemToForm(problem, form);
      }
    }
  });

  if (startProblem) {
    return (
      <Alert color="red" role="alert" title={startProblem.title}>
        <Text size="sm">{startProblem.detail ?? 'Please try again.'}</Text>
      </Alert>
    );
  }
  if (!setup) {
    return (
      <Group gap="xs" role="status">
        <Loader size="sm" />
        <Text size="sm">Making your QR code…</Text>
      </Group>
    );
  }

  const grouped = groupSecret(setup.secret);
  return (
    <Stack gap="md">
      <Box component="section" aria-labelledby="totp-scan">
        <Title order={headingLevel} size="h4" id="totp-scan" mb="xs">
          1. Add MasteryHub to your authenticator app
        </Title>
        <Text size="sm" mb="xs">
          Use an app such as Microsoft Authenticator, Google Authenticator or your password manager. Scan this QR code:
        </Text>
        <Image
          src={svgDataUrl(setup.qr_svg)}
          alt="QR code for adding MasteryHub to an authenticator app"
          w={200}
          h={200}
          fit="contain"
          bg="white"
          p={4}
          style={{ border: '1px solid var(--mantine-color-gray-4)' }}
        />
        <Text size="sm" mt="sm" id="totp-secret-label">
          Cannot scan it? Choose to enter a key in the app, and type this one:
        </Text>
        <Group gap="xs" wrap="wrap" align="center" mt={4}>
          <Code fz="md" aria-labelledby="totp-secret-label" data-testid="totp-secret" style={{ overflowWrap: 'anywhere', letterSpacing: '0.05em' }}>
            {grouped}
          </Code>
          <CopyButton value={setup.secret} timeout={2000}>
            {({ copied, copy }) => (
              <Button size="xs" variant="default" onClick={copy} aria-label={copied ? 'Copied the key' : 'Copy the key'}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
        <List size="xs" c="dimmed" mt={4}>
          <List.Item>Time-based, 6 digits, every 30 seconds (the app&apos;s usual settings).</List.Item>
        </List>
      </Box>
      <Box component="section" aria-labelledby="totp-confirm">
        <Title order={headingLevel} size="h4" id="totp-confirm" mb="xs">
          2. Enter the code the app shows
        </Title>
        <form onSubmit={submit} noValidate aria-label="Confirm two-factor sign-in">
          <Stack gap="sm">
            <TextInput
              label="6-digit code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={7}
              required
              key={form.key('code')}
              {...form.getInputProps('code')}
              w={{ base: '100%', xs: 220 }}
            />
            <Group>
              <Button type="submit" loading={form.submitting}>
                Turn on two-factor sign-in
              </Button>
              {onCancel ? (
                <Button variant="default" onClick={onCancel}>
                  Cancel
                </Button>
              ) : null}
            </Group>
          </Stack>
        </form>
      </Box>
    </Stack>
  );
}

/**
 * The ten recovery codes, this once: the API keeps only hashes. Copy or download them, then
 * say they are stored; after that they are gone from the page.
 */
export function RecoveryCodesPanel({ codes, onDone, doneLabel = 'I have stored my recovery codes' }: { codes: string[]; onDone: () => void; doneLabel?: string }) {
  const text = `MasteryHub recovery codes\nEach code signs you in once, if you cannot use your authenticator app.\n\n${codes.join('\n')}\n`;
  function download() {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'masteryhub-recovery-codes.txt';
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  }
  return (
    <Stack gap="sm">
      <Alert color="yellow" title="Save your recovery codes now" role="status">
        <Text size="sm">
          If you lose your phone, each of these codes signs you in once instead of a code from the app. This is the only
          time they are shown: keep them somewhere safe, such as your password manager.
        </Text>
      </Alert>
      <Box
        component="ol"
        aria-label="Recovery codes"
        style={{ columns: '2 10rem', fontFamily: 'var(--mantine-font-family-monospace)', paddingInlineStart: '2rem', margin: 0 }}
      >
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </Box>
      <Group gap="xs">
        <CopyButton value={codes.join('\n')} timeout={2000}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? 'Copied the codes' : 'Copy the codes'}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={download}>
          Download as a text file
        </Button>
      </Group>
      <Group>
        <Button onClick={onDone}>{doneLabel}</Button>
      </Group>
    </Stack>
  );
}
