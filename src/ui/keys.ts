/**
 * The keyboard of the window console. Clerks keep one hand on the keys while they talk to the
 * applicant: every queue command has a function key, shown on its button. Function keys are taken
 * away from the browser everywhere (F5 must never reload the page in the middle of an intake, F1 must
 * not open help), but a command only runs when the focus is not in a text field, so a finger that
 * slips while typing a name does not call the next person; Esc leaves the field.
 */

export type Command = 'call' | 'recall' | 'noShow' | 'transfer' | 'start' | 'finish' | 'pause' | 'readCard';

export const commandKeys: Record<Command, string> = {
  call: 'F1',
  recall: 'F2',
  noShow: 'F3',
  transfer: 'F4',
  start: 'F5',
  finish: 'F6',
  pause: 'F8',
  readCard: 'F9',
};

const byKey = new Map<string, Command>(Object.entries(commandKeys).map(([command, key]) => [key, command as Command]));

/** Reading the card fills a form field, so it is the one command that also works while typing. */
const worksWhileTyping = new Set<Command>(['readCard']);

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  repeat?: boolean;
  target?: unknown;
}

interface ElementLike {
  tagName?: string;
  isContentEditable?: boolean;
  type?: string;
  getAttribute?: (name: string) => string | null;
}

const nonTextInputs = new Set(['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** True when keys typed now go into a text field (input, textarea, editable area, combobox search). */
export function isTypingTarget(target: unknown): boolean {
  if (!target || typeof target !== 'object') return false;
  const el = target as ElementLike;
  if (el.isContentEditable) return true;
  const tag = (el.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA') return true;
  if (tag === 'INPUT') return !nonTextInputs.has((el.type ?? 'text').toLowerCase());
  if (tag === 'SELECT') return true;
  return el.getAttribute?.('role') === 'textbox';
}

/** F1..F10 are the console's; F11 (full screen) and F12 (developer tools) stay with the browser. */
export function isConsoleKey(key: string): boolean {
  return /^F([1-9]|10)$/.test(key);
}

export interface KeyDecision {
  /** Take the key from the browser (no reload, no help page). */
  preventDefault: boolean;
  command: Command | null;
}

/**
 * What a keydown means here. Modified keys (Ctrl+F5, Alt+F4) are left to the browser and the
 * operating system; a held-down key does not repeat a command.
 */
export function decideKey(event: KeyLike): KeyDecision {
  if (event.ctrlKey || event.altKey || event.metaKey) return { preventDefault: false, command: null };
  if (!isConsoleKey(event.key)) return { preventDefault: false, command: null };
  const command = byKey.get(event.key) ?? null;
  if (command === null || event.repeat) return { preventDefault: true, command: null };
  if (isTypingTarget(event.target) && !worksWhileTyping.has(command)) return { preventDefault: true, command: null };
  return { preventDefault: true, command };
}
