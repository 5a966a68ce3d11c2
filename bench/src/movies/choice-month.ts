import { mkdtempSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runExperiment } from '@prodsim/experiments';
import { machine, table } from '../report.js';

/**
 * bench/movies choice-month: issue 12's month in the default movies world (10,000 users, 30 days,
 * 5 paired replications; oracle, MF, item-kNN, popularity and random), for one setting of the
 * user's choice: watch minutes per user and day, share of watches from the list, and the five
 * engagement gaps tested one-sided at alpha 0.01 (Holm), then issue 12's targets for the default
 * world, each met or MISSED with its figure. It backs the movies README's figures
 * for the default `choiceThreshold`; `--threshold` measures another.
 * Run: node bench/dist/movies/choice-month.js [--threshold 1.45] [--users N] [--days N] [--seed S]
 */
const { values } = parseArgs({
  options: {
    threshold: { type: 'string' },
    users: { type: 'string', default: '10000' },
    days: { type: 'string', default: '30' },
    seed: { type: 'string', default: '2026' },
  },
});
const ROOT = join(import.meta.dirname, '..', '..', '..');
const registryModule = new URL(`file://${join(ROOT, 'bin/registry.js')}`).href;
const { domains } = await ((await import(registryModule)) as { registries(): Promise<{ domains: import('@prodsim/core').DomainRegistry }> }).registries();
const ARMS = ['oracle', 'mf', 'item-knn', 'popularity', 'random'];
const GAPS = [
  ['oracle', 'mf'],
  ['oracle', 'item-knn'],
  ['mf', 'popularity'],
  ['item-knn', 'popularity'],
  ['popularity', 'random'],
];
const world: Record<string, number> = { users: Number(values.users) };
if (values.threshold !== undefined) world.choiceThreshold = Number(values.threshold);
const spec = {
  name: 'choice-month',
  domain: 'movies',
  seed: values.seed,
  replications: 5,
  days: Number(values.days),
  design: 'paired',
  finalDays: Number(values.days),
  world,
  arms: ARMS.map((p) => ({ name: p, predictor: p })),
  expect: GAPS.map(([a, b]) => ({ metric: 'engagementPerUser', arms: [a, b], direction: 'greater', alpha: 0.01 })),
};
console.log(`bench/movies choice-month: ${machine()}; world ${JSON.stringify(world)}, ${values.days} days, 5 paired replications\n`);
const { summary } = await runExperiment({
  specInput: spec,
  plugin: domains.get('movies'),
  outDir: mkdtempSync(join(tmpdir(), 'prodsim-choice-month-')),
  workers: availableParallelism(),
  registryModule,
});
const final = summary.final as Record<string, Record<string, { mean: number }>>;
console.log(
  table(
    ['arm', 'minutes per user and day', 'share of watches from the list'],
    ARMS.map((arm) => [arm, final[arm].engagementPerUser.mean.toFixed(2), `${(100 * final[arm].uptake.mean).toFixed(1)}%`]),
  ),
);
const ratio = final.mf.engagementPerUser.mean / final.random.engagementPerUser.mean;
console.log(`\nMF / random minutes: ${ratio.toFixed(2)}x`);
for (const e of summary.expectations) console.log(`${e.held ? 'holds' : 'does not hold'}: ${e.sentence}`);
// Issue 12's targets for the default world, each with its figure: the gaps above, and these.
const share = (arm: string) => final[arm].uptake.mean;
const targets: [string, boolean][] = [
  ['every engagement gap above holds (p < 0.01, Holm)', summary.expectations.every((e) => e.held)],
  [`MF's minutes >= 1.15x random's: ${ratio.toFixed(2)}x`, ratio >= 1.15],
  [`share of watches from the list >= 50% under MF: ${(100 * share('mf')).toFixed(1)}%`, share('mf') >= 0.5],
  [`share of watches from the list < 20% under random: ${(100 * share('random')).toFixed(1)}%`, share('random') < 0.2],
];
console.log('\ntargets (issue 12, default world):');
for (const [name, met] of targets) console.log(`  ${met ? 'met   ' : 'MISSED'} ${name}`);
