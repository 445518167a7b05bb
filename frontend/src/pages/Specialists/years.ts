import { academicYearOf, formatAcademicYear, parseAcademicYear } from '../../lib/format';

/** Academic years to choose from: two back, this one and two ahead (and `around`, if given). */
export function yearChoices(around?: string): string[] {
  const now = parseAcademicYear(academicYearOf(new Date()));
  const years = new Set<number>();
  for (let offset = -2; offset <= 2; offset += 1) years.add(now + offset);
  if (around) {
    const centre = parseAcademicYear(around);
    for (let offset = -1; offset <= 2; offset += 1) years.add(centre + offset);
  }
  return [...years].sort((a, b) => a - b).map(formatAcademicYear);
}
