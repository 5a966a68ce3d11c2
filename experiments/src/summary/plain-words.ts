/** The words summary.json and the CLI use for findings: one place, so that they stay consistent. */

/** Replications below which no difference is called chance or not: too few to estimate variance. */
export const MIN_REPLICATIONS = 3;

/** Three significant figures; exponent form for very small or large values. */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 0.001 || a >= 1e6)) return x.toExponential(2);
  return Number(x.toPrecision(3)).toString();
}

export function signed(x: number): string {
  return x > 0 ? `+${fmt(x)}` : fmt(x);
}

export function pText(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** "(+12%)" of the baseline, or nothing when the baseline's mean is 0. */
export function relativeText(relative: number): string {
  return Number.isFinite(relative) ? ` (${signed(Number((100 * relative).toPrecision(2)))}%)` : '';
}

const METHOD_TEXT = { welch: "Welch's t-test", 'paired-t': 'paired t-test on per-replication differences', bootstrap: 'bootstrap', none: 'no test' } as const;

export function methodText(method: keyof typeof METHOD_TEXT): string {
  return METHOD_TEXT[method];
}

export interface ComparisonWords {
  arm: string;
  baseline: string;
  label: string;
  meanArm: number;
  meanBaseline: number;
  difference: number;
  relativeDifference: number;
  ci95: [number, number];
  p: number;
  adjustedP: number;
  replications: number;
  method: keyof typeof METHOD_TEXT;
}

/**
 * One comparison in plain words: the effect (difference, relative change, the two means), its
 * 95% interval, the raw and Holm-adjusted p, and a verdict only with enough replications.
 */
export function comparisonSentence(c: ComparisonWords, tests: number): string {
  const interval = `95% CI of the difference ${signed(c.ci95[0])} to ${signed(c.ci95[1])}; ${pText(c.p)}, Holm-adjusted ${pText(c.adjustedP)} over ${tests} comparisons; ${c.replications} replications, ${methodText(c.method)}`;
  let verdict: string;
  if (c.replications < MIN_REPLICATIONS) verdict = `too few replications to tell this from chance (${MIN_REPLICATIONS} or more are needed)`;
  else if (c.adjustedP < 0.05) verdict = `a difference unlikely to be chance at the 5% level, after adjusting for ${tests} comparisons`;
  else verdict = `not distinguishable from chance at the 5% level, after adjusting for ${tests} comparisons`;
  if (c.difference === 0) return `${c.arm} and ${c.baseline} gave the same ${c.label} on average, ${fmt(c.meanArm)} (${interval}): ${verdict}.`;
  const verb = c.difference > 0 ? 'raised' : 'lowered';
  return `${c.arm} ${verb} ${c.label} by ${fmt(Math.abs(c.difference))}${relativeText(c.relativeDifference)} compared with ${c.baseline}, from ${fmt(c.meanBaseline)} to ${fmt(c.meanArm)} (${interval}): ${verdict}.`;
}
