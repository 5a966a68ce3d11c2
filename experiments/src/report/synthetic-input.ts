import { RandomStream } from '@prodsim/core';
import type { DayMetrics, GroupMetrics } from '../recorder/day-metrics.js';
import { mean, welch } from '../stats/compare.js';
import { holm } from '../stats/holm.js';
import type { ReportComparison, ReportInput } from './report-input.js';

export interface SyntheticOptions {
  arms?: string[];
  days?: number;
  replications?: number;
  seed?: string;
  groups?: string[];
  finalDays?: number;
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** Shares of consumption over doubling rank bands: the larger `head`, the more goes to the top-ranked items. */
function bandShares(bands: number, head: number): number[] {
  const raw = Array.from({ length: bands }, (_, b) => head * (1 - head) ** b * 2 ** (b / 2));
  const total = raw.reduce((x, y) => x + y, 0);
  return raw.map((x) => x / total);
}

/**
 * A plausible report input with no simulation behind it: arms that drift apart over time, an
 * outage that dips the success rate, user groups. For the report's tests and for trying the page
 * out (the shapes are invented; only the structure matches a real run). Seeded, so deterministic.
 */
export function syntheticReportInput(o: SyntheticOptions = {}): ReportInput {
  const arms = o.arms ?? ['random', 'popularity', 'personalised'];
  const days = o.days ?? 30;
  const replications = o.replications ?? 5;
  const groups = o.groups ?? ['18-24', '25-44', '45+'];
  const finalDays = o.finalDays ?? 7;
  const outage = Math.floor(days / 3);
  const rows: DayMetrics[] = [];
  for (let rep = 0; rep < replications; rep++) {
    const rng = new RandomStream(`synthetic/${o.seed ?? 'report'}/${rep}`);
    for (let day = 0; day < days; day++) {
      const t = day / Math.max(1, days - 1);
      arms.forEach((arm, a) => {
        const down = day >= outage && day < outage + 2;
        const g: Record<string, GroupMetrics> = {};
        groups.forEach((name, k) => {
          g[name] = {
            users: 100,
            interactions: 300 + 20 * a,
            meanTrueValue: 3.6 - 0.15 * a * t * (k + 1) + rng.normal(0, 0.04),
            engagementPerUser: 28 + 3 * a - 2 * k + rng.normal(0, 1),
            tasteDrift: 0.05 * t * (1 + a) * (1 + 0.3 * k) + Math.abs(rng.normal(0, 0.005)),
          };
        });
        rows.push({
          replication: rep,
          seed: `${o.seed ?? 'report'}-${rep}`,
          day,
          arm,
          users: 300,
          sampledUsers: 200,
          interactions: 900 + 60 * a,
          engagementPerUser: 30 + 2 * a + 4 * a * t + rng.normal(0, 1.2) - (down ? 6 : 0),
          uptake: clamp01(0.3 + 0.06 * a + rng.normal(0, 0.015) - (down ? 0.2 : 0)),
          meanTrueValue: 3.6 - 0.2 * a * t + rng.normal(0, 0.04),
          personalization: clamp01(0.85 - 0.25 * a * t + rng.normal(0, 0.02)),
          coverage: clamp01(1 - Math.exp(-(day + 1) / (6 + 8 * a)) + rng.normal(0, 0.01)),
          coverageDay: clamp01(0.3 - 0.06 * a + rng.normal(0, 0.01)),
          gini: clamp01(0.35 + 0.18 * a * t + rng.normal(0, 0.015)),
          giniDay: clamp01(0.5 + 0.15 * a + rng.normal(0, 0.02)),
          top10Share: clamp01(0.25 + 0.2 * a * t + rng.normal(0, 0.015)),
          top10ShareDay: clamp01(0.3 + 0.15 * a + rng.normal(0, 0.02)),
          intraListDiversity: clamp01(0.62 - 0.08 * a + rng.normal(0, 0.01)),
          homogenization: clamp01(0.08 + 0.12 * a * t + rng.normal(0, 0.01)),
          homogenizationDay: clamp01(0.02 + 0.05 * a + rng.normal(0, 0.005)),
          tasteDrift: 0.06 * t * (1 + a) + Math.abs(rng.normal(0, 0.004)),
          interactionSpread: day === 0 ? NaN : rng.normal(-2 * a, 8),
          consumptionHistogram: bandShares(11, 0.15 + 0.25 * a * t),
          requests: 900,
          successRate: down ? 0.62 + rng.normal(0, 0.03) : clamp01(0.995 + rng.normal(0, 0.002)),
          latencyP50: 18 + 6 * a + rng.normal(0, 1),
          latencyP99: 60 + 10 * a + rng.normal(0, 4),
          groups: g,
        });
      });
    }
  }
  const comparisons: ReportComparison[] = [];
  const last = days - 1;
  const final = rows.filter((r) => r.day > last - finalDays);
  const finalOf = (arm: string, field: 'homogenization' | 'engagementPerUser' | 'meanTrueValue') => {
    const ofArm = final.filter((r) => r.arm === arm);
    return Array.from({ length: replications }, (_, rep) => mean(ofArm.filter((r) => r.replication === rep).map((r) => r[field])));
  };
  // Welch's test needs two replications per arm; with fewer there is nothing to compare.
  const compared = replications >= 2 ? arms.slice(1) : [];
  for (const [field, label] of [
    ['engagementPerUser', 'engagement per user'],
    ['meanTrueValue', 'mean true rating of consumption'],
    ['homogenization', 'homogenisation of consumption'],
  ] as const) {
    for (const arm of compared) {
      const w = welch(finalOf(arm, field), finalOf(arms[0], field));
      const p = w.p < 0.001 ? 'p < 0.001' : `p = ${w.p.toFixed(3)}`;
      comparisons.push({
        metric: field,
        label,
        arm,
        baseline: arms[0],
        meanArm: w.meanA,
        meanBaseline: w.meanB,
        difference: w.difference,
        relativeDifference: w.difference / Math.abs(w.meanB),
        ci95: w.ci95,
        p: w.p,
        adjustedP: w.p,
        method: 'welch',
        replications,
        sentence: `${arm} ${w.difference >= 0 ? 'raised' : 'lowered'} ${label} by ${Math.abs(w.difference).toPrecision(2)} (95% CI ${w.ci95[0].toPrecision(2)} to ${w.ci95[1].toPrecision(2)}, ${p}) compared with ${arms[0]}.`,
      });
    }
  }
  holm(comparisons.map((c) => c.p)).forEach((p, i) => (comparisons[i].adjustedP = p));
  return {
    title: 'Synthetic feedback-loop experiment',
    description: 'Invented metrics with the structure of a real run, for trying out the report.',
    domain: 'synthetic/v1',
    arms,
    days,
    replications,
    rows,
    scenario: [
      { day: outage, label: 'prediction service outage (2 days)' },
      { day: Math.floor((2 * days) / 3), label: 'catalogue refresh' },
    ],
    comparisons,
    finalDays,
  };
}
