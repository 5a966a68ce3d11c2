/** Nearest-rank percentile of the finite values (NaN when there are none). */
export function percentile(values: ArrayLike<number>, q: number): number {
  const finite = Float64Array.from(Array.from(values).filter(Number.isFinite)).sort();
  if (finite.length === 0) return NaN;
  return finite[Math.min(finite.length - 1, Math.max(0, Math.ceil(q * finite.length) - 1))];
}
