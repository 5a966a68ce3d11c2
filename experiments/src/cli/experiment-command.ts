import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ErrorCodes, ProdsimError, loadConfigFile, print, type CliCommand, type CliIo, type DomainRegistry, type PluginBaseline } from '@prodsim/core';
import { BASELINES } from '../baselines/baseline-names.js';
import { runExperiment } from '../runner/experiment-runner.js';
import { queueExecutor } from '../runner/queue/queue-executor.js';
import { MIN_REPLICATIONS } from '../summary/plain-words.js';
import { headroomLines } from '../summary/headroom-summary.js';
import { experimentReport } from '../report/experiment-report.js';
import { renderSweepReport } from '../report/sweep-report.js';
import type { ExperimentSummary } from '../summary/summarize.js';

export const EXPERIMENT_HELP = `Usage: prodsim experiment run <spec.yaml|spec.json> [options]

Runs every replication of an experiment (in parallel worker threads; in the paired design
every arm of every replication is its own run), then writes metrics.jsonl, summary.json and
report.html to the output folder and lists the spec's expectations, held or not held. An
interrupted run resumes: finished runs are kept. The exit status is 0 whether or not the
expectations held.

An arm's predictor is a built-in baseline, one of
  ${BASELINES.join(', ')}
(mf-ratings learns to predict ratings from the stream's, and its arm gets rmse and rmseDay:
the error of its predictions against the hidden true ratings), a loaded plugin's baseline,
"default" (the domain's own) or an http:// service.

A spec with a sweep: grid (e.g. sweep: { "world.users": [1000, 4000] }) runs every point
as its own experiment in <out>/points/<point>/ and compares the points in sweep.json and
report.html. With --queue, the runs go to \`prodsim worker\` processes on any machines through
a NATS JetStream work queue instead of threads; the results are the same, byte for byte.

Options:
  --out DIR        output folder (default: results/<spec name>)
  --workers N      worker threads (default: one per core, or a few more when the runs do not
                   divide evenly, so that every core stays busy to the last run; 0 = no threads)
  --queue URL      run on workers behind nats://host:port[/queue] instead (start them with
                   prodsim worker --nats URL); Ctrl-C leaves the jobs queued, and running the
                   same command again collects what the workers finished meanwhile
  --ack-wait S     with --queue: seconds a worker may stay silent before its job goes to
                   another worker (default 30; running jobs report well within it)
  --fresh          discard earlier results in the output folder instead of resuming
  --raw            also write raw data as Parquet to <out>/raw/: every slate and interaction
                   (per replication, or replication x arm), the per-item consumption per day,
                   and the per-day metrics (schema: experiments/README.md)
  --no-progress    no progress bar
  -h, --help       this help`;

export interface ExperimentCommandDeps {
  domains: DomainRegistry;
  /** The loaded plugins' baselines, which arms may name as their predictor. */
  baselines?: readonly PluginBaseline[];
  /** The composition root's registry module, for worker threads. */
  registryModule: string;
  /** Module URLs of the outside plugins the CLI loaded: worker threads load the same. */
  plugins?: readonly string[];
}

export function experimentCommand(deps: ExperimentCommandDeps): CliCommand {
  return {
    description: 'run a feedback-loop experiment from a spec (prodsim experiment --help)',
    run: (argv, io) => runExperimentCommand(argv, io, deps),
  };
}

async function runExperimentCommand(argv: string[], io: CliIo, deps: ExperimentCommandDeps): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        workers: { type: 'string' },
        queue: { type: 'string' },
        'ack-wait': { type: 'string' },
        fresh: { type: 'boolean' },
        raw: { type: 'boolean' },
        'no-progress': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (cause) {
    throw new ProdsimError(ErrorCodes.USAGE, `${(cause as Error).message} (see prodsim experiment --help)`, { cause });
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    print(io.stdout, EXPERIMENT_HELP);
    return values.help ? 0 : 2;
  }
  if (positionals[0] !== 'run' || positionals.length !== 2)
    throw new ProdsimError(ErrorCodes.USAGE, 'expected: prodsim experiment run <spec> (see prodsim experiment --help)');
  const specPath = positionals[1];
  const specInput = loadConfigFile(specPath);
  const domainName = typeof specInput.domain === 'string' ? specInput.domain : '';
  if (!domainName)
    throw new ProdsimError(ErrorCodes.CONFIG_INVALID, `invalid configuration: domain = (missing) in ${specPath}; allowed: a domain name such as "movies"`);
  const plugin = deps.domains.get(domainName);
  const workers = values.workers === undefined ? 'cores' : Number(values.workers);
  if (workers !== 'cores' && (!Number.isInteger(workers) || workers < 0))
    throw new ProdsimError(ErrorCodes.USAGE, `--workers takes a whole number >= 0, got ${values.workers}`);
  if (values.queue !== undefined && values.workers !== undefined)
    throw new ProdsimError(ErrorCodes.USAGE, '--workers and --queue exclude each other: with --queue the workers are `prodsim worker` processes');
  if (values['ack-wait'] !== undefined && values.queue === undefined) throw new ProdsimError(ErrorCodes.USAGE, '--ack-wait goes with --queue');
  const ackWait = values['ack-wait'] === undefined ? undefined : Number(values['ack-wait']);
  if (ackWait !== undefined && !(Number.isFinite(ackWait) && ackWait >= 1 && ackWait <= 3600))
    throw new ProdsimError(ErrorCodes.USAGE, `--ack-wait takes seconds from 1 to 3600, got ${values['ack-wait']}`);
  const tty = !values['no-progress'] && io.stderr.isTTY;
  let last = '';
  const interrupt = new AbortController();
  const onInt = () => interrupt.abort();
  const executor =
    values.queue === undefined
      ? undefined
      : queueExecutor({
          url: values.queue,
          plugins: deps.plugins,
          ...(ackWait === undefined ? {} : { ackWaitMs: ackWait * 1000 }),
          onNotice: (line) => {
            // Over the progress bar, which the next update draws again.
            if (tty) io.stderr.write(`\r${' '.repeat(last.length)}\r`);
            print(io.stderr, line);
          },
          signal: interrupt.signal,
        });
  const name = typeof specInput.name === 'string' ? specInput.name : basename(specPath).replace(/\.[^.]+$/, '');
  const outDir = values.out ?? join('results', name);
  const unitWord = specInput.design === 'paired' ? 'runs (replication x arm)' : 'replications';
  // With a queue, Ctrl-C stops the coordinator cleanly: the jobs stay queued for a rerun.
  if (executor) io.signals?.once('SIGINT', onInt);
  const result = await runExperiment({
    specInput,
    plugin,
    baselines: deps.baselines,
    outDir,
    workers,
    executor,
    registryModule: deps.registryModule,
    plugins: deps.plugins,
    fresh: values.fresh,
    raw: values.raw,
    renderReport: experimentReport,
    renderSweepReport,
    onProgress: (done, total, days, daysTotal) => {
      if (!tty) return;
      const share = daysTotal > 0 ? days / daysTotal : 0;
      const line = `[${'#'.repeat(Math.round(share * 24)).padEnd(24, '-')}] ${(share * 100).toFixed(0).padStart(3)}%  ${done}/${total} ${unitWord}  ${days}/${daysTotal} simulated days`;
      io.stderr.write(`\r${line.padEnd(last.length)}`);
      last = line;
    },
  }).finally(() => io.signals?.removeListener('SIGINT', onInt));
  if (tty) io.stderr.write(`\r${' '.repeat(last.length)}\r`);
  const { sweep } = result;
  const points = sweep ? sweep.points : [{ ...result, name: '', label: '', dir: '' }];
  const events = points.reduce((a, p) => a + p.summary.events.perReplication.reduce((x, y) => x + y, 0), 0);
  const spec = result.spec;
  print(
    io.stdout,
    `experiment ${spec.name}: ${result.summary.replications} replications x ${spec.days} days x ${spec.arms.length} arms of ${plugin.id}, ${result.summary.design} design${sweep ? `, ${points.length} sweep points over ${sweep.summary.settings.join(', ')}` : ''}`,
  );
  const resumed = points.flatMap((p) => p.resumedUnits.map((u) => (sweep ? `${p.name}/${u}` : u)));
  if (resumed.length > 0) print(io.stdout, `resumed: ${unitWord} ${resumed.join(', ')} were already done`);
  print(
    io.stdout,
    `wall time ${result.wallSeconds.toFixed(1)} s, ${events.toLocaleString('en-US')} events (${Math.round(events / Math.max(result.wallSeconds, 1e-9)).toLocaleString('en-US')} events/s)`,
  );
  if (!sweep) printFindings(io, result.summary);
  else {
    // A sweep may have hundreds of points: one line each; the details are in each point's folder.
    for (const point of points) {
      const s = point.summary;
      const held = s.expectations.length > 0 ? `expectations ${s.expectations.filter((e) => e.held).length} of ${s.expectations.length} held; ` : '';
      const clear = s.comparisons.filter((c) => c.replications >= MIN_REPLICATIONS && c.adjustedP < 0.05).length;
      print(io.stdout, `point ${point.name} (${point.label}): ${held}${clear} differences between arms unlikely to be chance; ${join(outDir, point.dir)}`);
    }
    const clearPoints = sweep.summary.comparisons.filter((c) => c.replications >= MIN_REPLICATIONS && c.adjustedP < 0.05);
    print(
      io.stdout,
      `sweep: every point against ${sweep.points[0].name}, arm by arm (paired by replication; Holm over ${sweep.summary.comparisons.length} comparisons):`,
    );
    for (const w of sweep.summary.warnings) print(io.stdout, `warning: ${w}`);
    if (clearPoints.length === 0) print(io.stdout, '(no difference between points unlikely to be chance)');
    for (const c of clearPoints) print(io.stdout, `- ${c.sentence}`);
    print(io.stdout, `results in ${outDir}: sweep.json, report.html (comparing the points), points/<point>/ (each point's own results)`);
    return 0;
  }
  print(
    io.stdout,
    `results in ${outDir}: metrics.jsonl, summary.json, report.html${values.raw ? `, raw/ (Parquet: slates-*, interactions-*, consumption-* per ${unitWord === 'replications' ? 'replication' : 'run'}; metrics, groups)` : ''}`,
  );
  return 0;
}

/** A summary's warnings, expectations and clear differences, as the CLI lists them. */
function printFindings(io: CliIo, summary: ExperimentSummary): void {
  for (const w of summary.warnings) print(io.stdout, `warning: ${w}`);
  if (summary.expectations.length > 0) {
    print(io.stdout, `expectations: ${summary.expectations.filter((e) => e.held).length} of ${summary.expectations.length} held`);
    for (const e of summary.expectations) print(io.stdout, `- ${e.held ? 'held' : 'not held'}: ${e.sentence}`);
  }
  const clear = summary.comparisons.filter((c) => c.replications >= MIN_REPLICATIONS && c.adjustedP < 0.05);
  if (clear.length > 0) print(io.stdout, `differences unlikely to be chance (Holm-adjusted p < 0.05 over ${summary.comparisons.length} comparisons):`);
  for (const c of clear) print(io.stdout, `- ${c.sentence}`);
  if (summary.comparisons.length === 0) print(io.stdout, '(no statistical comparison: it needs two arms and at least two replications)');
  for (const line of headroomLines(summary.headroom)) print(io.stdout, line);
}
