import { NotAvailableYet } from '../../components/NotAvailableYet';

export function Component() {
  return (
    <NotAvailableYet
      title="Cohorts"
      what="Cohorts, their application windows, places per hub, criteria, year rules and residentials are not in the API yet."
    />
  );
}
