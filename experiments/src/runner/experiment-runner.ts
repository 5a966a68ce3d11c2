import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ConfigError, type DomainPlugin } from '@prodsim/core';
import { parseExperimentSpec, type ExperimentSpec } from '../spec/experiment-spec.js';
import { summarize, type ExperimentSummary } from '../summary/summarize.js';
import { runReplication, type ReplicationResult } from './run-replication.js';

export interface ExperimentRunOptions {
  specInput: unknown;
  plugin: DomainPlugin;
  outDir: string;
  /** Parallel worker threads; 0 runs replications one after another in this thread. */
  workers: number;
  /** Module exporting `domains` (a DomainRegistry) for worker threads: the composition root's. */
  registryModule?: string;
  /** Discard results of an earlier run in `outDir` instead of resuming it. */
  fresh?: boolean;
  onProgress?: (done: number, total: number, daysDone: number, daysTotal: number) => void;
  /** Writes the report; the report module is passed in so that this file stays independent of it. */
  renderReport?: (spec: ExperimentSpec, summary: ExperimentSummary, results: ReplicationResult[]) => string;
}

export interface ExperimentRunResult {
  spec: ExperimentSpec;
  summary: ExperimentSummary;
  results: ReplicationResult[];
  resumed: number[];
  wallSeconds: number;
}

/**
 * Runs every replication of a spec (in parallel worker threads), keeping each finished one on
 * disk so that an interrupted run resumes where it stopped, then writes metrics.jsonl,
 * summary.json and report.html.
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
  writeAtomic(specFile, JSON.stringify({ hash: specHash, spec: options.specInput }, null, 2) + '\n');

  const results = new Map<number, ReplicationResult>();
  const resumed: number[] = [];
  const todo: number[] = [];
  for (let i = 0; i < spec.replications; i++) {
    const file = join(repDir, `rep-${i}.json`);
    if (!options.fresh && existsSync(file)) {
      results.set(i, JSON.parse(readFileSync(file, 'utf8')) as ReplicationResult);
      resumed.push(i);
    } else todo.push(i);
  }
  const daysTotal = spec.replications * Math.ceil(spec.days);
  const daysByRep = new Map<number, number>();
  const report = () => options.onProgress?.(results.size, spec.replications, [...daysByRep.values()].reduce((a, b) => a + b, 0) + resumed.length * Math.ceil(spec.days), daysTotal);
  const finish = (result: ReplicationResult) => {
    results.set(result.replication, result);
    daysByRep.set(result.replication, Math.ceil(spec.days));
    writeAtomic(join(repDir, `rep-${result.replication}.json`), JSON.stringify(result));
    report();
  };
  report();

  if (options.workers > 0 && todo.length > 0) {
    if (!options.registryModule) throw new Error('worker threads need the registry module of the composition root');
    const queue = [...todo];
    const lanes = Array.from({ length: Math.min(options.workers, queue.length) }, async () => {
      for (let rep = queue.shift(); rep !== undefined; rep = queue.shift()) {
        finish(await inWorker(options.registryModule!, options.specInput, rep, (day) => {
          daysByRep.set(rep, day);
          report();
        }));
      }
    });
    await Promise.all(lanes);
  } else {
    for (const rep of todo) finish(await runReplication(spec, options.plugin, rep, (day) => {
      daysByRep.set(rep, day);
      report();
    }));
  }

  const ordered = [...results.values()].sort((a, b) => a.replication - b.replication);
  const rows = ordered.flatMap((r) => r.rows);
  writeAtomic(join(options.outDir, 'metrics.jsonl'), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const summary = summarize(spec, ordered);
  writeAtomic(join(options.outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  if (options.renderReport) writeAtomic(join(options.outDir, 'report.html'), options.renderReport(spec, summary, ordered));
  return { spec, summary, results: ordered, resumed, wallSeconds: (performance.now() - t0) / 1000 };
}

function inWorker(registryModule: string, specInput: unknown, replication: number, onDay: (day: number) => void): Promise<ReplicationResult> {
  // Tests run from TypeScript sources; workers always run the compiled JavaScript.
  const url = new URL(import.meta.url.endsWith('.ts') ? '../../dist/runner/replication-worker.js' : './replication-worker.js', import.meta.url);
  return new Promise((resolve, reject) => {
    // Workers load compiled packages: drop any "source" export condition a test runner added.
    const execArgv = process.execArgv.filter((a, i, all) => !a.startsWith('--conditions') && !a.startsWith('-C') && !/^(--conditions|-C)$/.test(all[i - 1] ?? ''));
    const worker = new Worker(url, { workerData: { registryModule, specInput, replication }, execArgv });
    worker.on('message', (m: { type: string; day?: number; result?: ReplicationResult; message?: string }) => {
      if (m.type === 'day') onDay(m.day!);
      else if (m.type === 'done') resolve(m.result!);
      else if (m.type === 'failed') reject(new Error(`replication ${replication}: ${m.message}`));
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`replication ${replication}: worker exited with code ${code}`));
    });
  });
}

function writeAtomic(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}
