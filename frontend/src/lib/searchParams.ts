import { useCallback, useEffect, useRef } from 'react';
import { useLocation, useNavigation, useSearchParams } from 'react-router';

/**
 * Filters and the page cursor live in the query string, so a filtered list can be bookmarked,
 * shared and reached again with the Back button.
 */
export function useListParams<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  // A debounced filter landing while the person is already opening another page (a lazy route
  // still loading) would pull them back to the list: once they are leaving, filters are dropped.
  const { pathname } = useLocation();
  const navigation = useNavigation();
  const isLeaving = navigation.state !== 'idle' && navigation.location.pathname !== pathname;
  const leaving = useRef(false);
  useEffect(() => {
    leaving.current = isLeaving;
  }, [isLeaving]);
  const values = Object.fromEntries(keys.map((key) => [key, params.get(key) ?? ''])) as Record<K, string>;
  const cursor = params.get('cursor') ?? undefined;

  /** Change a filter: any cursor belongs to the old filter, so go back to the first page. */
  const setFilter = useCallback(
    (key: K, value: string) => {
      if (leaving.current) return;
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) next.set(key, value);
          else next.delete(key);
          next.delete('cursor');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  const setCursor = useCallback(
    (value: string | undefined) => {
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (value) next.set('cursor', value);
        else next.delete('cursor');
        return next;
      });
    },
    [setParams],
  );

  return { values, cursor, setFilter, setCursor };
}

/** `''` → undefined, so empty filters are left out of the API request. */
export function optional(value: string): string | undefined {
  return value === '' ? undefined : value;
}
