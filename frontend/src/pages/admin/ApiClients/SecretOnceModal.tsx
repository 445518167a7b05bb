import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import type { ApiClientCreated } from '../../../api/apiClients';

function CopyField({ label, value }: { label: string; value: string }) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Group gap="xs" wrap="nowrap" align="start">
        <Code block style={{ flex: 1, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
          {value}
        </Code>
        <CopyButton value={value} timeout={2000}>
          {({ copied, copy }) => (
            <Button size="xs" variant={copied ? 'filled' : 'default'} color={copied ? 'green' : undefined} onClick={copy} aria-label={`${copied ? 'Copied' : 'Copy'} ${label.toLowerCase()}`}>
              {copied ? 'Copied' : 'Copy'}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}

/**
 * The client secret, shown this once: the API keeps only a hash, so closing this dialog is the
 * last chance to copy it. It lives in component state only and is gone when the dialog closes.
 */
export function SecretOnceModal({ client, onClose }: { client: ApiClientCreated | null; onClose: () => void }) {
  return (
    <Modal opened={client !== null} onClose={onClose} title="Copy the client secret now" closeOnClickOutside={false} size="lg">
      {client ? (
        <Stack>
          <Alert color="yellow" title="This is the only time the secret is shown">
            MasteryHub keeps only a hash of it. Store it in the other system&apos;s secret settings now; if it is lost,
            revoke this client and create another.
          </Alert>
          <CopyField label="Client id" value={client.client_id} />
          <CopyField label="Client secret" value={client.client_secret} />
          <Group justify="flex-end">
            <Button onClick={onClose}>I have stored the secret</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
