import type { DomainPlugin } from '../domain/domain-plugin.js';
import { ErrorCodes, ProdsimError } from '../errors.js';
import type { Predictor } from '../prediction/predictor.js';
import type { RunConfigBase } from '../run/run-config.js';
import { runFailure } from '../run/run-failure.js';
import type { RunSummary } from '../run/run-summary.js';
import { Simulation } from '../run/simulation.js';
import type { CheckpointWriter, SimulationState } from '../run/simulation-state.js';
import type { RunProgress } from '../scheduler/scheduler.js';
import { FileSink } from '../transport/file-sink.js';
import type { Transport } from '../transport/transport.js';
import type { TeamConfig } from './course-config.js';

export interface CourseOptions {
  config: RunConfigBase;
  domainConfig: unknown;
  plugin: DomainPlugin;
  teams: TeamConfig[];
  /** Shared by every team; each team's events go to its own topics. */
  transport: Transport;
  /**
   * A transport of the team's own instead of the shared one (with checkpoints: a Kafka
   * transactional producer per team, and counters each team's checkpoint can carry).
   */
  transportOf?: (team: TeamConfig) => Transport;
  makePredictor?: (url: string, team: TeamConfig) => Predictor;
  /** Route each team's events through a StreamFaults decorator (for stream-faults scenario steps). */
  streamFaults?: boolean;
  log?: (message: string) => void;
  /** Per team: where its checkpoints go and, when resuming, the state it continues from. */
  checkpointsOf?: (team: TeamConfig) => { checkpoints?: CheckpointWriter; resume?: SimulationState };
  /** A checkpointed run's identity (see SimulationOptions.runId). */
  runId?: string;
}

/**
 * Course mode: one process runs one world per team. Each team's world has its own seed (the
 * run seed and the team name), its own configuration (`plugin.forTeam`, e.g. its own topic), its
 * own prediction service and its own scheduler, so a team's event log does not depend on which
 * other teams take part.
 */
export class Course {
  readonly simulations: { team: TeamConfig; sim: Simulation }[];

  constructor(private readonly options: CourseOptions) {
    const names = new Set<string>();
    for (const team of options.teams) {
      if (names.has(team.name))
        throw new ProdsimError(ErrorCodes.CONFIG_INVALID, `invalid configuration: teams lists "${team.name}" twice; allowed: unique team names`);
      names.add(team.name);
    }
    this.simulations = options.teams.map((team, i) => {
      const teamDomainConfig = options.plugin.forTeam ? options.plugin.forTeam(options.domainConfig, { name: team.name, index: i + 1 }) : options.domainConfig;
      const config: RunConfigBase = {
        ...options.config,
        seed: `${options.config.seed}/${team.name}`,
        predictor: { url: team.predictor, baseline: undefined, deadlineMs: team.deadlineMs ?? options.config.predictor.deadlineMs },
        out: options.config.out ? teamFile(options.config.out, team.name) : undefined,
      };
      const { checkpoints, resume } = options.checkpointsOf?.(team) ?? {};
      const file = config.out;
      const resumeAt = resume && file !== undefined ? resume.files.find((f) => f.path === file)?.bytes : undefined;
      if (resume && file !== undefined && resumeAt === undefined) {
        throw new ProdsimError(ErrorCodes.CHECKPOINT_CORRUPT, `team ${team.name}: the checkpoint records no length for the event file ${file}`);
      }
      let predictor: Predictor | undefined;
      if (team.predictor) {
        if (!options.makePredictor) throw new ProdsimError(ErrorCodes.USAGE, `team ${team.name} names a predictor, but this build has no HTTP predictor`);
        predictor = options.makePredictor(team.predictor, team);
      }
      const own = options.transportOf?.(team);
      const sim = new Simulation({
        config,
        domainConfig: teamDomainConfig,
        plugin: options.plugin,
        transport: own ?? options.transport,
        closeTransport: own !== undefined,
        streamFaults: options.streamFaults,
        outputs: file !== undefined ? [new FileSink(file, { resumeAt })] : [],
        predictor,
        team: team.name,
        log: options.log,
        checkpoints,
        resume,
        runId: own === undefined ? undefined : options.runId,
      });
      return { team, sim };
    });
  }

  /** The transports the teams publish to: the shared one, or each team's own. */
  get transports(): Transport[] {
    return this.options.transportOf ? this.simulations.map(({ sim }) => sim.transport) : [this.options.transport];
  }

  async init(): Promise<void> {
    for (const { sim } of this.simulations) await sim.init();
  }

  /**
   * Runs every team's world concurrently; resolves when all have stopped, with every team's
   * summary (a team whose run failed has its failure in its own summary; the others run on).
   */
  async run(
    options: { signal?: AbortSignal; abandon?: AbortSignal; onProgress?: (p: RunProgress) => void } = {},
  ): Promise<{ team: string; summary: RunSummary }[]> {
    const summaries = await Promise.all(
      this.simulations.map(async ({ team, sim }, i) => ({
        team: team.name,
        summary: await sim.run({ signal: options.signal, abandon: options.abandon, onProgress: i === 0 ? options.onProgress : undefined }),
      })),
    );
    if (this.options.transportOf) return summaries;
    // A second Ctrl-C while the shared transport still waits for its broker drops what it holds.
    const transport = this.options.transport;
    const abandon = () => transport.abandon?.();
    if (options.abandon?.aborted) abandon();
    else options.abandon?.addEventListener('abort', abandon, { once: true });
    try {
      await transport.close();
    } catch (error) {
      // The shared transport failed as it closed: every team's events may be affected.
      const failure = runFailure(`transport ${transport.name}`, error);
      for (const { summary } of summaries) {
        if (summary.failures?.some((f) => f.error === failure.error && f.code === failure.code)) continue;
        summary.failures = [...(summary.failures ?? []), failure];
        if (summary.reason !== 'stopped') summary.reason = 'error';
        summary.error ??= failure.error;
        summary.errorCode ??= failure.code;
      }
    } finally {
      options.abandon?.removeEventListener('abort', abandon);
    }
    return summaries;
  }
}

/** `events.log` -> `events.team01.log`: one file per team, each deterministic on its own. */
export function teamFile(path: string, team: string): string {
  const dot = path.lastIndexOf('.');
  const slash = path.lastIndexOf('/');
  return dot > slash + 0 && dot > 0 ? `${path.slice(0, dot)}.${team}${path.slice(dot)}` : `${path}.${team}`;
}
