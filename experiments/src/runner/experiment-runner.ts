import { join } from 'node:path';
import type { DomainMetric, DomainPlugin, PluginBaseline } from '@prodsim/core';
import { parseExperimentSpec, type ExperimentSpec } from '../spec/experiment-spec.js';
import { sweepPoints } from '../spec/sweep.js';
import type { ExperimentSummary } from '../summary/summarize.js';
import { summarizeSweep, type SweepSummary } from '../summary/sweep-summary.js';
import { ExperimentOutput, claimFolder, writeAtomic } from './experiment-output.js';
import type { ReplicationResult } from './run-replication.js';
import { inProcessExecutor, threadExecutor } from './thread-executor.js';
import type { UnitExecutor, UnitJob } from './unit-executor.js';
import { unitName, workUnits } from './work-units.js';

export interface ExperimentRunOptions {
  specInput: unknown;
  plugin: DomainPlugin;
  /** The loaded plugins' baselines, which arms may name (worker threads get theirs from `registryModule`). */
  baselines?: readonly PluginBaseline[];
  outDir: string;
  /**
   * Parallel worker threads; 0 runs the units one after another in this thread; 'cores' uses as
   * many as keep every core busy to the last unit (one per core, or a few more when the units do
   * not divide evenly: runner/thread-count.ts).
   */
  workers: number | 'cores';
  /**
   * For worker threads: the composition root's module, whose `registries(plugins)` gives the
   * DomainRegistry of the built-ins and the outside plugins at the `plugins` module URLs, and
   * those plugins' baselines.
   */
  registryModule?: string;
  plugins?: readonly string[];
  /**
   * Runs the units instead of worker threads: e.g. queueExecutor (runner/queue/), which hands
   * them to `prodsim worker` processes on other machines through a JetStream work queue.
   */
  executor?: UnitExecutor;
  /** Discard results of an earlier run in `outDir` instead of resuming it. */
  fresh?: boolean;
  /**
   * Also write raw data to `outDir/raw/` as Parquet (raw/raw-files.ts): every slate and
   * interaction per unit of work, and the per-day metrics. A unit kept from an earlier run
   * without its raw files is run again.
   */
  raw?: boolean;
  /** Units of work (replications; replications x arms in the paired design; of every sweep point) and simulated days done. */
  onProgress?: (done: number, total: number, daysDone: number, daysTotal: number) => void;
  /** Writes the report; the report module is passed in so that this file stays independent of it. */
  renderReport?: (spec: ExperimentSpec, summary: ExperimentSummary, results: ReplicationResult[]) => string;
  /** Writes a sweep's report.html, comparing its points. */
  renderSweepReport?: (sweep: SweepSummary, domainMetrics: readonly DomainMetric[]) => string;
}

/** One experiment's run: the whole experiment, or one point of a sweep. */
export interface PointRun {
  spec: ExperimentSpec;
  summary: ExperimentSummary;
  /** One per replication (the paired design's arms merged). */
  results: ReplicationResult[];
  /** Replications all of whose units were kept from an earlier, interrupted run. */
  resumed: number[];
  /** Units kept from an earlier run, by name ("3", or "3-random" in the paired design). */
  resumedUnits: string[];
}

export interface ExperimentRunResult extends PointRun {
  wallSeconds: number;
  /**
   * A spec with `sweep:`: every point's run (the fields above are the first point's), the
   * comparison of the points (sweep.json) and where each point's results are.
   */
  sweep?: { summary: SweepSummary; points: (PointRun & { name: string; label: string; dir: string })[] };
}

/** An output folder with what the run needs of it: a prefix for its units' labels ("p2/" in a sweep). */
interface Part {
  out: ExperimentOutput;
  prefix: string;
}

/**
 * Runs every unit of a spec (a replication, or in the paired design one arm of a replication;
 * with `sweep:`, of every point of the grid) in parallel worker threads or on queue workers,
 * keeping each finished one on disk so that an interrupted run resumes where it stopped, then
 * writes metrics.jsonl, summary.json and report.html (per point, and sweep.json with a report
 * comparing the points).
 */
export async function runExperiment(options: ExperimentRunOptions): Promise<ExperimentRunResult> {
  const t0 = performance.now();
  const input = options.specInput;
  const points =
    input !== null && typeof input === 'object' && !Array.isArray(input)
      ? sweepPoints(input as Record<string, unknown>, options.plugin, options.baselines)
      : undefined;
  const wallSeconds = () => (performance.now() - t0) / 1000;
  if (!points) {
    const spec = parseExperimentSpec(input, options.plugin, options.baselines);
    const [run] = await runParts([{ out: new ExperimentOutput(options.outDir, input, spec, options), prefix: '' }], options);
    return { ...run, wallSeconds: wallSeconds() };
  }
  claimFolder(options.outDir, input, options.fresh);
  const parts = points.map((p) => ({ out: new ExperimentOutput(join(options.outDir, 'points', p.name), p.specInput, p.spec, options), prefix: `${p.name}/` }));
  const runs = await runParts(parts, options);
  const named = runs.map((run, i) => ({ ...run, name: points[i].name, label: points[i].label, dir: join('points', points[i].name) }));
  const summary = summarizeSweep(
    points[0].spec.name,
    Object.keys(points[0].settings),
    named.map((r, i) => ({ name: r.name, dir: r.dir, label: r.label, settings: points[i].settings, summary: r.summary })),
    points[0].spec.metrics,
  );
  writeAtomic(join(options.outDir, 'sweep.json'), `${JSON.stringify(summary, null, 2)}\n`);
  if (options.renderSweepReport) writeAtomic(join(options.outDir, 'report.html'), options.renderSweepReport(summary, points[0].spec.metrics));
  return { ...runs[0], wallSeconds: wallSeconds(), sweep: { summary, points: named } };
}

/** Runs the units still missing in every part with one executor, then aggregates each part. */
async function runParts(parts: readonly Part[], options: ExperimentRunOptions): Promise<PointRun[]> {
  const results = parts.map(() => new Map<string, ReplicationResult>());
  const resumedUnits = parts.map((): string[] => []);
  const jobs: UnitJob[] = [];
  const partOf = new Map<UnitJob, number>();
  let unitsTotal = 0;
  let daysTotal = 0;
  let daysKept = 0;
  parts.forEach(({ out, prefix }, p) => {
    const days = Math.ceil(out.spec.days);
    for (const unit of workUnits(out.spec)) {
      const name = unitName(out.spec, unit);
      unitsTotal++;
      daysTotal += days;
      const kept = out.kept(unit);
      if (kept) {
        results[p].set(name, kept);
        resumedUnits[p].push(name);
        daysKept += days;
      } else {
        const job: UnitJob = { label: `${prefix}${name}`, specInput: out.specInput as Record<string, unknown>, spec: out.spec, unit, raw: out.rawTarget(unit) };
        jobs.push(job);
        partOf.set(job, p);
      }
    }
  });

  const daysByJob = new Map<UnitJob, number>();
  let done = unitsTotal - jobs.length;
  let daysRun = 0;
  const report = () => options.onProgress?.(done, unitsTotal, daysKept + daysRun, daysTotal);
  const setDays = (job: UnitJob, day: number) => {
    daysRun += day - (daysByJob.get(job) ?? 0);
    daysByJob.set(job, day);
  };
  report();
  if (jobs.length > 0) {
    await executorFor(options).run(jobs, {
      day: (job, day) => {
        setDays(job, day);
        report();
      },
      done: (job, result) => {
        const p = partOf.get(job)!;
        const name = unitName(parts[p].out.spec, job.unit);
        if (results[p].has(name)) return;
        results[p].set(name, result);
        parts[p].out.keep(job.unit, result);
        setDays(job, Math.ceil(job.spec.days));
        done++;
        report();
      },
    });
  }

  return parts.map(({ out }, p) => {
    const { summary, ordered } = out.finish([...results[p].values()], options.renderReport);
    const units = workUnits(out.spec);
    const kept = new Set(resumedUnits[p]);
    const resumed = [...new Set(units.map((u) => u.replication))].filter((rep) =>
      units.filter((u) => u.replication === rep).every((u) => kept.has(unitName(out.spec, u))),
    );
    return { spec: out.spec, summary, results: ordered, resumed, resumedUnits: resumedUnits[p] };
  });
}

function executorFor(options: ExperimentRunOptions): UnitExecutor {
  if (options.executor) return options.executor;
  if (options.workers === 'cores' || options.workers > 0) {
    if (!options.registryModule) throw new Error('worker threads need the registry module of the composition root');
    return threadExecutor(options.workers, { registryModule: options.registryModule, plugins: options.plugins ?? [] });
  }
  return inProcessExecutor(options.plugin, options.baselines);
}
