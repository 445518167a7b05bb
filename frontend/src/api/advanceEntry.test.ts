import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, json } from '../test/fakeApi';
import { ApiError } from '../lib/problem';
import { etagOfEntrySeen, type LedgerEntry } from './releaseDays';
const ENTRY = '/api/v1/specialists/sp-1/release-days/e-1';

const shown = {
  id: 'e-1',
  status: 'claimed',
  reversed_by_id: null,
  updated_at: '2026-11-30T10:00:00Z',
} as unknown as LedgerEntry;

describe('etagOfEntrySeen (approve and pay send the ETag of the version on screen)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('gives the ETag when the entry is still the version on screen', async () => {
    fakeApi({ [`GET ${ENTRY}`]: json({ ...shown, updated_at: '2026-11-30T10:00:00.000000Z' }, 200, { ETag: '"abc"' }) });
    await expect(etagOfEntrySeen('sp-1', shown)).resolves.toBe('"abc"');
  });

  it('answers 412 when someone changed the entry after it was shown', async () => {
    fakeApi({ [`GET ${ENTRY}`]: json({ ...shown, updated_at: '2026-11-30T10:05:00Z' }, 200, { ETag: '"def"' }) });
    const failure = etagOfEntrySeen('sp-1', shown);
    await expect(failure).rejects.toBeInstanceOf(ApiError);
    await expect(failure).rejects.toMatchObject({ problem: { status: 412 } });
  });

  it('answers 412 when it was approved or reversed meanwhile', async () => {
    fakeApi({ [`GET ${ENTRY}`]: json({ ...shown, status: 'approved' }, 200, { ETag: '"ghi"' }) });
    await expect(etagOfEntrySeen('sp-1', shown)).rejects.toMatchObject({ problem: { status: 412 } });
    fakeApi({ [`GET ${ENTRY}`]: json({ ...shown, reversed_by_id: 'e-2' }, 200, { ETag: '"jkl"' }) });
    await expect(etagOfEntrySeen('sp-1', shown)).rejects.toMatchObject({ problem: { status: 412 } });
  });
});
