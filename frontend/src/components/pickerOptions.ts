/** What the shared pickers search and how they name an option: one search hook per thing (api/*). */
import { useSchoolSearch, type SchoolPage } from '../api/schools';
import { useSpecialistSearch, type SpecialistPage } from '../api/specialists';
import { useUserSearch, type UserPage } from '../api/users';
import { useWorkGroupSearch, type WorkGroupPage } from '../api/workGroups';
import type { PickerOption } from './RemoteSelect';

const schoolOptions = (page: SchoolPage): PickerOption[] =>
  page.items.map((school) => ({ value: school.id, label: `${school.name} (${school.urn})` }));
const schoolUrnOptions = (page: SchoolPage): PickerOption[] =>
  page.items.map((school) => ({ value: school.urn, label: `${school.name} (${school.urn})` }));
export const specialistOptions = (page: SpecialistPage): PickerOption[] =>
  page.items.map((specialist) => ({ value: specialist.id, label: `${specialist.first_name} ${specialist.last_name}` }));
const workGroupOptions = (page: WorkGroupPage): PickerOption[] =>
  page.items.map((group) => ({ value: group.id, label: `${group.title} (${group.code})` }));
const userOptions = (page: UserPage): PickerOption[] => page.items.map((user) => ({ value: user.id, label: `${user.name} (${user.email})` }));

export const useSchoolOptions = (q: string) => useSchoolSearch(q, schoolOptions);
export const useSchoolUrnOptions = (q: string) => useSchoolSearch(q, schoolUrnOptions);
export const useSpecialistOptions = (q: string) => useSpecialistSearch(q, {}, specialistOptions);
export const useWorkGroupOptions = (q: string) => useWorkGroupSearch(q, workGroupOptions);
export const useSpecialistUserOptions = (q: string) => useUserSearch(q, 'specialist', userOptions);

