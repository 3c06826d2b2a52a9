import type { ReactNode } from 'react';

/**
 * A short list that scrolls inside its card. Focusable and named, so a clerk on the keyboard can
 * scroll it too (axe-core's scrollable-region-focusable: antd's own scrolling table body is not).
 */
export function ScrollBox({ label, maxHeight = 190, children }: { label: string; maxHeight?: number; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ maxHeight, overflow: 'auto' }}>
      {children}
    </div>
  );
}
