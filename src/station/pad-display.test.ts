import { describe, expect, it } from 'vitest';
import { choosePadDisplay, type DisplayInfo } from './pad-display';

const d = (id: number, x: number, width = 1024, height = 600): DisplayInfo => ({ id, bounds: { x, y: 0, width, height } });
const primary = d(1, 0, 1920, 1080);

describe('the display the evaluation pad goes on', () => {
  it('takes the second display when none is chosen', () => {
    expect(choosePadDisplay([primary, d(7, 1920)], 1, null)?.id).toBe(7);
  });
  it('takes the chosen one, by id or by position', () => {
    const ds = [primary, d(7, 1920), d(9, 2944, 800, 480)];
    expect(choosePadDisplay(ds, 1, '9')?.id).toBe(9);
    expect(choosePadDisplay(ds, 1, '3')?.id).toBe(9);
    expect(choosePadDisplay(ds, 1, '2')?.id).toBe(7);
  });
  it('never covers the clerk\'s own display, and gives up with one display', () => {
    expect(choosePadDisplay([primary], 1, null)).toBeNull();
    expect(choosePadDisplay([primary, d(7, 1920)], 1, '1')?.id).toBe(7);
    expect(choosePadDisplay([primary], 1, '1')).toBeNull();
  });
});
