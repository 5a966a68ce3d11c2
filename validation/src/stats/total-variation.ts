/**
 * Total-variation distance between two histograms over the same bins (counts or shares): half
 * the sum of absolute differences of their normalised shares, 0 = identical, 1 = disjoint.
 */
export function totalVariation(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`totalVariation needs histograms over the same bins, got ${a.length} and ${b.length}`);
  const sa = a.reduce((s, x) => s + x, 0);
  const sb = b.reduce((s, x) => s + x, 0);
  if (sa === 0 || sb === 0) return NaN;
  let d = 0;
  for (let i = 0; i < a.length; i++) d += Math.abs(a[i] / sa - b[i] / sb);
  return d / 2;
}

/** A histogram as shares of its total (zeros when empty). */
export function shares(counts: readonly number[]): number[] {
  const total = counts.reduce((s, x) => s + x, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}
