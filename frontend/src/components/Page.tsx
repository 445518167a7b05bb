import { Stack, Title } from '@mantine/core';
import { useEffect, useRef, type ReactNode } from 'react';

let pageShownBefore = false;

/**
 * A page: its `<h1>`, the document title, and — after client-side navigation — focus moved to
 * the heading so screen-reader and keyboard users know the page changed (WCAG 2.4.3).
 */
export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} – MasteryHub`;
    if (pageShownBefore) heading.current?.focus();
    pageShownBefore = true;
  }, [title]);
  return (
    <Stack gap="lg">
      <Stack gap="xs" style={{ flexDirection: 'row', flexWrap: 'wrap', justifyContent: 'space-between', alignItems: 'center' }}>
        <Title order={1} ref={heading} tabIndex={-1} style={{ outline: 'none' }}>
          {title}
        </Title>
        {actions}
      </Stack>
      {children}
    </Stack>
  );
}
