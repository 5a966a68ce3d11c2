import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from '@prodsim/core';
import { runExperiment, threadsToFillCores } from '@prodsim/experiments';
import { machine, table } from '../report.js';
import { compareDesigns } from './design-variance.js';
import { printBreakdown, whereTimeGoes } from './where-time-goes.js';

/**
 * The filter-bubble experiment (examples/experiments/filter-bubble.yaml: 10,000 users, 90 days,
 * 3 arms, 5 replications, in-process baselines), run as `prodsim experiment run` runs it: in
 * worker threads, as many as the CLI's default (one per core, or a few more when the
 * replications do not divide evenly over the cores). Target: under 5 minutes on this machine. Then once more with raw
 * data (`--raw`: every slate and interaction to Parquet), whose cost must stay within 30% of the
 * plain run's wall time. Then the same spec at
 * reduced size (3,000 users, 20 days) in the split and the paired design: how much the paired
 * design narrows the comparison of the personalised arm with random on engagement. Then the spec
 * over 30 days with one thread per core against the default thread count. Last, where
 * the time goes: one replication of the spec in this thread under the V8 profiler, its self time
 * by area (world, core, each baseline, metrics); where-time-goes.ts runs that part alone.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const specPath = process.argv[2] ?? join(ROOT, 'examples/experiments/filter-bubble.yaml');
const registryModule = new URL(`file://${join(ROOT, 'bin/registry.js')}`).href;
const { domains } = await ((await import(registryModule)) as { registries(): Promise<{ domains: import('@prodsim/core').DomainRegistry }> }).registries();
const specInput = loadConfigFile(specPath);
const plugin = domains.get(String(specInput.domain));
const outDir = mkdtempSync(join(tmpdir(), 'prodsim-bench-exp-'));
// The CLI's default: one thread per core, or a few more when the replications do not divide evenly.
const workers = 'cores' as const;

console.log(
  `# bench/experiments (${machine()}, worker threads: ${threadsToFillCores(Number(specInput.replications ?? 1), availableParallelism())} for ${availableParallelism()} cores)`,
);
console.log(`spec: ${specPath}`);
// CPU seconds of the process, worker threads included: steadier than wall time on a shared machine.
const cpuSeconds = (since?: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
let cpu = process.cpuUsage();
const result = await runExperiment({ specInput, plugin, outDir, workers, registryModule, fresh: true });
const plainCpu = cpuSeconds(cpu);
const events = result.summary.events.perReplication.reduce((a, b) => a + b, 0);
const simulatedDays = result.spec.replications * result.spec.days;
console.log(
  table(
    ['experiment', 'users', 'days', 'arms', 'replications', 'wall s', 'events', 'events/s', 'sim days/s'],
    [
      [
        result.spec.name,
        (result.spec.domainConfig as { users?: number }).users ?? 0,
        result.spec.days,
        result.spec.arms.length,
        result.spec.replications,
        result.wallSeconds.toFixed(1),
        events,
        Math.round(events / result.wallSeconds),
        (simulatedDays / result.wallSeconds).toFixed(2),
      ],
    ],
  ),
);
console.log(`target: under 300 s; results in ${outDir} (report.html ${(readFileSync(join(outDir, 'summary.json')).length / 1024).toFixed(0)} KiB summary)`);

const rawOut = mkdtempSync(join(tmpdir(), 'prodsim-bench-raw-'));
cpu = process.cpuUsage();
const withRaw = await runExperiment({ specInput, plugin, outDir: rawOut, workers, registryModule, fresh: true, raw: true });
const rawCpu = cpuSeconds(cpu);
const rawFiles = readdirSync(join(rawOut, 'raw'));
const mib = (prefix: string) => rawFiles.filter((f) => f.startsWith(prefix)).reduce((a, f) => a + statSync(join(rawOut, 'raw', f)).size, 0) / 2 ** 20;
console.log(
  table(
    ['run', 'wall s', 'vs plain', 'CPU s', 'vs plain', 'slates MiB', 'interactions MiB', 'consumption MiB', 'metrics MiB'],
    [
      ['plain', result.wallSeconds.toFixed(1), '1.00x', plainCpu.toFixed(1), '1.00x', '', '', '', ''],
      [
        '--raw',
        withRaw.wallSeconds.toFixed(1),
        `${(withRaw.wallSeconds / result.wallSeconds).toFixed(2)}x`,
        rawCpu.toFixed(1),
        `${(rawCpu / plainCpu).toFixed(2)}x`,
        mib('slates-').toFixed(1),
        mib('interactions-').toFixed(1),
        mib('consumption-').toFixed(1),
        (mib('metrics') + mib('groups')).toFixed(2),
      ],
    ],
  ),
);
console.log(`target: --raw within 1.30x of the plain run; raw data in ${join(rawOut, 'raw')}`);

const reduced: Record<string, unknown> = { ...specInput, days: 20, world: { ...(specInput.world as Record<string, unknown>), users: 3000 } };
const arms = (specInput.arms as { name: string }[]).map((a) => a.name);
const designs = await compareDesigns(reduced, plugin, { registryModule, workers, arm: arms[arms.length - 1], baseline: arms[0], metric: 'engagementPerUser' });
console.log(`\n${arms[arms.length - 1]} - ${arms[0]}, engagement per user, 3,000 users, 20 days, ${String(specInput.replications)} replications:`);
console.log(
  table(
    ['design', 'mean difference', 'sd of differences', '95% CI half-width', 'arm correlation', 'wall s'],
    designs.map((d) => [d.design, d.meanDifference.toFixed(2), d.sd.toFixed(3), d.ciHalfWidth.toFixed(3), d.correlation.toFixed(2), d.wallSeconds.toFixed(1)]),
  ),
);
console.log(
  `variance reduction (split sd^2 / paired sd^2): ${(designs[0].sd ** 2 / designs[1].sd ** 2).toFixed(2)}x; an sd from ${designs[0].differences.length} replications is rough (from 5, its 95% interval spans about 0.6x to 2.9x)`,
);

// The default thread count against one thread per core, on a shorter filter bubble (the same
// replications): with 5 replications on 2 cores, 3 threads instead of 2 (runner/thread-count.ts).
const cores = availableParallelism();
const shorter = { ...specInput, days: 30, expect: [] };
const threadRuns: { name: string; wall: number }[] = [];
for (const [name, threads] of [
  [`${cores} (one per core)`, cores],
  [`${threadsToFillCores(Number(specInput.replications ?? 1), cores)} (the default)`, 'cores'],
] as const) {
  const run = await runExperiment({
    specInput: shorter,
    plugin,
    outDir: mkdtempSync(join(tmpdir(), 'prodsim-bench-threads-')),
    workers: threads,
    registryModule,
    fresh: true,
  });
  threadRuns.push({ name, wall: run.wallSeconds });
}
console.log(`
worker threads, the same spec over 30 days, ${cores} cores:`);
console.log(
  table(
    ['threads', 'wall s', 'vs one per core'],
    threadRuns.map((r) => [r.name, r.wall.toFixed(1), `${(r.wall / threadRuns[0].wall).toFixed(2)}x`]),
  ),
);

const profiled = await whereTimeGoes(specInput, plugin);
console.log(
  `\nwhere the time goes: replication 0 in this thread under the V8 profiler (${profiled.wallSeconds.toFixed(1)} s wall, ${(profiled.breakdown.totalMs / 1000).toFixed(1)} s sampled):`,
);
console.log(printBreakdown(profiled.breakdown));
