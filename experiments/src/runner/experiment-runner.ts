import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ConfigError, ProdsimError, isErrorCode, type DomainPlugin } from '@prodsim/core';
import { writeMetricsTables } from '../raw/metrics-tables.js';
import { RAW_DIR, rawUnitDone } from '../raw/raw-files.js';
import { parseExperimentSpec, type ExperimentSpec } from '../spec/experiment-spec.js';
import { summarize, type ExperimentSummary } from '../summary/summarize.js';
import { runReplication, type ReplicationResult } from './run-replication.js';
import { mergeUnits, unitName, workUnits, type WorkUnit } from './work-units.js';

export interface ExperimentRunOptions {
  specInput: unknown;
  plugin: DomainPlugin;
  outDir: string;
  /** Parallel worker threads; 0 runs the units one after another in this thread. */
  workers: number;
  /**
   * For worker threads: the composition root's module, whose `registries(plugins)` gives the
   * DomainRegistry of the built-ins and the outside plugins at the `plugins` module URLs.
   */
  registryModule?: string;
  plugins?: readonly string[];
  /** Discard results of an earlier run in `outDir` instead of resuming it. */
  fresh?: boolean;
  /**
   * Also write raw data to `outDir/raw/` as Parquet (raw/raw-files.ts): every slate and
   * interaction per unit of work, and the per-day metrics. A unit kept from an earlier run
   * without its raw files is run again.
   */
  raw?: boolean;
  /** Units of work (replications; replications x arms in the paired design) and simulated days done. */
  onProgress?: (done: number, total: number, daysDone: number, daysTotal: number) => void;
  /** Writes the report; the report module is passed in so that this file stays independent of it. */
  renderReport?: (spec: ExperimentSpec, summary: ExperimentSummary, results: ReplicationResult[]) => string;
}

export interface ExperimentRunResult {
  spec: ExperimentSpec;
  summary: ExperimentSummary;
  /** One per replication (the paired design's arms merged). */
  results: ReplicationResult[];
  /** Replications all of whose units were kept from an earlier, interrupted run. */
  resumed: number[];
  /** Units kept from an earlier run, by name ("3", or "3-random" in the paired design). */
  resumedUnits: string[];
  wallSeconds: number;
}

/**
 * Runs every unit of a spec (a replication, or in the paired design one arm of a replication) in
 * parallel worker threads, keeping each finished one on disk so that an interrupted run resumes
 * where it stopped, then writes metrics.jsonl, summary.json and report.html.
 */
export async function runExperiment(options: ExperimentRunOptions): Promise<ExperimentRunResult> {
  const t0 = performance.now();
  const spec = parseExperimentSpec(options.specInput, options.plugin);
  const repDir = join(options.outDir, 'replications');
  mkdirSync(repDir, { recursive: true });
  const specHash = createHash('sha256').update(JSON.stringify(options.specInput)).digest('hex');
  const specFile = join(options.outDir, 'spec.json');
  if (existsSync(specFile) && !options.fresh) {
    const previous = JSON.parse(readFileSync(specFile, 'utf8')) as { hash: string };
    if (previous.hash !== specHash) {
      throw new ConfigError('outDir', options.outDir, 'a folder holding results of this same spec (or run with --fresh to start over)');
    }
  }
  writeAtomic(specFile, `${JSON.stringify({ hash: specHash, spec: options.specInput }, null, 2)}\n`);

  const units = workUnits(spec);
  const fileOf = (unit: WorkUnit) => join(repDir, `rep-${unitName(spec, unit)}.json`);
  const rawDir = join(options.outDir, RAW_DIR);
  if (options.raw) mkdirSync(rawDir, { recursive: true });
  const rawOf = (unit: WorkUnit) => (options.raw ? { dir: rawDir, unit: unitName(spec, unit) } : undefined);
  const results = new Map<string, ReplicationResult>();
  const resumedUnits: string[] = [];
  const todo: WorkUnit[] = [];
  for (const unit of units) {
    const file = fileOf(unit);
    if (!options.fresh && existsSync(file) && (!options.raw || rawUnitDone(rawDir, unitName(spec, unit)))) {
      results.set(unitName(spec, unit), JSON.parse(readFileSync(file, 'utf8')) as ReplicationResult);
      resumedUnits.push(unitName(spec, unit));
    } else todo.push(unit);
  }
  const days = Math.ceil(spec.days);
  const daysTotal = units.length * days;
  const daysByUnit = new Map<string, number>();
  const report = () =>
    options.onProgress?.(results.size, units.length, [...daysByUnit.values()].reduce((a, b) => a + b, 0) + resumedUnits.length * days, daysTotal);
  const finish = (unit: WorkUnit, result: ReplicationResult) => {
    results.set(unitName(spec, unit), result);
    daysByUnit.set(unitName(spec, unit), days);
    writeAtomic(fileOf(unit), JSON.stringify(result));
    report();
  };
  const onDay = (unit: WorkUnit) => (day: number) => {
    daysByUnit.set(unitName(spec, unit), day);
    report();
  };
  report();

  if (options.workers > 0 && todo.length > 0) {
    if (!options.registryModule) throw new Error('worker threads need the registry module of the composition root');
    const queue = [...todo];
    const lanes = Array.from({ length: Math.min(options.workers, queue.length) }, async () => {
      for (let unit = queue.shift(); unit !== undefined; unit = queue.shift()) {
        finish(
          unit,
          await inWorker(
            { registryModule: options.registryModule!, plugins: options.plugins ?? [] },
            options.specInput,
            unit,
            unitName(spec, unit),
            onDay(unit),
            rawOf(unit),
          ),
        );
      }
    });
    await Promise.all(lanes);
  } else {
    for (const unit of todo) finish(unit, await runReplication(spec, options.plugin, unit.replication, onDay(unit), unit.arm, rawOf(unit)));
  }

  const ordered = mergeUnits(spec, [...results.values()]);
  const rows = ordered.flatMap((r) => r.rows);
  writeAtomic(join(options.outDir, 'metrics.jsonl'), `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
  if (options.raw) writeMetricsTables(rawDir, rows);
  const summary = summarize(spec, ordered);
  writeAtomic(join(options.outDir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
  if (options.renderReport) writeAtomic(join(options.outDir, 'report.html'), options.renderReport(spec, summary, ordered));
  const kept = new Set(resumedUnits);
  const resumed = [...new Set(units.map((u) => u.replication))].filter((rep) =>
    units.filter((u) => u.replication === rep).every((u) => kept.has(unitName(spec, u))),
  );
  return { spec, summary, results: ordered, resumed, resumedUnits, wallSeconds: (performance.now() - t0) / 1000 };
}

function inWorker(
  root: { registryModule: string; plugins: readonly string[] },
  specInput: unknown,
  unit: WorkUnit,
  name: string,
  onDay: (day: number) => void,
  raw?: { dir: string; unit: string },
): Promise<ReplicationResult> {
  // Tests run from TypeScript sources; workers always run the compiled JavaScript.
  const url = new URL(import.meta.url.endsWith('.ts') ? '../../dist/runner/replication-worker.js' : './replication-worker.js', import.meta.url);
  return new Promise((resolve, reject) => {
    // Workers load compiled packages: drop any "source" export condition a test runner added.
    const execArgv = process.execArgv.filter(
      (a, i, all) => !a.startsWith('--conditions') && !a.startsWith('-C') && !/^(--conditions|-C)$/.test(all[i - 1] ?? ''),
    );
    const worker = new Worker(url, { workerData: { ...root, specInput, replication: unit.replication, arm: unit.arm, raw }, execArgv });
    worker.on('message', (m: { type: string; day?: number; result?: ReplicationResult; message?: string; code?: string }) => {
      if (m.type === 'day') onDay(m.day!);
      else if (m.type === 'done') resolve(m.result!);
      // A coded error keeps its code across the thread, so the CLI reports it as it would in this thread.
      else if (m.type === 'failed')
        reject(isErrorCode(m.code) ? new ProdsimError(m.code, `replication ${name}: ${m.message}`) : new Error(`replication ${name}: ${m.message}`));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`replication ${name}: worker exited with code ${code}`));
    });
  });
}

function writeAtomic(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}
