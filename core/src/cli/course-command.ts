import { apiWorldOf } from '../api/api-world.js';
import { Course } from '../course/course-runner.js';
import { ConfigError } from '../errors.js';
import { formatSummary } from '../run/run-summary.js';
import type { Transport } from '../transport/transport.js';
import { print, type CliIo } from './cli-io.js';
import type { PreparedRun, RunCommandDeps } from './run-deps.js';
import { untilSignal } from './run-signals.js';
import { apiFaultsAt, scheduleScenario } from '../scenario/schedule-scenario.js';
import type { CheckpointStore } from '../checkpoint/checkpoint-store.js';
import { worldCheckpoints } from './run-checkpoints.js';
import { closeQuietly } from './close-quietly.js';
import { stopMessages } from './stop-messages.js';
import { printFailures, stoppedLine } from './run-failure-lines.js';
import { lingerAfterRun } from './linger.js';
import { startApi } from './start-api.js';
import { SetupLog } from './setup-log.js';

/**
 * `prodsim run --config course.yaml` when the configuration lists `teams`: one world per team in
 * this process, each team's world served by the entity API under /<team>/ behind its token.
 */
export async function runCourseCommand(
  prepared: PreparedRun & {
    json: boolean;
    api?: { host: string; port: number };
    transport: Transport;
    /** Makes a team's own transport (with checkpoints, each team has one). */
    makeTransport?: (team: string) => Transport;
    store?: CheckpointStore;
    resuming?: boolean;
  },
  io: CliIo,
  deps: RunCommandDeps,
): Promise<number> {
  const { config, plugin, transport, api, store } = prepared;
  const resuming = prepared.resuming ?? false;
  const setupLog = new SetupLog((m) => print(io.stderr, m));
  const log = setupLog.log;
  const teams = config.teams!;
  if (api) {
    teams.forEach((team, i) => {
      if (!team.token) throw new ConfigError(`teams[${i}].token`, undefined, 'an API token of at least 8 characters for every team when the entity API runs');
    });
  }
  const makePredictor = deps.httpPredictor;
  const streamFaults = config.scenario.some((step) => step.action === 'stream-faults');
  const course = new Course({
    config,
    domainConfig: prepared.domainConfig,
    plugin,
    teams,
    transport,
    streamFaults,
    makePredictor: makePredictor ? (url) => makePredictor(url) : undefined,
    log,
    checkpointsOf: (team) => worldCheckpoints(store, config, { team: team.name, resuming, log }),
    runId: store?.manifest.runId,
    transportOf: store && prepared.makeTransport ? (team) => prepared.makeTransport!(team.name) : undefined,
  });
  let server: Awaited<ReturnType<typeof startApi>> | undefined;
  try {
    for (const t of course.transports) await t.connect();
    await course.init();
    for (const { sim } of course.simulations) scheduleScenario(sim, config.scenario, () => server?.faults);
    for (const { sim } of course.simulations) await sim.begin();
    if (store && !resuming) store.save();
    if (api) {
      server = await startApi(
        course.simulations.map(({ team, sim }) => apiWorldOf(sim, { team: team.name, token: team.token })),
        api,
        io,
        { ...config.api, scenario: config.scenario, start: config.start },
      );
      // Resumed: the API faults the timeline had set by then (the teams' worlds share one API).
      const first = course.simulations[0].sim;
      const faults = resuming ? apiFaultsAt(first, config.scenario, first.scheduler.now) : undefined;
      if (faults) Object.assign(server.faults, faults);
    }
  } catch (error) {
    await closeQuietly([
      ...course.simulations.map(
        ({ sim }) =>
          () =>
            sim.domainWorld.close?.(),
      ),
      ...course.transports.map((t) => () => t.close()),
      ...course.simulations.flatMap(({ sim }) => sim.outputs.map((o) => () => o.close())),
    ]);
    throw error;
  }
  setupLog.started();
  print(io.stderr, `course mode: ${teams.length} teams (${teams.map((t) => t.name).join(', ')})`);
  let lingered = false;
  const { result: summaries, signalled } = await untilSignal(
    io,
    async ({ stop, abandon }) => {
      try {
        const done = await course.run({ signal: stop, abandon });
        lingered = await lingerAfterRun(config.linger ? server : undefined, stop, !done.some((s) => s.summary.reason === 'error'), io);
        return done;
      } finally {
        await server?.close();
      }
    },
    stopMessages(course.transports, store?.dir),
  );
  if (signalled)
    print(
      io.stderr,
      stoppedLine(
        signalled,
        summaries.map((s) => s.summary),
      ),
    );
  for (const { team, summary } of summaries) printFailures(io, summary, team);
  if (prepared.json) print(io.stdout, JSON.stringify(summaries, null, 2));
  else for (const { team, summary } of summaries) print(io.stdout, `== team ${team}\n${formatSummary(summary)}\n`);
  if (summaries.some((s) => s.summary.reason === 'error')) return 1;
  return signalled && !lingered ? 130 : 0;
}
