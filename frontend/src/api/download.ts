/**
 * Files the API answers as CSV (`Accept: text/csv`), saved by the browser. Plain fetch, since
 * openapi-fetch parses JSON, with the in-memory bearer token (refreshed once on a 401, as the
 * client's middleware does); a refusal becomes the same ApiError the query hooks throw.
 */
import { ApiError, toProblem } from '../lib/problem';
import type { TokenSource } from './client';
/** `attachment; filename="release-days-2026-27.csv"` → `release-days-2026-27.csv` (RFC 6266, with `filename*`). */
export function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended?.[1]) {
    try {
      return safeName(decodeURIComponent(extended[1].trim()), fallback);
    } catch {
      // malformed escapes: fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;\s]+))/.exec(disposition);
  return safeName(plain?.[1] ?? plain?.[2] ?? '', fallback);
}

/** A name without folders in it: the server's suggestion is a name, never a path. */
function safeName(name: string, fallback: string): string {
  const base = name.split(/[\\/]/).pop()?.trim() ?? '';
  return base === '' || base === '.' || base === '..' ? fallback : base;
}

export interface CsvFile {
  blob: Blob;
  filename: string;
}

/** GET `path?query` as CSV. Empty query values are left out. */
export async function fetchCsv(
  tokens: TokenSource,
  path: string,
  query: Record<string, string | undefined>,
  fallbackName: string,
): Promise<CsvFile> {
  const search = new URLSearchParams(Object.entries(query).filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== ''));
  const url = `${path}?${search.toString()}`;
  const get = (token: string | null) =>
    fetch(url, {
      headers: { Accept: 'text/csv', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      credentials: 'same-origin',
    });
  let response = await get(tokens.accessToken);
  if (response.status === 401) {
    const token = await tokens.refresh();
    if (token) response = await get(token);
  }
  if (!response.ok) {
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      // not problem details
    }
    throw new ApiError(toProblem(response.status, body));
  }
  return { blob: await response.blob(), filename: filenameFrom(response.headers.get('Content-Disposition'), fallbackName) };
}

/** Hand a file to the browser's downloads. */
export function saveFile({ blob, filename }: CsvFile): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
