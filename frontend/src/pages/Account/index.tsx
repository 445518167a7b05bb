import { Stack } from '@mantine/core';
import { Page } from '../../components/Page';
import { PasswordSection } from './PasswordSection';
import { SessionsSection } from './SessionsSection';
import { TwoFactorSection } from './TwoFactorSection';

/** "Your account": the signed-in person's password, two-factor sign-in and sessions. */
export function Component() {
  return (
    <Page title="Your account">
      <Stack gap="lg" maw={760}>
        <PasswordSection />
        <TwoFactorSection />
        <SessionsSection />
      </Stack>
    </Page>
  );
}
