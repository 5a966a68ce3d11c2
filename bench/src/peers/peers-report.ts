import { formatNumber, mib, table } from '../report.js';
import { sizeLabel, type Recommender, type ScenarioResult } from './scenarios.js';

/** A peer that could not be installed or run: it is named in the report with the reason. */
export interface PeerProblem {
  simulator: string;
  problem: string;
}

/** The targets of the issue: prodsim's rate with a real (popularity) recommender against each peer's best. */
export const TARGETS: Record<string, number> = { 'T-RECS': 100, RecLab: 10 };

const key = (r: Pick<ScenarioResult, 'recommender' | 'users' | 'items' | 'steps'>) => `${r.recommender} ${r.users}x${r.items}x${r.steps}`;

function ratio(x: number): string {
  if (!Number.isFinite(x)) return '-';
  return x >= 10 ? `${Math.round(x).toLocaleString('en-US')}x` : `${x.toFixed(2)}x`;
}

/** The side-by-side table: one row per simulator and scenario, peers with prodsim's ratio to them. */
export function comparisonTable(results: readonly ScenarioResult[]): string {
  const prodsim = new Map(results.filter((r) => r.simulator === 'prodsim').map((r) => [key(r), r]));
  const sizes = [...new Set(results.map((r) => `${r.users}x${r.items}x${r.steps}`))];
  const ordered: ScenarioResult[] = [];
  for (const size of sizes) {
    for (const recommender of ['popularity', 'random', 'personalised'] as Recommender[]) {
      for (const r of results) if (`${r.users}x${r.items}x${r.steps}` === size && r.recommender === recommender && r.simulator !== 'prodsim') ordered.push(r);
      for (const r of results) if (`${r.users}x${r.items}x${r.steps}` === size && r.recommender === recommender && r.simulator === 'prodsim') ordered.push(r);
    }
  }
  const text = table(
    ['simulator', 'scenario', 'users x items x steps', 'wall s', 'interactions/s', 'peak memory', 'prodsim speed ratio', 'prodsim memory ratio'],
    ordered.map((r) => {
      const ours = r.simulator === 'prodsim' ? undefined : prodsim.get(key(r));
      return [
        r.simulator === 'prodsim' ? 'prodsim' : `${r.simulator} ${r.version}`,
        r.recommender,
        sizeLabel(r, r.stepsRun) + (r.truncated ? ' *' : ''),
        r.wallSeconds.toFixed(2),
        Math.round(r.interactionsPerSecond),
        mib(r.peakRssBytes),
        ours ? ratio(ours.interactionsPerSecond / r.interactionsPerSecond) : '',
        ours ? ratio(ours.peakRssBytes / r.peakRssBytes) : '',
      ];
    }),
  );
  // prodsim's rows leave the ratio columns empty: no trailing blanks.
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

export interface TargetCheck {
  peer: string;
  size: string;
  peerBest: ScenarioResult;
  prodsim: ScenarioResult;
  speedRatio: number;
  target: number;
  memoryOk: boolean;
  met: boolean;
}

/**
 * For each peer and size: the peer's best rate (either recommender) against prodsim's rate with
 * the popularity recommender, and prodsim's peak memory against the peer's lowest at that size.
 */
export function targetChecks(results: readonly ScenarioResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const peer of Object.keys(TARGETS)) {
    const runs = results.filter((r) => r.simulator === peer);
    const sizes = [...new Set(runs.map((r) => `${r.users}x${r.items}x${r.steps}`))];
    for (const size of sizes) {
      const atSize = runs.filter((r) => `${r.users}x${r.items}x${r.steps}` === size);
      const ours = results.find((r) => r.simulator === 'prodsim' && r.recommender === 'popularity' && `${r.users}x${r.items}x${r.steps}` === size);
      if (!ours || atSize.length === 0) continue;
      const best = atSize.reduce((a, b) => (b.interactionsPerSecond > a.interactionsPerSecond ? b : a));
      const leanest = Math.min(...atSize.map((r) => r.peakRssBytes));
      const speedRatio = ours.interactionsPerSecond / best.interactionsPerSecond;
      const memoryOk = ours.peakRssBytes <= leanest;
      checks.push({
        peer,
        size: sizeLabel(ours),
        peerBest: best,
        prodsim: ours,
        speedRatio,
        target: TARGETS[peer],
        memoryOk,
        met: speedRatio >= TARGETS[peer] && memoryOk,
      });
    }
  }
  return checks;
}

export function targetLines(checks: readonly TargetCheck[]): string[] {
  return checks.map(
    (c) =>
      `${c.met ? 'met    ' : 'NOT MET'}  ${c.peer} ${c.size}: prodsim popularity ${formatNumber(Math.round(c.prodsim.interactionsPerSecond))}/s vs ${c.peer}'s best ` +
      `(${c.peerBest.recommender}) ${formatNumber(Math.round(c.peerBest.interactionsPerSecond))}/s = ${ratio(c.speedRatio)} (target ${c.target}x); ` +
      `memory ${mib(c.prodsim.peakRssBytes)} vs ${mib(c.peerBest.peakRssBytes)}${c.memoryOk ? '' : ' (more than the peer)'}`,
  );
}

/** What each simulator computes in these scenarios, once per simulator and recommender. */
export function computesLines(results: readonly ScenarioResult[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const r of results) {
    const k = `${r.simulator} ${r.recommender}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(`- ${r.simulator}, ${r.recommender}: ${r.computes}`);
  }
  return out;
}

export function truncationLines(results: readonly ScenarioResult[], budgetSeconds: number): string[] {
  return results
    .filter((r) => r.truncated)
    .map(
      (r) =>
        `* ${r.simulator} ${r.recommender} ${sizeLabel(r)}: stopped after ${r.stepsRun} of ${r.steps} steps at the ${budgetSeconds} s budget ` +
        `(--full runs every step); its rate is over the steps it ran, its peak memory is at that point.`,
    );
}

/** Each simulator's memory after its imports and before building a world (the least of its runs). */
export function baselineLine(results: readonly ScenarioResult[]): string {
  const least = new Map<string, number>();
  for (const r of results) {
    const b = Number(r.baselineRssBytes);
    if (!Number.isFinite(b) || b <= 0) continue;
    least.set(r.simulator, Math.min(least.get(r.simulator) ?? Infinity, b));
  }
  return [...least].map(([simulator, bytes]) => `${simulator} ${mib(bytes)}`).join(', ');
}
