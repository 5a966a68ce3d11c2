import { parseArgs } from 'node:util';
import { formatComparison, runFidelity } from '@prodsim/domain-movies';
import { machine } from '../report.js';

/**
 * bench/movies fidelity: simulates a month of the default (synthetic, 10,000-user) movies world
 * under a random recommender (users' own discovery: see `prodsim stats --help`), once per seed, and prints its ratings beside a
 * MovieLens release: rating histogram, ratings per user and per movie (quantiles, Gini), share
 * on the top 10% of movies, spread of users' mean ratings, genre shares.
 * Run: node bench/dist/movies/fidelity.js [--against DIR] [--days 30] [--seeds 1,2,3] [--users N]
 */
const { values } = parseArgs({
  options: {
    against: { type: 'string', default: '../shared/data/movielens/ml-latest-small' },
    days: { type: 'string', default: '30' },
    seeds: { type: 'string', default: '1,2,3' },
    users: { type: 'string' },
  },
});

console.log(`bench/movies fidelity: ${machine()}`);
console.log(`simulated: ${values.days} days of the default world per seed (${values.seeds}); real: ${values.against}\n`);
const result = await runFidelity({
  against: values.against,
  days: Number(values.days),
  seeds: values.seeds.split(','),
  users: values.users === undefined ? undefined : Number(values.users),
});
console.log(formatComparison(result.rows));
console.log(`\n${result.events.toLocaleString('en-US')} events simulated in ${result.wallSeconds.toFixed(1)} s`);
