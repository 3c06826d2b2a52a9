/**
 * The board's channel figures (issue 16 part 5): of the cases taken in, how many came in at a
 * window, online (网上申办) and through a town or community centre (就近受理), as counts and as
 * shares of the whole. The district's "93% online" becomes a number the hall can read.
 */

export const caseChannels = ['window', 'online', 'town'] as const;
export type CaseChannel = (typeof caseChannels)[number];

export interface ChannelShare {
  channel: CaseChannel;
  count: number;
  /** Percent with one decimal (e.g. 93.3); null when nothing was taken in (no share of nothing). */
  percent: number | null;
}

export interface ChannelShares {
  total: number;
  channels: ChannelShare[];
}

/**
 * Counts to shares. Each share is rounded to tenths of a percent by the largest remainder, so the
 * three always add up to exactly 100.0% when anything was taken in (a board reading 33.3 + 33.3 +
 * 33.3 = 99.9 makes a supervisor doubt every other figure on it). Ties go to the channel listed
 * first. Negative or fractional counts are not counts: they are read as whole, at least zero.
 */
export function channelShares(counts: Partial<Record<CaseChannel, number>>): ChannelShares {
  const n = caseChannels.map((c) => {
    const v = counts[c] ?? 0;
    return Number.isFinite(v) ? Math.max(0, Math.floor(v)) : 0;
  });
  const total = n.reduce((a, b) => a + b, 0);
  if (total === 0) return { total, channels: caseChannels.map((channel) => ({ channel, count: 0, percent: null })) };
  // In tenths of a percent: 1000 to hand out.
  const exact = n.map((v) => (v * 1000) / total);
  const tenths = exact.map(Math.floor);
  let left = 1000 - tenths.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    tenths[i]! += 1;
    left -= 1;
  }
  return { total, channels: caseChannels.map((channel, i) => ({ channel, count: n[i]!, percent: tenths[i]! / 10 })) };
}

/** A share as the board prints it: "93.3%", or "—" when nothing was taken in. */
export function formatShare(percent: number | null): string {
  return percent === null ? '—' : `${percent.toFixed(1)}%`;
}
