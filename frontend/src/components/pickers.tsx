/** The searchable pickers forms share: schools, specialists, work groups and specialists' sign-ins. */
import {
  useSchoolSearch,
  useSchoolUrnSearch,
  useSpecialistSearch,
  useSpecialistUserSearch,
  useWorkGroupSearch,
} from '../api/search';
import { RemoteSelect, type PickerProps } from './RemoteSelect';

export function SchoolSelect(props: PickerProps) {
  return <RemoteSelect {...props} useSearch={useSchoolSearch} hint="Type at least two letters of the school’s name" />;
}

export function SpecialistSelect(props: PickerProps) {
  return <RemoteSelect {...props} useSearch={useSpecialistSearch} hint="No specialist has that name" />;
}

export function WorkGroupSelect(props: PickerProps) {
  return <RemoteSelect {...props} useSearch={useWorkGroupSearch} hint="No work group has that title" />;
}

export function SpecialistUserSelect(props: PickerProps) {
  return <RemoteSelect {...props} useSearch={useSpecialistUserSearch} hint="No Mastery Specialist sign-in matches" />;
}

/** A school chosen by name whose value is its URN (filters the API takes by URN). */
export function SchoolUrnSelect(props: PickerProps) {
  return <RemoteSelect {...props} useSearch={useSchoolUrnSearch} hint="Type at least two letters of the school’s name" />;
}
