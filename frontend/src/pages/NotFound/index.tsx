import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { Page } from '../../components/Page';

export function Component() {
  return (
    <Page title="Page not found">
      <Text>
        There is no page at this address. Check the address, or go to the{' '}
        <Anchor component={Link} to="/">
          dashboard
        </Anchor>
        .
      </Text>
    </Page>
  );
}
