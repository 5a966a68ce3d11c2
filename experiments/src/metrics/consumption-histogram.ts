/**
 * The per-item consumption histogram of one day (`counts[i]`: how often item i was consumed),
 * summarised the ways T-RECS researchers know: the area under the sorted histogram, whose change
 * from day to day is T-RECS's InteractionSpread, and the shares of consumption by item rank.
 */

/**
 * The area under the histogram sorted in decreasing order, by the trapezoidal rule with unit
 * spacing (numpy's `trapz(sorted, dx=1)`, as T-RECS computes it): the total minus half the largest
 * and half the smallest count. Sorting changes only the two end points, so no sort is needed.
 */
export function sortedHistogramArea(counts: ArrayLike<number>): number {
  const n = counts.length;
  if (n < 2) return 0;
  let total = 0;
  let max = -Infinity;
  let min = Infinity;
  for (let i = 0; i < n; i++) {
    const c = counts[i];
    total += c;
    if (c > max) max = c;
    if (c < min) min = c;
  }
  return total - (max + min) / 2;
}

/**
 * T-RECS's InteractionSpread: the previous day's sorted-histogram area minus today's. Positive
 * when today's consumption is more concentrated or smaller than yesterday's, negative when it
 * spreads over more items. T-RECS compares the first step with an all-zero histogram; here the
 * first day has no previous one and gets NaN, so that it does not dwarf every later day.
 */
export function interactionSpread(previousArea: number, area: number): number {
  return Number.isFinite(previousArea) ? previousArea - area : NaN;
}

/** Upper rank (inclusive) of band b: 1, 3, 7, 15, ...: bands of items ranked 1, 2-3, 4-7, 8-15, ... */
export function rankBandEnd(band: number): number {
  return 2 ** (band + 1) - 1;
}

/** The rank bands ("1", "2-3", "4-7", ...) that cover a catalogue of `items`. */
export function rankBandLabels(bands: number): string[] {
  return Array.from({ length: bands }, (_, b) => {
    const from = 2 ** b;
    const to = rankBandEnd(b);
    return from === to ? String(from) : `${from}-${to}`;
  });
}

/**
 * Shares of the day's consumption on the items ranked 1, 2-3, 4-7, 8-15, ... by that day's count
 * (doubling bands: the head is resolved item by item, the long tail in wide bands), as many bands
 * as the catalogue needs; empty when nothing was consumed. The histogram with item identities
 * left out: it shows how concentrated a day's consumption is, comparable across days and arms.
 */
export function rankBandShares(counts: ArrayLike<number>): number[] {
  const positive: number[] = [];
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] > 0) {
      positive.push(counts[i]);
      total += counts[i];
    }
  }
  if (total === 0) return [];
  positive.sort((a, b) => b - a);
  const bands = Math.max(1, Math.ceil(Math.log2(counts.length + 1)));
  const shares = new Array<number>(bands).fill(0);
  let band = 0;
  for (let rank = 1; rank <= positive.length; rank++) {
    while (rank > rankBandEnd(band)) band++;
    shares[band] += positive[rank - 1] / total;
  }
  return shares;
}
