import { NotAvailableYet } from '../../components/NotAvailableYet';

export function Component() {
  return (
    <NotAvailableYet
      title="Specialists"
      what="Specialists' profiles, progress and release-day ledgers are not in the API yet."
    />
  );
}
