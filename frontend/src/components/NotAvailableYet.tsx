import { EmptyState } from '@mantine/core';
import { Page } from './Page';

/**
 * A page whose API is not in `openapi/openapi.json` yet. It says so plainly rather than showing
 * made-up data; it is replaced by the real page when the endpoints land.
 */
export function NotAvailableYet({ title, what }: { title: string; what: string }) {
  return (
    <Page title={title}>
      <EmptyState
        align="left"
        title="Not available yet"
        description={`${what} This page will show them once the MasteryHub API offers them.`}
      />
    </Page>
  );
}
