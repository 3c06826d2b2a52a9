import { useEffect, useRef } from 'react';
import { decideEscape } from '../keys';

/**
 * Esc on the console: the panel opened last closes (transfer form, rejection form); with none
 * open, a text field lets go of the cursor. One listener for the page, in the capture phase, so it
 * sees an open dropdown before the dropdown closes itself (and leaves that Esc to it).
 */
const panels: Array<{ current: () => void }> = [];
let listening = 0;

function onKey(event: KeyboardEvent) {
  const top = panels[panels.length - 1];
  const action = decideEscape(event, top !== undefined);
  if (action === 'close-panel' && top) {
    event.preventDefault();
    (document.activeElement as HTMLElement | null)?.blur();
    top.current();
  } else if (action === 'leave-field') {
    (event.target as HTMLElement).blur();
  }
}

/** Installs Esc for a screen (the window console, reception). */
export function useEscapeKey(): void {
  useEffect(() => {
    if (listening++ === 0) window.addEventListener('keydown', onKey, true);
    return () => {
      if (--listening === 0) window.removeEventListener('keydown', onKey, true);
    };
  }, []);
}

/** While `open`, Esc runs `close` (the innermost open panel first). */
export function useClosesOnEscape(close: () => void, open = true): void {
  const ref = useRef(close);
  useEffect(() => {
    ref.current = close;
  });
  useEffect(() => {
    if (!open) return;
    const entry = { current: () => ref.current() };
    panels.push(entry);
    return () => {
      const i = panels.indexOf(entry);
      if (i >= 0) panels.splice(i, 1);
    };
  }, [open]);
}
