/** The searchable pickers forms share: schools, specialists, work groups and specialists' sign-ins. */
import {
  useSchoolOptions,
  useSchoolUrnOptions,
  useSpecialistOptions,
  useSpecialistUserOptions,
  useWorkGroupOptions,
} from './pickerOptions';
import { RemoteSelect, type PickerProps } from './RemoteSelect';

export function SchoolSelect(props: PickerProps) {
  return <RemoteSelect {...props} useSearch={useSchoolOptions} hint="Type at least two letters of the school’s name" />;
}

export function SpecialistSelect(props: PickerProps) {
  return <RemoteSelect {...props} useSearch={useSpecialistOptions} hint="No specialist has that name" />;
}

export function WorkGroupSelect(props: PickerProps) {
  return <RemoteSelect {...props} useSearch={useWorkGroupOptions} hint="No work group has that title" />;
}

export function SpecialistUserSelect(props: PickerProps) {
  return <RemoteSelect {...props} useSearch={useSpecialistUserOptions} hint="No Mastery Specialist sign-in matches" />;
}

/** A school chosen by name whose value is its URN (filters the API takes by URN). */
export function SchoolUrnSelect(props: PickerProps) {
  return <RemoteSelect {...props} useSearch={useSchoolUrnOptions} hint="Type at least two letters of the school’s name" />;
}
