import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '@prodsim/core';
import { writeMetricsTables } from '../raw/metrics-tables.js';
import { RAW_DIR, rawUnitDone } from '../raw/raw-files.js';
import type { ExperimentSpec } from '../spec/experiment-spec.js';
import { summarize, type ExperimentSummary } from '../summary/summarize.js';
import { decodeResult, encodeResult } from './result-codec.js';
import type { ReplicationResult } from './run-replication.js';
import { mergeUnits, unitName, type WorkUnit } from './work-units.js';

/** The sha-256 of a spec as written: an output folder holds the results of one spec only. */
export function specHash(specInput: unknown): string {
  return createHash('sha256').update(JSON.stringify(specInput)).digest('hex');
}

/**
 * One experiment's output folder (a sweep has one per point): spec.json, the finished units in
 * replications/ (kept for resuming), raw/ with --raw, and at the end metrics.jsonl, summary.json
 * and report.html. Opening it refuses a folder that holds another spec's results (unless fresh).
 */
export class ExperimentOutput {
  readonly repDir: string;
  readonly rawDir: string;

  constructor(
    readonly dir: string,
    readonly specInput: unknown,
    readonly spec: ExperimentSpec,
    private readonly options: { fresh?: boolean; raw?: boolean },
  ) {
    this.repDir = join(dir, 'replications');
    this.rawDir = join(dir, RAW_DIR);
    claimFolder(dir, specInput, options.fresh);
    mkdirSync(this.repDir, { recursive: true });
    if (options.raw) mkdirSync(this.rawDir, { recursive: true });
  }

  private fileOf(unit: WorkUnit): string {
    return join(this.repDir, `rep-${unitName(this.spec, unit)}.json`);
  }

  /** Where a unit writes its raw Parquet files, with --raw. */
  rawTarget(unit: WorkUnit): { dir: string; unit: string } | undefined {
    return this.options.raw ? { dir: this.rawDir, unit: unitName(this.spec, unit) } : undefined;
  }

  /** A unit finished in an earlier run (with its raw files when --raw), or undefined. */
  kept(unit: WorkUnit): ReplicationResult | undefined {
    const file = this.fileOf(unit);
    if (this.options.fresh || !existsSync(file)) return undefined;
    if (this.options.raw && !rawUnitDone(this.rawDir, unitName(this.spec, unit))) return undefined;
    return decodeResult(readFileSync(file, 'utf8'));
  }

  keep(unit: WorkUnit, result: ReplicationResult): void {
    writeAtomic(this.fileOf(unit), encodeResult(result));
  }

  /**
   * Aggregates every unit's result: metrics.jsonl, summary.json, the raw metrics tables and
   * report.html. Called only when every unit is done, so nothing is ever half-aggregated.
   */
  finish(
    results: readonly ReplicationResult[],
    renderReport?: (spec: ExperimentSpec, summary: ExperimentSummary, results: ReplicationResult[]) => string,
  ): { summary: ExperimentSummary; ordered: ReplicationResult[] } {
    const ordered = mergeUnits(this.spec, results);
    const rows = ordered.flatMap((r) => r.rows);
    writeAtomic(join(this.dir, 'metrics.jsonl'), `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
    if (this.options.raw) writeMetricsTables(this.rawDir, rows);
    const summary = summarize(this.spec, ordered);
    writeAtomic(join(this.dir, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`);
    if (renderReport) writeAtomic(join(this.dir, 'report.html'), renderReport(this.spec, summary, ordered));
    return { summary, ordered };
  }
}

/**
 * Takes an output folder for a spec: writes spec.json (the spec and its hash), refusing a folder
 * that already holds another spec's results unless `fresh`.
 */
export function claimFolder(dir: string, specInput: unknown, fresh = false): void {
  mkdirSync(dir, { recursive: true });
  const hash = specHash(specInput);
  const specFile = join(dir, 'spec.json');
  if (existsSync(specFile) && !fresh) {
    const previous = JSON.parse(readFileSync(specFile, 'utf8')) as { hash: string };
    if (previous.hash !== hash) throw new ConfigError('outDir', dir, 'a folder holding results of this same spec (or run with --fresh to start over)');
  }
  writeAtomic(specFile, `${JSON.stringify({ hash, spec: specInput }, null, 2)}\n`);
}

export function writeAtomic(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}
