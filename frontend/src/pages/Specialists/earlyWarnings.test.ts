import { describe, expect, it } from 'vitest';
import { earlyWarningStatuses } from './earlyWarnings';

describe('earlyWarningStatuses', () => {
  it('reads "attention" as at risk or behind, and one status as itself', () => {
    expect(earlyWarningStatuses('attention')).toEqual(['at_risk', 'behind']);
    expect(earlyWarningStatuses('behind')).toEqual(['behind']);
  });

  it('filters nothing for an empty or unknown value', () => {
    expect(earlyWarningStatuses('')).toBeUndefined();
    expect(earlyWarningStatuses('late')).toBeUndefined();
  });
});
