import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import { Checkpointer } from '../checkpoint/checkpointer.js';
import type { DomainPlugin } from '../domain/domain-plugin.js';
import { ErrorCodes, ProdsimError } from '../errors.js';
import type { RunConfigBase } from '../run/run-config.js';
import type { SimulationState } from '../run/simulation-state.js';
import type { PreparedRun, RunCommandDeps } from './run-deps.js';

/** What one world of a run with checkpoints gets: where they go, and when resuming, the state to continue. */
export interface WorldCheckpoints {
  checkpoints?: Checkpointer;
  resume?: SimulationState;
}

/** Flags `prodsim run --resume DIR` takes: the rest of the run is the checkpoint folder's. */
const RESUME_OPTIONS = {
  resume: { type: 'string' },
  'api-port': { type: 'string' },
  'no-progress': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** True when the command line asks to resume a run. */
export function isResume(argv: readonly string[]): boolean {
  return argv.some((a) => a === '--resume' || a.startsWith('--resume='));
}

/**
 * `prodsim run --resume DIR`: the configuration the run was started with (from the folder's
 * manifest), with only the flags that do not change what is simulated.
 */
export function prepareResume(argv: string[], deps: RunCommandDeps): PreparedRun & { json: boolean; apiPort: string | undefined; store: CheckpointStore } {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: RESUME_OPTIONS, allowPositionals: false, strict: true }));
  } catch (cause) {
    throw new ProdsimError(
      ErrorCodes.USAGE,
      `${(cause as Error).message}: --resume continues a run as it was configured, and takes only --api-port, --no-progress and --json besides (see prodsim run --help)`,
      { cause },
    );
  }
  const dir = values.resume;
  if (!dir) throw new ProdsimError(ErrorCodes.USAGE, '--resume takes the checkpoint folder of a run started with --checkpoint');
  const store = CheckpointStore.open(dir, (domain) => snapshotVersionOf(deps.domains.get(domain)));
  const plugin = deps.domains.get(store.domain);
  const config: RunConfigBase = { ...store.manifest.config, checkpoint: { ...store.manifest.config.checkpoint, dir } };
  if (values['no-progress']) config.progress = false;
  return { config, domainConfig: store.manifest.domainConfig, plugin, json: values.json ?? false, apiPort: values['api-port'], store };
}

/**
 * A new run's checkpoint folder, when `checkpoint.dir` is set; refused for what cannot be
 * checkpointed before anything starts (a built-in baseline's learned state is not saved).
 */
export function newCheckpointStore(prepared: PreparedRun): CheckpointStore | undefined {
  const { config, plugin } = prepared;
  const dir = config.checkpoint.dir;
  if (dir === undefined) return undefined;
  const baseline = config.predictor.baseline;
  if (baseline !== undefined && baseline !== 'default') {
    throw new ProdsimError(
      ErrorCodes.CHECKPOINT_UNSUPPORTED,
      `--checkpoint: the ${baseline} baseline learns as the run goes and its state is not checkpointed; use the domain's default or --predictor`,
    );
  }
  // Random, not from the seed: a rerun of the same seed is another run, whose messages must not be taken for copies.
  const runId = randomBytes(8).toString('hex');
  return CheckpointStore.create(dir, plugin.id, snapshotVersionOf(plugin), { config, domainConfig: prepared.domainConfig, runId });
}

/** One world's checkpointer (the single run's, or a team's), and the newest checkpoint to resume from. */
export function worldCheckpoints(
  store: CheckpointStore | undefined,
  config: RunConfigBase,
  options: { team?: string; resuming: boolean; log: (message: string) => void },
): WorldCheckpoints {
  if (!store) return {};
  const unit = store.unit(options.team);
  const newest = options.resuming ? unit.sequences().at(-1) : undefined;
  const resume = newest === undefined ? undefined : (unit.read(newest).state as SimulationState);
  const who = options.team === undefined ? '' : `team ${options.team}: `;
  if (options.resuming) {
    options.log(
      newest === undefined
        ? `${who}no checkpoint yet in ${unit.folder}: starting from the beginning`
        : `${who}resuming from checkpoint ${newest} (${unit.path(newest)})`,
    );
  }
  const checkpoints = new Checkpointer({
    unit,
    everyMs: config.checkpoint.every,
    startTime: config.start,
    sequence: newest ?? 0,
    log: (m) => options.log(`${who}${m}`),
  });
  return { checkpoints, resume };
}

/** How long `path` was at the checkpoint being resumed (undefined: a new file). */
export function resumeAt(resume: SimulationState | undefined, path: string | undefined): number | undefined {
  if (!resume || path === undefined) return undefined;
  const file = resume.files.find((f) => f.path === path);
  if (!file) throw new ProdsimError(ErrorCodes.CHECKPOINT_CORRUPT, `the checkpoint records no length for the event file ${path}`);
  return file.bytes;
}

function snapshotVersionOf(plugin: DomainPlugin): number {
  return plugin.snapshotVersion ?? 1;
}
