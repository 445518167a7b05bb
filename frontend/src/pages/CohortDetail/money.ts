/**
 * Money is entered in pounds (`200`, `3,000.50`) and sent as the API keeps it: integer pence.
 * Parsed from the text, not multiplied as a float, so £0.29 is 29p and never 28.999….
 */
const POUNDS = /^(\d+)(?:\.(\d{1,2}))?$/;

/** `200` → 20000, `3,000.5` → 300050, `£0.29` → 29; null for anything that is not an amount. */
export function poundsToPence(value: number | string): number | null {
  const text = String(value).trim().replace(/^£/, '').replaceAll(',', '');
  const match = POUNDS.exec(text);
  if (!match) return null;
  const pence = Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(pence) ? pence : null;
}

/** 20000 → `200.00`, for a pounds input's starting value. */
export function penceToPounds(pence: number): string {
  return `${Math.trunc(pence / 100)}.${String(pence % 100).padStart(2, '0')}`;
}
