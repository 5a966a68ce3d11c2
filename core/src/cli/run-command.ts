import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ApiServer } from '../api/api-server.js';
import { apiWorldOf } from '../api/api-world.js';
import { loadConfigFile } from '../config/config-file.js';
import { envToConfig } from '../config/env.js';
import { mergeConfig } from '../config/merge.js';
import { ConfigError, ErrorCodes, ProdsimError } from '../errors.js';
import type { Predictor } from '../prediction/predictor.js';
import { runConfigFields, runSchemaFor, speedSchema, type RunConfigBase } from '../run/run-config.js';
import { formatSummary } from '../run/run-summary.js';
import { Simulation } from '../run/simulation.js';
import { FileSink } from '../transport/file-sink.js';
import type { Transport } from '../transport/transport.js';
import { print, type CliIo } from './cli-io.js';
import { runCourseCommand } from './course-command.js';
import type { PreparedRun, RunBaselines, RunCommandDeps } from './run-deps.js';
import { parseScenario, type ScenarioStep } from '../scenario/scenario-step.js';
import { apiFaultsAt, scheduleScenario } from '../scenario/schedule-scenario.js';
import type { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import { isResume, newCheckpointStore, prepareResume, resumeAt, worldCheckpoints } from './run-checkpoints.js';
import { closeQuietly } from './close-quietly.js';
import { checkCourseSeed, readSeedFile } from './course-seed.js';
import { stopMessages } from './stop-messages.js';
import { printFailures, stoppedLine } from './run-failure-lines.js';
import { untilSignal } from './run-signals.js';
import { lingerAfterRun } from './linger.js';
import { startApi } from './start-api.js';
import { ProgressBar } from './progress-bar.js';

// Kept for importers of the old home of these types.
export type { PreparedRun, RunBaselines, RunCommandDeps } from './run-deps.js';

export const RUN_HELP = `Usage: prodsim run <domain> [options]

Runs a simulation of one domain and prints a summary.

Options:
  --days N              simulated days to run (default 7)
  --users N             simulated users (for domains that have users)
  --contract 2024|2026  the course contract the world speaks (movies: 2024, the default, or
                        2026: 1-10 stars, 600 ms, create_account, self-descriptions, cost)
  --seed S              run seed (default 42): same seed, same answers, same event log
  --seed-file FILE      read the run seed from FILE (course mode needs a secret seed: this,
                        --seed or PRODSIM_SEED; prodsim course init DIR writes one)
  --start ISO           simulated start time, UTC (default: now, to the second, for realtime
                        and paced runs; 2026-01-05T00:00:00Z in fast mode)
  --speed fast|realtime|N
                        fast: as fast as possible (default); realtime: 1 simulated
                        second per wall second; N: N simulated seconds per wall second
  --transport NAME      memory (default), kafka or nats
  --out FILE            also write every event, one line each, to FILE
  --predictor URL       the prediction service to call (default: the domain's built-in baseline)
  --baseline NAME       a built-in predictor instead: default (the domain's own), random,
                        popularity, item-knn or mf (they learn from the run's interactions
                        and never recommend what a user already consumed); not with --predictor
  --deadline-ms N       deadline for every prediction endpoint
  --api-port [HOST:]PORT
                        serve the world's entity API while the run lasts (GET
                        /<entity>/:id, /docs, /metrics, /healthz); 8080 is the
                        course's port, 0 picks a free one; host 127.0.0.1 unless given
  --max-events N        stop after N scheduler events
  --linger              after the simulated span, keep the entity API serving the final
                        world until Ctrl-C (collect in fast-forward, then fetch the catalogue)
  --checkpoint DIR      write checkpoints of the whole run to DIR (0700; it holds the seed and
                        the hidden truth), every --checkpoint-every of simulated time and
                        when stopped by SIGTERM or Ctrl-C
  --checkpoint-every D  simulated time between checkpoints: 30m, 6h, 1d (default 1d)
  --resume DIR          continue the run checkpointed in DIR from its newest checkpoint, as it
                        was configured (only --api-port, --no-progress and --json besides); the
                        --out file is cut back to the checkpoint and continued, so it ends up
                        byte for byte as an uninterrupted run's
  --config FILE         JSON or YAML configuration (flags override it, PRODSIM_* variables sit between)
  --set KEY=VALUE       set any configuration field, e.g. --set movies.ratingScale=10
  --plugin NAME|PATH    load a plugin's domains, transports and baselines first (repeatable;
                        also PRODSIM_PLUGINS=a,b or plugins: [...] in the --config file)
  --no-progress         no progress bar
  --json                print the summary as JSON
  -h, --help            this help

Scenario: a configuration file's scenario list injects problems at given days, e.g.
  scenario: [{ day: 2, action: stream-faults, params: { corrupt: 0.01 } },
             { day: 3, action: api-faults, params: { outage: true } }]
plus the domain's own actions (prodsim domains lists domains; their READMEs list actions).

Course mode: a configuration file that lists teams (teams: [{ name, predictor, token }]) runs
one world per team in this process, each with its own seed, topic, prediction service and API
token; the entity API then serves team T's world under /T/ to requests bearing T's token.

Exit status: 0 done, 1 the run failed, 2 bad usage or configuration, 130 stopped by a signal.`;

const OPTIONS = {
  days: { type: 'string' },
  users: { type: 'string' },
  contract: { type: 'string' },
  seed: { type: 'string' },
  'seed-file': { type: 'string' },
  start: { type: 'string' },
  speed: { type: 'string' },
  transport: { type: 'string' },
  out: { type: 'string' },
  predictor: { type: 'string' },
  baseline: { type: 'string' },
  'deadline-ms': { type: 'string' },
  'api-port': { type: 'string' },
  'max-events': { type: 'string' },
  linger: { type: 'boolean' },
  checkpoint: { type: 'string' },
  'checkpoint-every': { type: 'string' },
  config: { type: 'string' },
  set: { type: 'string', multiple: true },
  'no-progress': { type: 'boolean' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Turns argv, environment and config file into a validated run configuration. */
export function prepareRun(argv: string[], io: CliIo, deps: RunCommandDeps): PreparedRun & { json: boolean; api?: { host: string; port: number } } {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (cause) {
    throw new ProdsimError(ErrorCodes.USAGE, `${(cause as Error).message} (see prodsim run --help)`, { cause });
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new ProdsimError(ErrorCodes.USAGE, `expected one domain, got: ${positionals.join(' ')} (see prodsim run --help)`);
  const fileLayer = values.config ? loadConfigFile(values.config) : {};
  // A seed file named in the configuration is found beside it.
  if (values.config && typeof fileLayer.seedFile === 'string')
    fileLayer.seedFile = resolve(dirname(resolve(io.cwd ?? process.cwd(), values.config)), fileLayer.seedFile);
  const envAll = envToConfig(io.env);
  // PRODSIM_PLUGINS was read when the plugins were loaded (a comma-separated list, not this field's shape).
  const envLayer = Object.fromEntries(
    Object.entries(envAll).filter(([k]) => k !== 'plugins' && (k in runConfigFields || deps.domains.list().some((p) => p.id.split('/')[0] === k))),
  );
  const domainName = positionals[0] ?? (envLayer.domain as string | undefined) ?? (fileLayer.domain as string | undefined);
  if (!domainName) throw new ProdsimError(ErrorCodes.USAGE, 'which domain? e.g. prodsim run movies (prodsim domains lists them)');
  const plugin = deps.domains.get(String(domainName));
  const section = plugin.id.split('/')[0];

  const flagLayer: Record<string, unknown> = { domain: String(domainName) };
  if (values.days !== undefined) flagLayer.days = values.days;
  if (values.seed !== undefined) flagLayer.seed = values.seed;
  if (values['seed-file'] !== undefined) flagLayer.seedFile = resolve(io.cwd ?? process.cwd(), values['seed-file']);
  if (values.start !== undefined) flagLayer.start = values.start;
  if (values.speed !== undefined) flagLayer.speed = values.speed;
  if (values.out !== undefined) flagLayer.out = values.out;
  if (values['max-events'] !== undefined) flagLayer.maxEvents = values['max-events'];
  if (values.checkpoint !== undefined || values['checkpoint-every'] !== undefined) {
    flagLayer.checkpoint = { dir: values.checkpoint, every: values['checkpoint-every'] };
  }
  if (values['no-progress']) flagLayer.progress = false;
  if (values.linger) flagLayer.linger = true;
  if (values.transport !== undefined) flagLayer.transport = { name: values.transport };
  if (values.predictor !== undefined && values.baseline !== undefined) {
    throw new ProdsimError(ErrorCodes.USAGE, '--baseline and --predictor both choose the predictor: give one (see prodsim run --help)');
  }
  if (values.predictor !== undefined || values.baseline !== undefined || values['deadline-ms'] !== undefined) {
    flagLayer.predictor = { url: values.predictor, baseline: values.baseline, deadlineMs: values['deadline-ms'] };
  }
  if (values.users !== undefined) {
    const field = plugin.flags?.users;
    if (!field) throw new ProdsimError(ErrorCodes.USAGE, `domain ${plugin.id} has no users setting; --users does not apply`);
    flagLayer[section] = { [field]: values.users };
  }
  if (values.contract !== undefined) {
    const field = plugin.flags?.contract;
    if (!field) throw new ProdsimError(ErrorCodes.USAGE, `domain ${plugin.id} has no contract setting; --contract applies to movies`);
    flagLayer[section] = { ...(flagLayer[section] as Record<string, unknown> | undefined), [field]: values.contract };
  }
  const setLayers = (values.set ?? []).map((assignment) => setToLayer(assignment));
  const merged = mergeConfig(fileLayer, envLayer, flagLayer, ...setLayers);
  readSeedFile(merged);
  checkCourseSeed(merged, (m) => print(io.stderr, m));
  // A paced run starts now unless told otherwise, so that its lines carry today's times (README, "Time").
  if (merged.start === undefined && speedSchema.parse(merged.speed, 'speed') !== 'fast')
    merged.start = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString();
  const full = runSchemaFor(section, plugin.config).parse(merged, '');
  const { [section]: domainConfig, ...rest } = full;
  // The timeline is checked before anything starts: its errors name the step and field.
  (rest as { scenario: ScenarioStep[] }).scenario = parseScenario((rest as { scenario: ScenarioStep[] }).scenario, plugin, (rest as { days: number }).days);
  const api = values['api-port'] === undefined ? undefined : parseApiAddress(values['api-port']);
  const config = rest as unknown as RunConfigBase;
  checkBaseline(config, deps.baselines);
  return { config, domainConfig, plugin, json: values.json ?? false, api };
}

/** A `predictor.baseline` (`--baseline`) that this build has, that may answer a plain run, and that nothing contradicts. */
function checkBaseline(config: RunConfigBase, baselines: RunBaselines | undefined): void {
  const name = config.predictor.baseline;
  if (name === undefined) return;
  if (config.predictor.url !== undefined) {
    throw new ProdsimError(ErrorCodes.USAGE, `predictor.baseline (${name}) and predictor.url (${config.predictor.url}) both choose the predictor: give one`);
  }
  if (name === 'default') return;
  if (config.teams)
    throw new ProdsimError(ErrorCodes.USAGE, `baseline ${name}: --baseline applies to a single world; in course mode each team names its own predictor`);
  if (!baselines) throw new ProdsimError(ErrorCodes.USAGE, `baseline ${name}: this build includes no built-in baselines (only default)`);
  const refused = baselines.refused && Object.hasOwn(baselines.refused, name) ? baselines.refused[name] : undefined;
  if (refused) throw new ProdsimError(ErrorCodes.USAGE, `the ${name} baseline cannot answer a plain run (--baseline, predictor.baseline): ${refused}`);
  if (!baselines.names.includes(name)) throw new ConfigError('predictor.baseline', name, ['default', ...baselines.names].join(', '));
}

function parseApiAddress(text: string): { host: string; port: number } {
  const m = /^(?:(.+):)?(\d{1,5})$/.exec(text.trim());
  const port = m ? Number(m[2]) : NaN;
  if (!m || port > 65_535) throw new ProdsimError(ErrorCodes.USAGE, `--api-port takes PORT or HOST:PORT (port 0-65535), got ${JSON.stringify(text)}`);
  return { host: m[1]?.replace(/^\[(.*)\]$/, '$1') ?? '127.0.0.1', port };
}

function setToLayer(assignment: string): Record<string, unknown> {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new ProdsimError(ErrorCodes.USAGE, `--set takes KEY=VALUE, got ${JSON.stringify(assignment)}`);
  const path = assignment.slice(0, eq).split('.');
  const raw = assignment.slice(eq + 1);
  let value: unknown = raw;
  if (raw === 'true' || raw === 'false' || raw === 'null' || /^[[{"]/.test(raw)) {
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
  }
  const layer: Record<string, unknown> = {};
  let node = layer;
  for (const key of path.slice(0, -1)) node = node[key] = {} as Record<string, unknown>;
  node[path[path.length - 1]] = value;
  return layer;
}

export async function runCommand(argv: string[], io: CliIo, deps: RunCommandDeps): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    print(io.stdout, RUN_HELP);
    return 0;
  }
  let prepared: PreparedRun & { json: boolean; api?: { host: string; port: number } };
  let store: CheckpointStore | undefined;
  const resuming = isResume(argv);
  if (resuming) {
    const resumed = prepareResume(argv, deps);
    prepared = { ...resumed, api: resumed.apiPort === undefined ? undefined : parseApiAddress(resumed.apiPort) };
    store = resumed.store;
  } else {
    prepared = prepareRun(argv, io, deps);
    store = newCheckpointStore(prepared);
  }
  const { config, plugin } = prepared;
  // --api-port wins over the configuration file's api.port.
  const api = prepared.api ?? (config.api.port === undefined ? undefined : { host: config.api.host, port: config.api.port });
  if (config.linger && !api) throw new ProdsimError(ErrorCodes.USAGE, '--linger keeps the entity API serving: give --api-port (or api.port) too');
  const transportFactory = deps.transports.get(config.transport.name);
  const transport: Transport = transportFactory.create({ ...config.transport.options, clientId: `prodsim-${plugin.id.replace('/', '-')}` });
  if (config.teams) {
    const makeTransport = (team: string) =>
      transportFactory.create({ ...config.transport.options, clientId: `prodsim-${plugin.id.replace('/', '-')}-${team}` });
    return runCourseCommand({ ...prepared, api, transport, makeTransport, store, resuming }, io, deps);
  }

  let predictor: Predictor | undefined;
  if (config.predictor.url) {
    if (!deps.httpPredictor) throw new ProdsimError(ErrorCodes.USAGE, '--predictor needs the HTTP predictor, which this build does not include');
    predictor = deps.httpPredictor(config.predictor.url);
  }
  // A built-in baseline observes the world from its first interaction, so it exists before the
  // world; its predictor needs the world's probe, so it answers once the world is built.
  const baselineName = config.predictor.baseline;
  const baseline = baselineName !== undefined && baselineName !== 'default' ? deps.baselines!.create(baselineName, config.seed) : undefined;
  const log = (m: string) => print(io.stderr, m);
  const { checkpoints, resume } = worldCheckpoints(store, config, { resuming, log });
  // The event file is opened (and checked) before anything connects; resuming, it is cut back to the checkpoint.
  const outputs = config.out ? [new FileSink(config.out, { resumeAt: resumeAt(resume, config.out) })] : [];
  const streamFaults = config.scenario.some((step) => step.action === 'stream-faults');
  const sim = new Simulation({
    config,
    domainConfig: prepared.domainConfig,
    plugin,
    transport,
    outputs,
    predictor,
    streamFaults,
    observer: baseline?.observer,
    log,
    checkpoints,
    resume,
    runId: store?.manifest.runId,
  });
  let apiServer: ApiServer | undefined;
  try {
    await transport.connect();
    const world = await sim.init();
    if (baseline) {
      if (!world.probe?.slateEndpoint) {
        throw new ProdsimError(
          ErrorCodes.USAGE,
          `baseline ${baselineName}: domain ${plugin.id} has no research probe with a slate endpoint, so built-in baselines cannot answer it (use its default or --predictor)`,
        );
      }
      sim.predictions.use(baseline.predictor(world));
    }
    scheduleScenario(
      sim,
      config.scenario,
      () => apiServer?.faults,
      (step) => print(io.stderr, `scenario, day ${step.day}: ${step.label ?? step.action}`),
    );
    await sim.begin();
    if (store && !resuming) store.save();
    // The API serves the world from before simulated time starts until the run has stopped.
    if (api) {
      apiServer = await startApi([apiWorldOf(sim)], api, io, { ...config.api, scenario: config.scenario, start: config.start });
      const faults = resuming ? apiFaultsAt(sim, config.scenario, sim.scheduler.now) : undefined;
      if (faults) Object.assign(apiServer.faults, faults);
    }
  } catch (error) {
    await closeQuietly([() => sim.domainWorld.close?.(), () => transport.close(), () => predictor?.close(), ...outputs.map((o) => () => o.close())]);
    throw error;
  }
  const bar =
    config.progress && io.stderr.isTTY ? new ProgressBar(io.stderr as NodeJS.WriteStream, config.start, sim.endTime, () => sim.events.total) : undefined;
  let lingered = false;
  const { result: summary, signalled } = await untilSignal(
    io,
    async ({ stop, abandon }) => {
      try {
        const done = await sim.run({ signal: stop, abandon, onProgress: bar ? (p) => bar.update(p) : undefined });
        bar?.clear();
        lingered = await lingerAfterRun(config.linger ? apiServer : undefined, stop, done.reason !== 'error', io);
        return done;
      } finally {
        await apiServer?.close();
        bar?.clear();
      }
    },
    stopMessages([transport], store?.dir),
  );
  if (signalled) print(io.stderr, stoppedLine(signalled, [summary]));
  printFailures(io, summary);
  if (signalled && store) print(io.stderr, `continue with: prodsim run --resume ${store.dir}`);
  print(io.stdout, prepared.json ? JSON.stringify(summary, null, 2) : formatSummary(summary));
  if (summary.reason === 'error') return 1;
  return signalled && !lingered ? 130 : 0;
}
