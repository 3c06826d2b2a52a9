import { useEffect, useRef } from 'react';
import { isTypingTarget } from '../../keys';

/**
 * The inbox by keyboard, like the console: ↑/↓ move through the applications, Esc closes the one
 * open, F2 受理, F3 容缺受理, F4 一次性告知 act on it; in the viewer + / − zoom and R rotates. Keys
 * typed into a field (a reason, a note) stay there.
 */
export type InboxKey = 'next' | 'previous' | 'close' | 'accept' | 'acceptDeferred' | 'return' | 'zoomIn' | 'zoomOut' | 'rotate';

export const inboxKeys: Record<InboxKey, string> = {
  next: '↓',
  previous: '↑',
  close: 'Esc',
  accept: 'F2',
  acceptDeferred: 'F3',
  return: 'F4',
  zoomIn: '+',
  zoomOut: '-',
  rotate: 'R',
};

export function inboxKeyOf(e: { key: string; ctrlKey?: boolean; altKey?: boolean; metaKey?: boolean; target?: unknown }): InboxKey | null {
  if (e.ctrlKey || e.altKey || e.metaKey || isTypingTarget(e.target)) return null;
  // Arrows on a focused radio group choose a verdict; they do not move through the list.
  if (e.key.startsWith('Arrow') && (e.target as { tagName?: string } | null)?.tagName?.toUpperCase() === 'INPUT') return null;
  switch (e.key) {
    case 'ArrowDown':
      return 'next';
    case 'ArrowUp':
      return 'previous';
    case 'Escape':
      return 'close';
    case 'F2':
      return 'accept';
    case 'F3':
      return 'acceptDeferred';
    case 'F4':
      return 'return';
    case '+':
    case '=':
      return 'zoomIn';
    case '-':
      return 'zoomOut';
    case 'r':
    case 'R':
      return 'rotate';
    default:
      return null;
  }
}

export function useInboxKeys(handlers: Partial<Record<InboxKey, () => void>>): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const k = inboxKeyOf(event);
      const run = k ? ref.current[k] : undefined;
      if (!run) return;
      event.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
