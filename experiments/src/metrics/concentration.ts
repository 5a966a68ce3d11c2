/**
 * How concentrated consumption is over the catalogue. `counts[i]` is how often item i was
 * consumed; items never consumed count as zeros, so pass counts over the whole catalogue.
 */

/** Gini coefficient in [0, 1): 0 when every item is consumed equally, near 1 when one item takes all. */
export function gini(counts: ArrayLike<number>): number {
  const n = counts.length;
  if (n === 0) return 0;
  const sorted = Float64Array.from(counts).sort();
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    total += sorted[i];
    weighted += (i + 1) * sorted[i];
  }
  if (total === 0) return 0;
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

/** Share of all consumption that went to the top `fraction` of items (e.g. 0.1 = top 10%). */
export function topShare(counts: ArrayLike<number>, fraction: number): number {
  const n = counts.length;
  if (n === 0) return 0;
  const sorted = Float64Array.from(counts).sort().reverse();
  const k = Math.max(1, Math.ceil(fraction * n));
  let top = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += sorted[i];
    if (i < k) top += sorted[i];
  }
  return total === 0 ? 0 : top / total;
}

/** Share of the catalogue consumed at least once. */
export function coverage(counts: ArrayLike<number>, itemCount = counts.length): number {
  if (itemCount === 0) return 0;
  let consumed = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) consumed++;
  return consumed / itemCount;
}
