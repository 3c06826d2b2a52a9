import { describe, expect, it } from 'vitest';
import { commandKeys, decideKey, isTypingTarget } from '../../../src/ui/keys';

const body = { tagName: 'BODY' };
const textInput = { tagName: 'INPUT', type: 'text' };

describe('function keys of the window console', () => {
  it('maps F1..F6 to call, recall, no-show, transfer, start, finish as printed on the buttons', () => {
    expect(['F1', 'F2', 'F3', 'F4', 'F5', 'F6'].map((key) => decideKey({ key, target: body }).command)).toEqual(['call', 'recall', 'noShow', 'transfer', 'start', 'finish']);
    expect(decideKey({ key: 'F8', target: body }).command).toBe('pause');
    expect(decideKey({ key: 'F9', target: body }).command).toBe('readCard');
  });

  it('does not call the next applicant when a finger slips while typing a name', () => {
    const d = decideKey({ key: 'F1', target: textInput });
    expect(d.command).toBeNull();
    expect(d.preventDefault).toBe(true);
    expect(decideKey({ key: 'F6', target: { tagName: 'TEXTAREA' } }).command).toBeNull();
    expect(decideKey({ key: 'F6', target: { tagName: 'DIV', isContentEditable: true } }).command).toBeNull();
  });

  it('reads the ID card with F9 even while the cursor is in the ID field', () => {
    expect(decideKey({ key: 'F9', target: textInput }).command).toBe('readCard');
  });

  it('never lets F5 reload the page in the middle of an intake', () => {
    expect(decideKey({ key: 'F5', target: textInput }).preventDefault).toBe(true);
    expect(decideKey({ key: 'F5', target: body }).preventDefault).toBe(true);
    expect(decideKey({ key: 'F7', target: body })).toEqual({ preventDefault: true, command: null });
  });

  it('leaves Ctrl+F5, Alt+F4, F11 and F12 to the browser and the system', () => {
    expect(decideKey({ key: 'F5', ctrlKey: true, target: body })).toEqual({ preventDefault: false, command: null });
    expect(decideKey({ key: 'F4', altKey: true, target: body })).toEqual({ preventDefault: false, command: null });
    expect(decideKey({ key: 'F11', target: body }).preventDefault).toBe(false);
    expect(decideKey({ key: 'F12', target: body }).preventDefault).toBe(false);
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
