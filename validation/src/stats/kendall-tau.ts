/**
 * Kendall's tau-b between two scorings of the same items (x[i] and y[i] belong to item i):
 * (concordant - discordant) / sqrt((pairs - ties in x) (pairs - ties in y)). 1 when both order
 * the items the same way, -1 when one reverses the other; ties count for neither. NaN when one
 * scoring ties every pair (there is no ordering to compare).
 */
export function kendallTau(x: readonly number[], y: readonly number[]): number {
  if (x.length !== y.length) throw new RangeError(`kendallTau needs two scorings of the same items, got ${x.length} and ${y.length} values`);
  let concordant = 0;
  let discordant = 0;
  let tiesX = 0;
  let tiesY = 0;
  let pairs = 0;
  for (let i = 0; i < x.length; i++) {
    for (let j = i + 1; j < x.length; j++) {
      pairs++;
      const dx = Math.sign(x[i] - x[j]);
      const dy = Math.sign(y[i] - y[j]);
      if (dx === 0) tiesX++;
      if (dy === 0) tiesY++;
      if (dx !== 0 && dy !== 0) {
        if (dx === dy) concordant++;
        else discordant++;
      }
    }
  }
  const denominator = Math.sqrt((pairs - tiesX) * (pairs - tiesY));
  return denominator === 0 ? NaN : (concordant - discordant) / denominator;
}
