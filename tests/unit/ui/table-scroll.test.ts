import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { scrollWhenTall, SMALL_ROW_PX } from '../../../src/ui/table-scroll';

describe('a table scrolls only when its rows overflow', () => {
  it('draws no scroll box for one row, nor for rows that fit', () => {
    expect(scrollWhenTall(1, 150)).toBeUndefined();
    expect(scrollWhenTall(0, 150)).toBeUndefined();
    expect(scrollWhenTall(3, 150)).toBeUndefined();
  });

  it('keeps the height limit once the rows would overflow it', () => {
    expect(scrollWhenTall(4, 150)).toEqual({ y: 150 });
    fc.assert(
      fc.property(fc.nat(500), fc.integer({ min: 40, max: 2000 }), (rows, height) => {
        expect(scrollWhenTall(rows, height) !== undefined).toBe(rows * SMALL_ROW_PX > height);
      }),
    );
  });
});
