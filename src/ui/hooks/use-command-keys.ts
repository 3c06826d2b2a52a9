import { useEffect, useRef } from 'react';
import { decideKey, type Command } from '../keys';

/**
 * Listens for the console's function keys on the whole window. Several panels register their own
 * commands (the console F1–F6, the header F8, the intake F9); each runs only what it owns.
 */
export function useCommandKeys(handlers: Partial<Record<Command, () => void>>, enabled = true): void {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      const decision = decideKey(event);
      if (decision.preventDefault) event.preventDefault();
      if (decision.command) ref.current[decision.command]?.();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
