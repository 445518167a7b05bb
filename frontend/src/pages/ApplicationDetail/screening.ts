import type { ScreeningFlag } from '../../api/applications';

/** How a flag reads to a hub lead: words and a colour, never the API's code. */
export interface FlagVerdict {
  text: string;
  colour: 'red' | 'yellow' | 'green' | 'gray';
}

export function verdictOf(flag: ScreeningFlag): FlagVerdict {
  switch (flag.outcome) {
    case 'passed':
      return { text: flag.criterion_kind === null ? 'Matched' : 'Met', colour: 'green' };
    case 'failed':
      return { text: 'Not met (essential)', colour: 'red' };
    case 'not_met':
      return {
        text: flag.criterion_kind === 'desirable' ? 'Not met (desirable)' : 'Action needed',
        colour: 'yellow',
      };
    case 'unknown':
      return { text: 'Not known yet', colour: 'gray' };
  }
}

export interface FlagGroup {
  title: string;
  flags: ScreeningFlag[];
}

// Checks of the school (from GIAS, once matched) and of the applicant's own answers.
const SCHOOL_CHECKS = new Set(['school_unmatched', 'phase', 'state_funded', 'in_england', 'school_open']);

/** The flags in two groups, the school's checks and the applicant's, each in the API's order. */
export function groupFlags(flags: readonly ScreeningFlag[]): FlagGroup[] {
  const school = flags.filter((flag) => SCHOOL_CHECKS.has(flag.code));
  const applicant = flags.filter((flag) => !SCHOOL_CHECKS.has(flag.code));
  // The match comes first among the school's checks: the others follow from it.
  school.sort((a, b) => Number(b.code === 'school_unmatched') - Number(a.code === 'school_unmatched'));
  return [
    { title: 'The applicant', flags: applicant },
    { title: 'The school', flags: school },
  ].filter((group) => group.flags.length > 0);
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** One sentence over all the flags: what needs a look first. */
export function screeningSummary(flags: readonly ScreeningFlag[]): string {
  const failed = flags.filter((flag) => flag.outcome === 'failed').length;
  const notMet = flags.filter((flag) => flag.outcome === 'not_met' && flag.criterion_kind === 'desirable').length;
  const unknown = flags.filter((flag) => flag.outcome === 'unknown').length;
  const unmatched = flags.some((flag) => flag.code === 'school_unmatched' && flag.outcome === 'not_met');
  const parts: string[] = [];
  if (unmatched) parts.push('the school is not matched yet');
  if (failed) parts.push(`${count(failed, 'essential check', 'essential checks')} not met`);
  if (notMet) parts.push(`${count(notMet, 'desirable check', 'desirable checks')} not met`);
  if (unknown) parts.push(`${count(unknown, 'check', 'checks')} not known ${unmatched ? 'until it is' : 'yet'}`);
  if (parts.length === 0) return 'Every check the system can make is met.';
  const sentence = parts.length === 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts.slice(-1).join('')}`;
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}. A failed check never rejects an application: the hub decides.`;
}
