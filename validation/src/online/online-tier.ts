import type { DomainPlugin } from '@prodsim/core';
import { experimentReport, runExperiment } from '@prodsim/experiments';
import { onlineFigures, type OnlineFigures } from './online-figures.js';
import { onlineSpec, type OnlineSpecOptions } from './online-spec.js';

export interface OnlineTierOptions extends OnlineSpecOptions {
  plugin: DomainPlugin;
  /** Where the experiment's own metrics.jsonl, summary.json and report.html go. */
  outDir: string;
  /** Worker threads (0: in this thread). */
  workers: number;
  /** The composition root's registry module, for worker threads. */
  registryModule?: string;
  onProgress?: (daysDone: number, daysTotal: number) => void;
}

export interface OnlineTierResult {
  figures: OnlineFigures[];
  spec: Record<string, unknown>;
  events: number;
  wallSeconds: number;
}

/** The online tier: the spec run through the experiment runner, then per-arm figures over replications. */
export async function runOnlineTier(options: OnlineTierOptions): Promise<OnlineTierResult> {
  const spec = onlineSpec(options);
  const result = await runExperiment({
    specInput: spec,
    plugin: options.plugin,
    outDir: options.outDir,
    workers: options.workers,
    registryModule: options.registryModule,
    // Each validate run starts over: the training directory is rewritten every time.
    fresh: true,
    renderReport: experimentReport,
    onProgress: (_done, _total, days, daysTotal) => options.onProgress?.(days, daysTotal),
  });
  const rows = result.results.flatMap((r) => r.rows);
  return {
    figures: result.spec.arms.map((arm) => onlineFigures(rows, arm.name)),
    spec,
    events: result.summary.events.perReplication.reduce((a, b) => a + b, 0),
    wallSeconds: result.wallSeconds,
  };
}
