/**
 * The keyboard of the window console. Clerks keep one hand on the keys while they talk to the
 * applicant: every queue command has a function key, shown on its button, and it works from
 * anywhere on the console, text fields included (after 下一位 the cursor sits in 证件号码, and F1
 * must still call). A field that needs a function key for itself says so with
 * `data-own-keys="F4 F7"`. Function keys are taken away from the browser everywhere (F5 must never
 * reload the page in the middle of an intake, F1 must not open help). Esc closes the open panel
 * (the transfer form, the rejection form) or, with none open, leaves the field, so the next
 * keys go to the console; a dropdown that is open keeps Esc to close itself.
 */

export type Command = 'call' | 'recall' | 'noShow' | 'transfer' | 'start' | 'finish' | 'finishAndCall' | 'pause' | 'readCard' | 'help' | 'checkIn';

export const commandKeys: Record<Command, string> = {
  call: 'F1',
  recall: 'F2',
  noShow: 'F3',
  transfer: 'F4',
  start: 'F5',
  finish: 'F6',
  // Serving ends in one move: finish this applicant and call the next.
  finishAndCall: 'Shift+F6',
  pause: 'F8',
  readCard: 'F9',
  // The key map: F12, or ? where it is not being typed into a field.
  help: 'F12',
  // Reception: check in today's booking of the card just read (预约签到).
  checkIn: 'F10',
};

const byKey = new Map<string, Command>(Object.entries(commandKeys).map(([command, key]) => [key, command as Command]));

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

/**
 * The key map: F12 from anywhere (the console's help, as the clerks' manual says; developer tools
 * stay on Ctrl+Shift+I), or ? when no field is taking the typing.
 */
export function isHelpKey(event: KeyLike): boolean {
  if (event.key === 'F12') return !fieldOwnsKey(event.target, 'F12');
  return event.key === '?' && !isTypingTarget(event.target);
}

/** F1..F10 are the console's; F11 (full screen) stays with the browser; F12 is the key map. */
export function isConsoleKey(key: string): boolean {
  return /^F([1-9]|10)$/.test(key);
}

/** The key as printed on the console: "F6", "Shift+F6". */
export function keyName(event: Pick<KeyLike, 'key' | 'shiftKey'>): string {
  return event.shiftKey ? `Shift+${event.key}` : event.key;
}

/** A field that needs this key itself (its own `data-own-keys` list). */
function fieldOwnsKey(target: unknown, key: string): boolean {
  if (!target || typeof target !== 'object') return false;
  const own = (target as ElementLike).getAttribute?.('data-own-keys');
  return own ? own.split(/\s+/).includes(key) : false;
}

export interface KeyDecision {
  /** Take the key from the browser (no reload, no help page). */
  preventDefault: boolean;
  command: Command | null;
}

/**
 * What a keydown means here. Ctrl, Alt and Meta combinations (Ctrl+F5, Alt+F4) are left to the
 * browser and the operating system; a held-down key does not repeat a command.
 */
export function decideKey(event: KeyLike): KeyDecision {
  if (event.ctrlKey || event.altKey || event.metaKey) return { preventDefault: false, command: null };
  if (isHelpKey(event)) return { preventDefault: true, command: event.repeat ? null : 'help' };
  if (!isConsoleKey(event.key)) return { preventDefault: false, command: null };
  const name = keyName(event);
  if (fieldOwnsKey(event.target, name)) return { preventDefault: false, command: null };
  const command = byKey.get(name) ?? null;
  if (command === null || event.repeat) return { preventDefault: true, command: null };
  return { preventDefault: true, command };
}

export type EscapeAction = 'none' | 'close-panel' | 'leave-field';

/**
 * What Esc does: an open dropdown closes itself first (the field reports `aria-expanded="true"`);
 * then the open panel closes; with no panel open, a text field lets go of the cursor.
 */
export function decideEscape(event: KeyLike, panelOpen: boolean): EscapeAction {
  if (event.key !== 'Escape' || event.ctrlKey || event.altKey || event.metaKey) return 'none';
  const el = event.target as ElementLike | null | undefined;
  if (el && typeof el === 'object' && el.getAttribute?.('aria-expanded') === 'true') return 'none';
  if (panelOpen) return 'close-panel';
  return isTypingTarget(event.target) ? 'leave-field' : 'none';
}
