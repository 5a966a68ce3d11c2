/** A value for reading: three significant figures, "n/a" for NaN and missing values. */
export function formatValue(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'n/a';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  if (abs >= 1000) return v.toFixed(0);
  if (abs < 1e-3) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
}

/** A difference, with its sign always shown. */
export function formatSigned(v: unknown): string {
  const text = formatValue(v);
  return typeof v === 'number' && v > 0 ? `+${text}` : text;
}

export function formatP(p: unknown): string {
  if (typeof p !== 'number' || !Number.isFinite(p)) return 'n/a';
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}
