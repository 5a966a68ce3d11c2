import { parseArgs } from 'node:util';
import { ErrorCodes, ProdsimError, type CliCommand, type CliIo } from '@prodsim/core';
import { formatComparison } from './fidelity-compare.js';
import { runFidelity } from './fidelity-run.js';

export const STATS_HELP = `Usage: prodsim stats --against <movielens-dir> [options]

Simulates a month of the default movies world (synthetic) once per seed and prints its
ratings side by side with a MovieLens release: rating histogram, ratings per user and per
movie (quantiles, Gini), share of ratings on the top 10% of movies, spread of users' mean
ratings, genre shares. The month runs with a random recommender, which users mostly pass
over: what they watch is their own discovery, as MovieLens users rated what they had seen
anywhere; recommenders then shift it (prodsim validate, prodsim experiment run).

Options:
  --against DIR   a MovieLens directory (ml-100k, ml-1m, ml-latest, ml-latest-small)
  --days N        simulated days per seed (default 30)
  --seeds LIST    comma-separated seeds (default 1,2,3); figures are compared on their mean
  --users N       simulated users (default: the domain's default, 10,000)
  -h, --help      this help`;

/** `prodsim stats`: the movies fidelity report, for the composition root to register. */
export function moviesStatsCommand(): CliCommand {
  return {
    description: 'movies: a simulated month side by side with a MovieLens dataset (fidelity report)',
    async run(argv: string[], io: CliIo): Promise<number> {
      let values;
      try {
        values = parseArgs({
          args: argv,
          options: {
            against: { type: 'string' },
            days: { type: 'string', default: '30' },
            seeds: { type: 'string', default: '1,2,3' },
            users: { type: 'string' },
            help: { type: 'boolean', short: 'h' },
          },
          strict: true,
        }).values;
      } catch (cause) {
        throw new ProdsimError(ErrorCodes.USAGE, `${(cause as Error).message} (see prodsim stats --help)`, { cause });
      }
      if (values.help) {
        io.stdout.write(`${STATS_HELP}\n`);
        return 0;
      }
      if (!values.against) throw new ProdsimError(ErrorCodes.USAGE, 'prodsim stats needs --against <movielens-dir> (see prodsim stats --help)');
      const days = Number(values.days);
      if (!(days > 0 && days <= 3650))
        throw new ProdsimError(ErrorCodes.USAGE, `--days must be a number of days in (0, 3650], got ${JSON.stringify(values.days)}`);
      const users = values.users === undefined ? undefined : Number(values.users);
      if (users !== undefined && !(Number.isInteger(users) && users > 0))
        throw new ProdsimError(ErrorCodes.USAGE, `--users must be a positive integer, got ${JSON.stringify(values.users)}`);
      const seeds = values.seeds
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
      if (seeds.length === 0) throw new ProdsimError(ErrorCodes.USAGE, '--seeds needs at least one seed');
      const result = await runFidelity({ against: values.against, days, seeds, users });
      io.stdout.write(
        `${formatComparison(result.rows)}\n\n${result.events.toLocaleString('en-US')} events simulated in ${result.wallSeconds.toFixed(1)} s over ${seeds.length} seed(s)\n`,
      );
      return 0;
    },
  };
}
