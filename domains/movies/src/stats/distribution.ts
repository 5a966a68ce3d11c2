/** Gini coefficient of non-negative values (0 = all equal, 1 = one holds everything). */
export function gini(values: ArrayLike<number>): number {
  const v = Float64Array.from(values).sort();
  const n = v.length;
  let sum = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    sum += v[i];
    weighted += (2 * i - n + 1) * v[i];
  }
  return n === 0 || sum === 0 ? 0 : weighted / (n * sum);
}

/** Quantile by the nearest-rank-below rule on sorted values (q in [0, 1]). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.floor(q * (sorted.length - 1))];
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return values.length > 0 ? s / values.length : NaN;
}

/** Share of the total held by the top `fraction` of values (by size). */
export function topShare(values: ArrayLike<number>, fraction: number): number {
  const v = Float64Array.from(values).sort().reverse();
  const k = Math.ceil(v.length * fraction);
  let top = 0;
  let all = 0;
  for (let i = 0; i < v.length; i++) {
    all += v[i];
    if (i < k) top += v[i];
  }
  return all > 0 ? top / all : 0;
}
