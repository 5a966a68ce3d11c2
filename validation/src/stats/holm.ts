/**
 * Holm's step-down adjustment of p-values for a family of tests (Holm 1979): sorted ascending,
 * the i-th smallest (from 0) is multiplied by (m - i), made monotone and capped at 1. Reject
 * where the adjusted p is below alpha. Returned in the input's order.
 *
 * TODO(dedup): @prodsim/experiments is getting its own Holm adjustment in experiments/src/stats;
 * once it is exported, use it here and delete this file.
 */
export function holmAdjust(p: readonly number[]): number[] {
  const m = p.length;
  // A test that could not be run (NaN) counts as p = 1 for the others and stays NaN itself.
  const q = p.map((x) => (Number.isNaN(x) ? 1 : x));
  const order = q.map((_, i) => i).sort((a, b) => q[a] - q[b] || a - b);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach((index, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * q[index]));
    adjusted[index] = Number.isNaN(p[index]) ? NaN : running;
  });
  return adjusted;
}
