/**
 * A table's own scroll box only when its rows overflow the height given: antd draws the box (and
 * its scroll bar gutter) for any `scroll.y`, so a table of one or two rows showed a tiny box with a
 * bar beside it. Small-size rows are about 39 px tall (one line plus padding).
 */
export const SMALL_ROW_PX = 39;

export function scrollWhenTall(rows: number, maxHeight: number, rowHeight = SMALL_ROW_PX): { y: number } | undefined {
  return rows * rowHeight > maxHeight ? { y: maxHeight } : undefined;
}
