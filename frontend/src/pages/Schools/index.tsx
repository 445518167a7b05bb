import { NotAvailableYet } from '../../components/NotAvailableYet';

export function Component() {
  return (
    <NotAvailableYet
      title="Schools"
      what="School search, the GIAS import and hub areas are not in the API yet."
    />
  );
}
