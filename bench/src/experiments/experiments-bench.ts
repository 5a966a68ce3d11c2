import { mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from '@prodsim/core';
import { runExperiment } from '@prodsim/experiments';
import { machine, table } from '../report.js';

/**
 * The filter-bubble experiment (examples/experiments/filter-bubble.yaml: 10,000 users, 90 days,
 * 3 arms, 5 replications, in-process baselines), run as `prodsim experiment run` runs it: in
 * worker threads, one per core. Target: under 5 minutes on this machine.
 */
const ROOT = join(import.meta.dirname, '..', '..', '..');
const specPath = process.argv[2] ?? join(ROOT, 'examples/experiments/filter-bubble.yaml');
const registryModule = new URL(`file://${join(ROOT, 'bin/registry.js')}`).href;
const { domains } = (await import(registryModule)) as { domains: import('@prodsim/core').DomainRegistry };
const specInput = loadConfigFile(specPath);
const plugin = domains.get(String(specInput.domain));
const outDir = mkdtempSync(join(tmpdir(), 'prodsim-bench-exp-'));
const workers = availableParallelism();

console.log(`# bench/experiments (${machine()}, ${workers} worker threads)`);
console.log(`spec: ${specPath}`);
const result = await runExperiment({ specInput, plugin, outDir, workers, registryModule, fresh: true });
const events = result.summary.events.perReplication.reduce((a, b) => a + b, 0);
const simulatedDays = result.spec.replications * result.spec.days;
console.log(
  table(
    ['experiment', 'users', 'days', 'arms', 'replications', 'wall s', 'events', 'events/s', 'sim days/s'],
    [[result.spec.name, (result.spec.domainConfig as { users?: number }).users ?? 0, result.spec.days, result.spec.arms.length, result.spec.replications, result.wallSeconds.toFixed(1), events, Math.round(events / result.wallSeconds), (simulatedDays / result.wallSeconds).toFixed(2)]],
  ),
);
console.log(`target: under 300 s; results in ${outDir} (report.html ${(readFileSync(join(outDir, 'summary.json')).length / 1024).toFixed(0)} KiB summary)`);
