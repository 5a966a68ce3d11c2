/**
 * Holm's step-down adjustment of p values for multiple comparisons (Holm 1979): it controls the
 * family-wise error rate (the chance of any false finding among the tests) at alpha when each
 * adjusted p is compared with alpha, under any dependence between the tests, and it is uniformly
 * more powerful than Bonferroni.
 *
 * With m tests sorted by p ascending, the adjusted p of the i-th (0-based) is
 * max over j <= i of min(1, (m - j) * p_(j)). Returned in the input order. Values that are not
 * finite (a test that could not be run) are not tests: they stay NaN and do not count in m.
 */
export function holm(pValues: readonly number[]): number[] {
  const order = pValues
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => Number.isFinite(p))
    .sort((a, b) => a.p - b.p || a.i - b.i);
  const m = order.length;
  const adjusted = pValues.map(() => NaN);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
