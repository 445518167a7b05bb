import { NotAvailableYet } from '../../components/NotAvailableYet';

export function Component() {
  return (
    <NotAvailableYet
      title="TRG meetings"
      what="Teacher Research Group meetings and their attendance are not in the API yet."
    />
  );
}
