import { Anchor } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate } from 'react-router';
import { useCreateWorkGroup } from '../../api/workGroups';
import { Page } from '../../components/Page';
import { academicYearOf } from '../../lib/format';
import { createBody, emptyValues } from './values';
import { WorkGroupForm } from './WorkGroupForm';

/** `/work-groups/new`. */
export function Component() {
  const create = useCreateWorkGroup();
  const navigate = useNavigate();
  return (
    <Page
      title="New work group"
      actions={
        <Anchor component={Link} to="/work-groups">
          All work groups
        </Anchor>
      }
    >
      <WorkGroupForm
        initialValues={emptyValues(academicYearOf(new Date()))}
        submitLabel="Create work group"
        onSave={async (values) => {
          const created = await create.mutateAsync(createBody(values));
          notifications.show({ color: 'green', message: `Work group ${created.code} created.` });
          await navigate(`/work-groups/${created.id}`);
        }}
      />
    </Page>
  );
}
