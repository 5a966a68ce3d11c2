import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainPlugin } from '@prodsim/core';
import { mean, runExperiment, variance } from '@prodsim/experiments';

export interface DesignVariance {
  design: 'split' | 'paired';
  /** Per replication: the arm's and the baseline's final-period values, and their difference. */
  armValues: number[];
  baselineValues: number[];
  differences: number[];
  /** Correlation of the two arms' values over replications: what pairing can cancel. */
  correlation: number;
  meanDifference: number;
  /** Standard deviation of the per-replication differences. */
  sd: number;
  /** Half-width of the summary's 95% CI of the difference (Welch for split, paired t for paired). */
  ciHalfWidth: number;
  wallSeconds: number;
}

/**
 * Runs one spec in both designs and measures how much the paired design (every arm on its own
 * copy of the same world) narrows the comparison of `arm` with `baseline` on `metric`, compared
 * with the user-split design: the sd of per-replication differences and the CI half-width.
 */
export async function compareDesigns(
  specInput: Record<string, unknown>,
  plugin: DomainPlugin,
  options: { registryModule: string; workers: number | 'cores'; arm: string; baseline: string; metric: string },
): Promise<DesignVariance[]> {
  const out: DesignVariance[] = [];
  for (const design of ['split', 'paired'] as const) {
    const outDir = mkdtempSync(join(tmpdir(), `prodsim-bench-design-${design}-`));
    const { summary, wallSeconds } = await runExperiment({
      specInput: { ...specInput, design, expect: [] },
      plugin,
      outDir,
      workers: options.workers,
      registryModule: options.registryModule,
      fresh: true,
    });
    const a = summary.final[options.arm][options.metric].values;
    const b = summary.final[options.baseline][options.metric].values;
    const differences = a.map((x, i) => x - b[i]);
    const c = summary.comparisons.find((x) => x.arm === options.arm && x.metric === options.metric);
    out.push({
      design,
      armValues: a,
      baselineValues: b,
      differences,
      correlation: correlation(a, b),
      meanDifference: mean(differences),
      sd: Math.sqrt(variance(differences)),
      ciHalfWidth: c ? (c.ci95[1] - c.ci95[0]) / 2 : NaN,
      wallSeconds,
    });
  }
  return out;
}

function correlation(a: readonly number[], b: readonly number[]): number {
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  for (let i = 0; i < a.length; i++) sab += (a[i] - ma) * (b[i] - mb);
  return sab / (a.length - 1) / Math.sqrt(variance(a) * variance(b));
}
