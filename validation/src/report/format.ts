/** A number for people: 3 significant digits, NaN as "n/a". */
export function fmt(x: number | null | undefined, digits = 3): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  if (x !== 0 && Math.abs(x) < 0.001) return x.toExponential(1);
  return Number(x.toPrecision(digits)).toString();
}

/** A p-value: "< 0.001" below that. */
export function fmtP(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

/** A figure of the distributions tier: a number or a short list. */
export function fmtFigure(x: number | number[]): string {
  return Array.isArray(x) ? x.map((v) => fmt(v, 2)).join(' ') : fmt(x);
}
