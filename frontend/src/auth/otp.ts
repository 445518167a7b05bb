/** Small helpers for the codes and keys of two-factor sign-in. */

/** Six digits, spaces allowed as people read them out ("123 456"). */
export function normaliseOtp(value: string): string {
  return value.replace(/[\s-]/g, '');
}

/** The secret in groups of four, as authenticator apps let you type it (they ignore spaces). */
export function groupSecret(secret: string): string {
  return secret.replace(/\s/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

/** The QR code the API drew (segno's SVG) as an image: an <img> never runs what it contains. */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
