import type { DomainPlugin } from '../domain/domain-plugin.js';
import type { Predictor } from '../prediction/predictor.js';
import { runConfigFields } from '../run/run-config.js';
import type { RunSummary } from '../run/run-summary.js';
import { Simulation } from '../run/simulation.js';
import { s } from '../config/schema.js';
import { MemoryTransport } from '../transport/memory-transport.js';
import { CaptureOutput } from './capture-output.js';

export interface RunWorldOptions {
  seed?: string;
  days?: number;
  start?: string;
  maxEvents?: number;
  domainConfig?: Record<string, unknown>;
  predictor?: Predictor;
}

/** Runs a domain in fast mode with a capturing output: the building block of domain tests. */
export async function runWorld(plugin: DomainPlugin, options: RunWorldOptions = {}): Promise<{ sim: Simulation; capture: CaptureOutput; summary: RunSummary }> {
  const config = s.object(runConfigFields).parse(
    { domain: plugin.id.split('/')[0], seed: options.seed ?? '1', days: options.days ?? 1, start: options.start, maxEvents: options.maxEvents, progress: false },
    '',
  );
  const domainConfig = plugin.config.parse(options.domainConfig ?? {}, plugin.id.split('/')[0]);
  const capture = new CaptureOutput();
  const sim = new Simulation({ config, domainConfig, plugin, transport: new MemoryTransport(), outputs: [capture], predictor: options.predictor });
  const summary = await sim.run();
  return { sim, capture, summary };
}
