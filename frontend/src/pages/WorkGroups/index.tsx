import { NotAvailableYet } from '../../components/NotAvailableYet';

export function Component() {
  return (
    <NotAvailableYet
      title="Work groups"
      what="Work groups, their schools, sessions and attendance are not in the API yet."
    />
  );
}
