import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A wide table that scrolls sideways on a narrow screen. The scrolling box takes keyboard focus
 * (arrow keys scroll it) and is a named region, so keyboard users can reach every column
 * (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
export function TableScroll({ minWidth, label, children }: { minWidth: number; label: string; children: ReactNode }) {
  return (
    // position: relative keeps visually hidden (absolutely positioned) header text inside the
    // scrolling box, or it would widen the whole page on a phone.
    <Table.ScrollContainer type="native" minWidth={minWidth} tabIndex={0} role="region" aria-label={label} style={{ position: 'relative' }}>
      {children}
    </Table.ScrollContainer>
  );
}
