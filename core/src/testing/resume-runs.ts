import { CHECKPOINT_FORMAT, decodeCheckpoint, encodeCheckpoint } from '../checkpoint/checkpoint-file.js';
import { s } from '../config/schema.js';
import type { DomainPlugin } from '../domain/domain-plugin.js';
import { runConfigFields } from '../run/run-config.js';
import type { RunSummary } from '../run/run-summary.js';
import { Simulation } from '../run/simulation.js';
import type { CheckpointWriter, SimulationState } from '../run/simulation-state.js';
import { parseScenario, type ScenarioStepInput } from '../scenario/scenario-step.js';
import { scheduleScenario } from '../scenario/schedule-scenario.js';
import { MemoryTransport } from '../transport/memory-transport.js';
import { CaptureOutput } from './capture-output.js';

export interface ResumeRunsOptions {
  seed?: string;
  days?: number;
  /** The domain's section of the configuration, before its schema fills the defaults. */
  domainConfig?: Record<string, unknown>;
  scenario?: ScenarioStepInput[];
  /** Simulated ms between checkpoints. */
  everyMs: number;
  /** Which checkpoints (numbered from 1) to resume from; default all. */
  resumeFrom?: (sequence: number) => boolean;
}

export interface ResumedRun {
  /** The checkpoint resumed from. */
  sequence: number;
  /** The events before the checkpoint (from the first run) and after it (from the resumed one), as the file sink would write them. */
  text: string;
  summary: RunSummary;
}

/**
 * The property checkpoints must have, in process: a domain run with checkpoints (every state
 * taken through the checkpoint file format), and for each checkpoint chosen, a new simulation
 * resumed from it; each resumed run's events (the first run's up to the checkpoint, then its own)
 * and summary should equal the uninterrupted run's. Runs on the memory transport with stream
 * faults wired in (a scenario may switch them on), with the domain's default predictor.
 */
export async function resumeRuns(
  plugin: DomainPlugin,
  options: ResumeRunsOptions,
): Promise<{ whole: { text: string; summary: RunSummary }; checkpointed: { text: string; summary: RunSummary; checkpoints: number }; resumed: ResumedRun[] }> {
  const section = plugin.id.split('/')[0];
  const days = options.days ?? 1;
  const config = s.object(runConfigFields).parse({ domain: section, seed: options.seed ?? '1', days, progress: false, scenario: options.scenario ?? [] }, '');
  const scenario = parseScenario(config.scenario, plugin, days);
  const domainConfig = plugin.config.parse(options.domainConfig ?? {}, section);
  const run = async (checkpoints: CheckpointWriter | undefined, resume: SimulationState | undefined, capture: CaptureOutput) => {
    const sim = new Simulation({ config, domainConfig, plugin, transport: new MemoryTransport(), outputs: [capture], streamFaults: true, checkpoints, resume });
    await sim.init();
    scheduleScenario(sim, scenario);
    return sim.run();
  };

  const wholeCapture = new CaptureOutput();
  const wholeSummary = await run(undefined, undefined, wholeCapture);
  const taken: { state: SimulationState; events: number }[] = [];
  const capture = new CaptureOutput();
  const writer: CheckpointWriter = {
    nextAfter: (now) => config.start + (Math.floor((now - config.start) / options.everyMs) + 1) * options.everyMs,
    write: async (state) => {
      // Through the file format, as a checkpoint on disk would go.
      const header = { format: CHECKPOINT_FORMAT, core: '', kind: 'state' as const, domain: plugin.id, snapshotVersion: 1, sequence: taken.length + 1 };
      const read = decodeCheckpoint(Buffer.concat(encodeCheckpoint(header, state)), 'memory');
      taken.push({ state: read.state as SimulationState, events: capture.events.length });
    },
  };
  const checkpointedSummary = await run(writer, undefined, capture);
  const resumed: ResumedRun[] = [];
  for (const [i, checkpoint] of taken.entries()) {
    if (options.resumeFrom && !options.resumeFrom(i + 1)) continue;
    const rest = new CaptureOutput();
    rest.events.push(...capture.events.slice(0, checkpoint.events));
    const summary = await run(undefined, checkpoint.state, rest);
    resumed.push({ sequence: i + 1, text: rest.text(), summary });
  }
  return {
    whole: { text: wholeCapture.text(), summary: wholeSummary },
    checkpointed: { text: capture.text(), summary: checkpointedSummary, checkpoints: taken.length },
    resumed,
  };
}
