import type { FidelityFigures } from './fidelity-figures.js';

export interface FidelityRow {
  figure: string;
  real: number;
  /** Mean over the simulated runs (seeds). */
  simulated: number;
  /** Lowest and highest value over the simulated runs. */
  min: number;
  max: number;
  /** simulated / real - 1. */
  difference: number;
  /** Whether the figure is held to the tolerance (scale-dependent figures are shown for context only). */
  gated: boolean;
  within: boolean;
}

/** Genres too rare in the real data for a month of ratings to estimate (under 1% of ratings) are shown, not gated. */
const GENRE_GATE = 0.01;

type Pick = (f: FidelityFigures) => number;

function figures(real: FidelityFigures): [string, Pick, boolean][] {
  const out: [string, Pick, boolean][] = [
    ['ratings (context)', (f) => f.ratings, false],
    ['mean rating (stars)', (f) => f.meanRating, true],
  ];
  for (let i = 0; i < 5; i++) out.push([`share of ${i + 1}-star ratings`, (f) => f.histogram[i], true]);
  for (const name of ['user', 'movie'] as const) {
    const c = (f: FidelityFigures) => (name === 'user' ? f.perUser : f.perMovie);
    out.push([`${name}s with ratings (context)`, (f) => c(f).entities, false]);
    out.push([`ratings per ${name}: mean (context)`, (f) => c(f).mean, false]);
    for (const q of ['p10', 'p25', 'p50', 'p75', 'p90', 'p99'] as const) out.push([`ratings per ${name}: ${q} (context)`, (f) => c(f).quantiles[q], false]);
    for (const q of ['p50', 'p90', 'p99'] as const) out.push([`ratings per ${name}: ${q} / mean`, (f) => c(f).quantiles[q] / c(f).mean, true]);
    out.push([`ratings per ${name}: Gini`, (f) => c(f).gini, true]);
  }
  out.push(['share of ratings on the top 10% of movies', (f) => f.top10Share, true]);
  out.push(["sd of users' mean ratings (noise-corrected)", (f) => f.userMeanSd, true]);
  out.push(["sd of users' mean ratings (raw, context)", (f) => f.userMeanSdRaw, false]);
  for (const [genre, share] of Object.entries(real.genreShares)) out.push([`genre share: ${genre}`, (f) => f.genreShares[genre] ?? 0, share >= GENRE_GATE]);
  return out;
}

/**
 * Side by side: the figures that describe a dataset's shape regardless of its size (shares,
 * Gini, quantiles relative to the mean, spread of user means) are gated at `tolerance`; absolute
 * sizes (ratings per user over years vs over a month) are printed for context. With several
 * simulated runs (seeds), the gate applies to their mean and the range shows the seed spread.
 */
export function compareFigures(real: FidelityFigures, simulated: FidelityFigures | FidelityFigures[], tolerance = 0.2): FidelityRow[] {
  const sims = Array.isArray(simulated) ? simulated : [simulated];
  return figures(real).map(([figure, pick, gated]) => {
    const r = pick(real);
    const values = sims.map(pick);
    const s = values.reduce((a, b) => a + b, 0) / values.length;
    const difference = r === 0 ? (s === 0 ? 0 : Infinity) : s / r - 1;
    return { figure, real: r, simulated: s, min: Math.min(...values), max: Math.max(...values), difference, gated, within: Math.abs(difference) <= tolerance };
  });
}

export function formatComparison(rows: FidelityRow[], tolerance = 0.2): string {
  const fmt = (x: number) => (!Number.isFinite(x) ? String(x) : Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(3));
  const ranged = rows.some((r) => r.min !== r.max);
  const header = ['figure', 'real', 'simulated', ...(ranged ? ['seed range'] : []), 'diff', `within ${Math.round(tolerance * 100)}%`];
  const cells = rows.map((r) => [
    r.figure,
    fmt(r.real),
    fmt(r.simulated),
    ...(ranged ? [`${fmt(r.min)}..${fmt(r.max)}`] : []),
    Number.isFinite(r.difference) ? `${r.difference >= 0 ? '+' : ''}${(r.difference * 100).toFixed(1)}%` : 'n/a',
    r.gated ? (r.within ? 'yes' : 'NO') : '-',
  ]);
  const widths = header.map((_, i) => Math.max(header[i].length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
  const gated = rows.filter((r) => r.gated);
  const ok = gated.filter((r) => r.within).length;
  return [
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map(line),
    '',
    `${ok} of ${gated.length} gated figures within ${Math.round(tolerance * 100)}%`,
  ].join('\n');
}
