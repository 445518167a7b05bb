import { describe, expect, it } from 'vitest';
import { groupSecret, normaliseOtp, svgDataUrl } from './otp';

describe('two-factor helpers', () => {
  it('accepts a code typed with spaces or a dash', () => {
    expect(normaliseOtp(' 123 456 ')).toBe('123456');
    expect(normaliseOtp('123-456')).toBe('123456');
  });

  it('shows the key in groups of four, without a trailing space', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('ABCDEF')).toBe('ABCD EF');
  });

  it('makes the SVG an image address, escaped so nothing in it breaks out', () => {
    const url = svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"><title>QR "x" #1</title></svg>');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(url).not.toMatch(/[<>"#]/);
    expect(decodeURIComponent(url.split(',')[1] ?? '')).toContain('<title>QR "x" #1</title>');
  });
});
