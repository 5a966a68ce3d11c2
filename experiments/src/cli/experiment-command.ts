import { basename, join } from 'node:path';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { ErrorCodes, ProdsimError, loadConfigFile, print, type CliCommand, type CliIo, type DomainRegistry } from '@prodsim/core';
import { runExperiment } from '../runner/experiment-runner.js';
import { MIN_REPLICATIONS } from '../summary/plain-words.js';
import { experimentReport } from '../report/experiment-report.js';

export const EXPERIMENT_HELP = `Usage: prodsim experiment run <spec.yaml|spec.json> [options]

Runs every replication of an experiment (in parallel worker threads; in the paired design
every arm of every replication is its own run), then writes metrics.jsonl, summary.json and
report.html to the output folder and lists the spec's expectations, held or not held. An
interrupted run resumes: finished runs are kept. The exit status is 0 whether or not the
expectations held.

Options:
  --out DIR        output folder (default: results/<spec name>)
  --workers N      worker threads (default: the number of cores; 0 = no threads)
  --fresh          discard earlier results in the output folder instead of resuming
  --raw            also write raw data as Parquet to <out>/raw/: every slate and interaction
                   (per replication, or replication x arm), the per-item consumption per day,
                   and the per-day metrics (schema: experiments/README.md)
  --no-progress    no progress bar
  -h, --help       this help`;

export interface ExperimentCommandDeps {
  domains: DomainRegistry;
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
  const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 0) throw new ProdsimError(ErrorCodes.USAGE, `--workers takes a whole number >= 0, got ${values.workers}`);
  const name = typeof specInput.name === 'string' ? specInput.name : basename(specPath).replace(/\.[^.]+$/, '');
  const outDir = values.out ?? join('results', name);
  const tty = !values['no-progress'] && io.stderr.isTTY;
  const unitWord = specInput.design === 'paired' ? 'runs (replication x arm)' : 'replications';
  let last = '';
  const result = await runExperiment({
    specInput,
    plugin,
    outDir,
    workers,
    registryModule: deps.registryModule,
    plugins: deps.plugins,
    fresh: values.fresh,
    raw: values.raw,
    renderReport: experimentReport,
    onProgress: (done, total, days, daysTotal) => {
      if (!tty) return;
      const share = daysTotal > 0 ? days / daysTotal : 0;
      const line = `[${'#'.repeat(Math.round(share * 24)).padEnd(24, '-')}] ${(share * 100).toFixed(0).padStart(3)}%  ${done}/${total} ${unitWord}  ${days}/${daysTotal} simulated days`;
      io.stderr.write(`\r${line.padEnd(last.length)}`);
      last = line;
    },
  });
  if (tty) io.stderr.write(`\r${' '.repeat(last.length)}\r`);
  const { summary } = result;
  const events = summary.events.perReplication.reduce((a, b) => a + b, 0);
  print(
    io.stdout,
    `experiment ${result.spec.name}: ${summary.replications} replications x ${result.spec.days} days x ${result.spec.arms.length} arms of ${plugin.id}, ${summary.design} design`,
  );
  if (result.resumedUnits.length > 0) print(io.stdout, `resumed: ${unitWord} ${result.resumedUnits.join(', ')} were already done`);
  print(
    io.stdout,
    `wall time ${result.wallSeconds.toFixed(1)} s, ${events.toLocaleString('en-US')} events (${Math.round(events / Math.max(result.wallSeconds, 1e-9)).toLocaleString('en-US')} events/s)`,
  );
  for (const w of summary.warnings) print(io.stdout, `warning: ${w}`);
  if (summary.expectations.length > 0) {
    print(io.stdout, `expectations: ${summary.expectations.filter((e) => e.held).length} of ${summary.expectations.length} held`);
    for (const e of summary.expectations) print(io.stdout, `- ${e.held ? 'held' : 'not held'}: ${e.sentence}`);
  }
  const clear = summary.comparisons.filter((c) => c.replications >= MIN_REPLICATIONS && c.adjustedP < 0.05);
  if (clear.length > 0) print(io.stdout, `differences unlikely to be chance (Holm-adjusted p < 0.05 over ${summary.comparisons.length} comparisons):`);
  for (const c of clear) print(io.stdout, `- ${c.sentence}`);
  if (summary.comparisons.length === 0) print(io.stdout, '(no statistical comparison: it needs two arms and at least two replications)');
  print(
    io.stdout,
    `results in ${outDir}: metrics.jsonl, summary.json, report.html${values.raw ? `, raw/ (Parquet: slates-*, interactions-*, consumption-* per ${unitWord === 'replications' ? 'replication' : 'run'}; metrics, groups)` : ''}`,
  );
  return 0;
}
