import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ErrorCodes, ProdsimError, isProdsimError, print, type CliCommand, type CliIo, type DomainRegistry } from '@prodsim/core';
import { loadMovieLens, type MovieLensData } from '@prodsim/domain-movies';
import { renderValidationHtml } from '../report/render-html.js';
import { summaryText } from '../report/summary-text.js';
import { splitByTime } from '../split/time-split.js';
import { TRAIN_SHARE, runValidation } from '../validate.js';

export const VALIDATE_HELP = `Usage: prodsim validate movies --against <movielens-dir> --out DIR [options]

Decision fidelity (issue 12): splits a MovieLens release by time within each user (each user's
earliest 80% of ratings train, the rest are held out), scores the built-in recommenders offline
on the held-out ratings (hit rate@20, NDCG@20), runs each as the recommender of its own arm in
a world fitted to the training part (watch minutes per user, uptake, true rating of what was
watched), and compares the two orderings (Kendall's tau, sign flips of significant pairs). A
simulated period is compared with the real ratings statistic by statistic, against real samples
of the same size, each distance beside the same distance between two disjoint real samples.

Writes DIR/validation.json, DIR/validation.html, DIR/train/ (the training part, an ml-latest
directory) and DIR/online/ (the experiment's metrics.jsonl, summary.json, report.html).
Exits 0 when the run completes, whether or not the targets are met (the report says which).

Options:
  --against DIR        a MovieLens directory (ml-latest-small, ml-latest, ml-100k, ml-1m)
  --out DIR            output folder
  --days N             simulated days (default 30)
  --replications N     replications of the online tier, at least 2 (default 5)
  --users N            simulated users (default: the movies domain's, 10,000)
  --seed S             seed (default 1): the same seed gives the same validation.json
  --workers N          worker threads for replications (default: the number of cores; 0 = none)
  -h, --help           this help`;

export interface ValidateCommandDeps {
  domains: DomainRegistry;
  /** The composition root's registry module, for worker threads. */
  registryModule: string;
}

/** `prodsim validate`, for the composition root to register. */
export function validateCommand(deps: ValidateCommandDeps): CliCommand {
  return {
    description: 'movies: decision fidelity against held-out MovieLens ratings (prodsim validate --help)',
    run: (argv, io) => runValidateCommand(argv, io, deps),
  };
}

const usage = (message: string, cause?: unknown) => new ProdsimError(ErrorCodes.USAGE, `${message} (see prodsim validate --help)`, { cause });

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || !Number.isInteger(n) || n < min || n > max)
    throw usage(`${flag} takes a whole number from ${min} to ${max}, got ${JSON.stringify(text)}`);
  return n;
}

async function runValidateCommand(argv: string[], io: CliIo, deps: ValidateCommandDeps): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        against: { type: 'string' },
        out: { type: 'string' },
        days: { type: 'string', default: '30' },
        replications: { type: 'string', default: '5' },
        users: { type: 'string' },
        seed: { type: 'string', default: '1' },
        workers: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (cause) {
    throw usage((cause as Error).message, cause);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    print(io.stdout, VALIDATE_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw usage(`expected one domain, as in prodsim validate movies --against DIR --out DIR; got ${positionals.length === 0 ? 'none' : positionals.join(' ')}`);
  if (positionals[0] !== 'movies' && positionals[0] !== 'movies/v1')
    throw usage(`prodsim validate supports only the movies domain, got ${JSON.stringify(positionals[0])}`);
  if (!values.against) throw usage('--against <movielens-dir> is required');
  if (!values.out) throw usage('--out DIR is required');
  const days = wholeNumber('--days', values.days, 1, 3650);
  const replications = wholeNumber('--replications', values.replications, 2, 200);
  const users = values.users === undefined ? undefined : wholeNumber('--users', values.users, 1, 50_000_000);
  const workers = values.workers === undefined ? availableParallelism() : wholeNumber('--workers', values.workers, 0, 1024);
  if (values.seed.length === 0) throw usage('--seed needs a value');
  const outDir = resolve(values.out);
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (cause) {
    throw usage(`--out ${values.out}: cannot create the output folder (${(cause as Error).message})`, cause);
  }
  const data = loadDataset(values.against);
  const plugin = deps.domains.get('movies');

  const report = await runValidation({
    against: values.against,
    outDir,
    plugin,
    days,
    replications,
    seed: values.seed,
    users,
    workers,
    registryModule: deps.registryModule,
    data,
    log: (line) => print(io.stderr, line),
    onProgress: (days, total) => {
      if (io.stderr.isTTY) io.stderr.write(`\ronline tier: ${days}/${total} simulated days${days === total ? '\n' : ''}`);
    },
  });
  writeFileSync(join(outDir, 'validation.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(outDir, 'validation.html'), renderValidationHtml(report));
  print(io.stdout, summaryText(report));
  print(io.stdout, `\nwrote ${join(outDir, 'validation.json')} and ${join(outDir, 'validation.html')}`);
  return 0;
}

/** Loads the dataset up front, so that a missing, unreadable or malformed one is a usage error naming --against. */
function loadDataset(dir: string): MovieLensData {
  let data: MovieLensData;
  try {
    data = loadMovieLens(dir);
  } catch (cause) {
    const code = isProdsimError(cause) ? ` [${cause.code}]` : (cause as NodeJS.ErrnoException)?.code ? ` [${(cause as NodeJS.ErrnoException).code}]` : '';
    throw usage(`--against ${dir}: ${(cause as Error)?.message ?? cause}${code}`, cause);
  }
  if (splitByTime(data, TRAIN_SHARE).evaluatedUsers === 0) throw usage(`--against ${dir}: no user has a rating to hold out (each needs at least 2 ratings)`);
  return data;
}
