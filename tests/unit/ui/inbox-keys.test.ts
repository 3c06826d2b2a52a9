import { describe, expect, it } from 'vitest';
import { inboxKeyOf } from '../../../src/ui/components/inbox/use-inbox-keys';

describe('the inbox by keyboard', () => {
  it('moves with the arrows, acts with F2–F4, zooms and rotates, and leaves keys typed into a field alone', () => {
    const body = { tagName: 'BODY' };
    expect(inboxKeyOf({ key: 'ArrowDown', target: body })).toBe('next');
    expect(inboxKeyOf({ key: 'F2', target: body })).toBe('accept');
    expect(inboxKeyOf({ key: 'F4', target: body })).toBe('return');
    expect(inboxKeyOf({ key: '+', target: body })).toBe('zoomIn');
    expect(inboxKeyOf({ key: 'r', target: body })).toBe('rotate');
    expect(inboxKeyOf({ key: 'r', target: { tagName: 'INPUT', type: 'text' } })).toBeNull();
    expect(inboxKeyOf({ key: 'F2', target: { tagName: 'TEXTAREA' } })).toBeNull();
    expect(inboxKeyOf({ key: 'ArrowDown', target: { tagName: 'INPUT', type: 'radio' } })).toBeNull();
    expect(inboxKeyOf({ key: 'r', ctrlKey: true, target: body })).toBeNull();
  });
});
