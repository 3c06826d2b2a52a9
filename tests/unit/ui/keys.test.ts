import { describe, expect, it } from 'vitest';
import { commandKeys, decideEscape, decideKey, isTypingTarget } from '../../../src/ui/keys';
import { focusAfterCardRead, focusAfterPhone } from '../../../src/ui/focus-flow';

const body = { tagName: 'BODY' };
const textInput = { tagName: 'INPUT', type: 'text' };

describe('function keys of the window console', () => {
  it('maps F1..F6 to call, recall, no-show, transfer, start, finish as printed on the buttons', () => {
    expect(['F1', 'F2', 'F3', 'F4', 'F5', 'F6'].map((key) => decideKey({ key, target: body }).command)).toEqual(['call', 'recall', 'noShow', 'transfer', 'start', 'finish']);
    expect(decideKey({ key: 'F8', target: body }).command).toBe('pause');
    expect(decideKey({ key: 'F9', target: body }).command).toBe('readCard');
  });

  it('runs the commands from a text field too: after 下一位 the cursor is in 证件号码 and F1 must still call', () => {
    expect(decideKey({ key: 'F1', target: textInput })).toEqual({ preventDefault: true, command: 'call' });
    expect(decideKey({ key: 'F6', target: { tagName: 'TEXTAREA' } }).command).toBe('finish');
    expect(decideKey({ key: 'F3', target: { tagName: 'INPUT', type: 'search', getAttribute: () => null } }).command).toBe('noShow');
  });

  it('leaves a key to a field that needs it for itself', () => {
    const owner = { tagName: 'INPUT', type: 'text', getAttribute: (n: string) => (n === 'data-own-keys' ? 'F4 F7' : null) };
    expect(decideKey({ key: 'F4', target: owner })).toEqual({ preventDefault: false, command: null });
    expect(decideKey({ key: 'F1', target: owner }).command).toBe('call');
  });

  it('finishes and calls the next in one move with Shift+F6', () => {
    expect(decideKey({ key: 'F6', shiftKey: true, target: body }).command).toBe('finishAndCall');
    expect(decideKey({ key: 'F6', shiftKey: true, target: textInput }).command).toBe('finishAndCall');
    expect(decideKey({ key: 'F1', shiftKey: true, target: body })).toEqual({ preventDefault: true, command: null });
  });

  it('reads the ID card with F9 even while the cursor is in the ID field', () => {
    expect(decideKey({ key: 'F9', target: textInput }).command).toBe('readCard');
  });

  it('never lets F5 reload the page in the middle of an intake', () => {
    expect(decideKey({ key: 'F5', target: textInput }).preventDefault).toBe(true);
    expect(decideKey({ key: 'F5', target: body }).preventDefault).toBe(true);
    expect(decideKey({ key: 'F7', target: body })).toEqual({ preventDefault: true, command: null });
  });

  it('leaves Ctrl+F5, Alt+F4, F11 and Ctrl+Shift+I to the browser and the system', () => {
    expect(decideKey({ key: 'F5', ctrlKey: true, target: body })).toEqual({ preventDefault: false, command: null });
    expect(decideKey({ key: 'F4', altKey: true, target: body })).toEqual({ preventDefault: false, command: null });
    expect(decideKey({ key: 'F11', target: body }).preventDefault).toBe(false);
    expect(decideKey({ key: 'I', ctrlKey: true, shiftKey: true, target: body }).preventDefault).toBe(false);
  });

  it('opens the key map with F12 from anywhere, and with ? where nothing is being typed', () => {
    expect(decideKey({ key: 'F12', target: body })).toEqual({ preventDefault: true, command: 'help' });
    expect(decideKey({ key: 'F12', target: textInput })).toEqual({ preventDefault: true, command: 'help' });
    expect(decideKey({ key: '?', shiftKey: true, target: body })).toEqual({ preventDefault: true, command: 'help' });
    // In 证件号码 or the address, ? is a character.
    expect(decideKey({ key: '?', shiftKey: true, target: textInput })).toEqual({ preventDefault: false, command: null });
    expect(commandKeys.help).toBe('F12');
  });

  it('does not repeat a command while a key is held down', () => {
    expect(decideKey({ key: 'F1', repeat: true, target: body }).command).toBeNull();
  });

  it('ignores ordinary keys', () => {
    expect(decideKey({ key: 'a', target: body })).toEqual({ preventDefault: false, command: null });
    expect(decideKey({ key: 'Enter', target: body })).toEqual({ preventDefault: false, command: null });
  });

  it('treats buttons and checkboxes as places where commands work', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isTypingTarget(null)).toBe(false);
  });

  it('gives each command its own key', () => {
    const keys = Object.values(commandKeys);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('Esc on the console', () => {
  const expanded = { tagName: 'INPUT', type: 'search', getAttribute: (n: string) => (n === 'aria-expanded' ? 'true' : null) };

  it('closes the open panel (the transfer form) even from inside its fields', () => {
    expect(decideEscape({ key: 'Escape', target: textInput }, true)).toBe('close-panel');
    expect(decideEscape({ key: 'Escape', target: body }, true)).toBe('close-panel');
  });

  it('leaves a text field when no panel is open, so the next keys go to the console', () => {
    expect(decideEscape({ key: 'Escape', target: textInput }, false)).toBe('leave-field');
    expect(decideEscape({ key: 'Escape', target: body }, false)).toBe('none');
  });

  it('lets an open dropdown close itself first', () => {
    expect(decideEscape({ key: 'Escape', target: expanded }, true)).toBe('none');
  });

  it('ignores other keys', () => {
    expect(decideEscape({ key: 'Enter', target: textInput }, true)).toBe('none');
  });
});

describe('where the cursor goes next', () => {
  it('goes from a read card to the phone, then to the matter search, then to the checklist', () => {
    expect(focusAfterCardRead({ phone: '', matterCount: 0 })).toBe('phone');
    expect(focusAfterCardRead({ phone: '13800000000', matterCount: 0 })).toBe('matter-search');
    expect(focusAfterCardRead({ phone: '13800000000', matterCount: 2 })).toBe('checklist');
    expect(focusAfterPhone({ phone: '13800000000', matterCount: 0 })).toBe('matter-search');
    expect(focusAfterPhone({ phone: '13800000000', matterCount: 1 })).toBe('checklist');
  });
});
