import { NotAvailableYet } from '../../components/NotAvailableYet';

export function Component() {
  return (
    <NotAvailableYet
      title="Applications"
      what="Applications, screening flags, references, reviews and decisions are not in the API yet."
    />
  );
}
