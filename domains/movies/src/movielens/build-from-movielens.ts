import type { ConsumptionHistory, DomainContext } from '@prodsim/core';
import type { MoviesConfig } from '../config.js';
import { GENRE_COUNT } from '../genres.js';
import { movieSlug } from '../text/slug.js';
import { capacities, type WorldStores } from '../world/build-synthetic.js';
import { Catalogue } from '../world/catalogue.js';
import { AGE_GENRE_EFFECT, GENDER_GENRE_EFFECT, ageGroup } from '../world/demographics.js';
import { GroundTruth } from '../world/ground-truth.js';
import { fillMovieFacts, releaseTimeIn, yearOf } from '../world/movie-facts.js';
import { Population } from '../world/population.js';
import { setActivity, synthesizeAttributes } from '../world/synthetic-users.js';
import type { MovieLensData } from './dataset.js';
import { loadMovieLens } from './load.js';
import { fitBiasedMf, type BiasedMf } from './matrix-factorization.js';
import { CoViewing } from './co-viewing.js';
import { RatingCalendar } from './rating-calendar.js';
import { fitImplicit, type ImplicitFit } from './implicit-fit.js';

/**
 * A world whose movies and ground truth come from a MovieLens release: the catalogue is the
 * dataset's movies, the hidden truth a biased matrix factorisation fitted to its ratings plus an
 * implicit one fitted to which movies each user rated (what they choose; see implicit-fit.ts),
 * its watch history the dataset's ratings, and
 * each simulated user is a (slightly jittered) copy of a dataset user, so `users` can exceed the
 * dataset's head count. Demographics come from the data where it has them.
 */
export function buildMovieLensWorld(
  ctx: DomainContext,
  config: MoviesConfig,
): { stores: WorldStores; description: string; data: MovieLensData; fit: BiasedMf } {
  const data = loadMovieLens(config.source);
  const fit = fitBiasedMf(data.ratings, data.users.count, data.movies.count, {
    factors: config.fitFactors,
    epochs: config.fitEpochs,
    rng: ctx.rng.stream('fit'),
  });
  const choice = fitImplicit(data.ratings, data.users.count, data.movies.count, {
    factors: config.fitFactors,
    epochs: config.fitEpochs,
    rng: ctx.rng.stream('fit-choice'),
  });
  const cap = capacities(ctx, config, config.users, data.movies.count);
  const truth = new GroundTruth(
    fit.factors + choice.factors,
    cap.users,
    cap.movies,
    config.minorsPreferR,
    config.idiosyncrasy,
    ctx.rng.stream('idiosyncrasy').int(0x7fffffff),
    config.momentum,
  );
  // Ratings of movies users chose are higher than ratings of random movies would be (selection:
  // Marlin and Zemel 2009 measured about a star on Yahoo! music ratings of random songs); users
  // here choose by the truth, so its mean is set below the observed mean by that much.
  truth.mu = fit.mu - config.fitSelectionShift;
  truth.coViewing = CoViewing.fromRatings(data.ratings, data.movies.count);
  const catalogue = buildCatalogue(ctx, data, fit, choice, config.fitChoiceWeight, truth, cap.movies);
  const population = buildUsers(ctx, config, data, fit, choice, truth, cap.users);
  const history = buildHistory(data, config.users, catalogue);
  for (let i = 0; i < history.count; i++) {
    population.markWatched(history.user[i], history.item[i]);
    population.lastWatched[history.user[i]] = history.item[i] + 1;
  }
  const description = `${data.format} ${data.dir} (${data.users.count} users, ${data.movies.count} movies, ${data.ratings.count} ratings; MF k=${fit.factors}, train RMSE ${fit.rmse.toFixed(3)})`;
  const ratingCalendar = config.ratingVisits ? RatingCalendar.fromRatings(data.ratings, data.users.count) : undefined;
  return { stores: { population, catalogue, truth, history, ratingCalendar }, description, data, fit };
}

function buildCatalogue(
  ctx: DomainContext,
  data: MovieLensData,
  fit: BiasedMf,
  choice: ImplicitFit,
  choiceWeight: number,
  truth: GroundTruth,
  capacity: number,
): Catalogue {
  const n = data.movies.count;
  const counts = new Float64Array(n);
  const first = new Float64Array(n).fill(Infinity);
  for (let r = 0; r < data.ratings.count; r++) {
    const m = data.ratings.movie[r];
    counts[m]++;
    if (data.ratings.time[r] < first[m]) first[m] = data.ratings.time[r];
  }
  const logCounts = Array.from(counts, (c) => Math.log1p(c));
  const { mean: lcMean, sd: lcSd } = moments(logCounts);
  const { sd: biasSd } = moments(Array.from(fit.itemBias));
  const cat = new Catalogue(capacity);
  const rng = ctx.rng.stream('catalogue');
  const k = fit.factors;
  for (let m = 0; m < n; m++) {
    const year = data.movies.years[m] || (Number.isFinite(first[m]) ? yearOf(first[m] * 1000) : 2000);
    const title = data.movies.titles[m];
    const i = cat.add(title, movieSlug(title, year));
    // The rating model's movie bias and factors, then the choice model's personal factors, in
    // stars per sd of its score. The choice model's item bias (how widely a movie was rated) is
    // left out: the rating model's movie bias already makes popular movies appealing (they rate
    // higher), and adding exposure-driven popularity on top made every learner's list equally
    // acceptable (uptake 96-99% for popularity, item-kNN and MF alike), so that no online test
    // could tell them apart.
    truth.movieBias[i] = fit.itemBias[m];
    const kt = truth.k;
    for (let f = 0; f < k; f++) truth.movieFactors[i * kt + f] = fit.itemFactors[m * k + f];
    for (let f = 0; f < choice.factors; f++) truth.movieFactors[i * kt + k + f] = (choiceWeight * choice.itemFactors[m * choice.factors + f]) / choice.sd;
    fillMovieFacts(cat, i, rng, {
      year,
      genreMask: data.movies.genreMasks[m],
      releasedAt: releaseTimeIn(year, ctx.startTime, rng),
      qualityZ: biasSd > 0 ? fit.itemBias[m] / biasSd : 0,
      popularityZ: lcSd > 0 ? (logCounts[m] - lcMean) / lcSd : 0,
      now: ctx.startTime,
      tmdbId: data.movies.tmdbIds?.[m] || undefined,
      imdbId: data.movies.imdbIds?.[m] || undefined,
    });
  }
  return cat;
}

function buildUsers(
  ctx: DomainContext,
  config: MoviesConfig,
  data: MovieLensData,
  fit: BiasedMf,
  choice: ImplicitFit,
  truth: GroundTruth,
  capacity: number,
): Population {
  const pop = new Population(capacity);
  const rng = ctx.rng.stream('population');
  const taste = ctx.rng.stream('ground-truth');
  synthesizeAttributes(pop, 0, config.users, rng, config);
  const nData = data.users.count;
  const counts = new Float64Array(nData);
  for (let r = 0; r < data.ratings.count; r++) counts[data.ratings.user[r]]++;
  const median = Math.max(1, [...counts].sort((a, b) => a - b)[nData >> 1] ?? 1);
  const k = fit.factors;
  for (let u = 0; u < config.users; u++) {
    const src = u % nData;
    if (data.users.age) pop.age[u] = data.users.age[src];
    if (data.users.gender) pop.gender[u] = data.users.gender[src];
    if (data.users.occupation) pop.occupation[u] = data.users.occupation[src];
    // Heavy raters in the data are heavy watchers here.
    setActivity(pop, u, (Math.max(1, counts[src]) / median) ** 0.7 * Math.exp(0.35 * rng.normal()), config);
    truth.userBias[u] = fit.userBias[src] + taste.normal(0, 0.05);
    const kt = truth.k;
    for (let f = 0; f < k; f++) truth.userFactors[u * kt + f] = fit.userFactors[src * k + f] + taste.normal(0, 0.03);
    for (let f = 0; f < choice.factors; f++) truth.userFactors[u * kt + k + f] = choice.userFactors[src * choice.factors + f] + taste.normal(0, 0.03);
    const age = AGE_GENRE_EFFECT[ageGroup(pop.age[u])];
    const gender = GENDER_GENRE_EFFECT[pop.gender[u]];
    for (let g = 0; g < GENRE_COUNT; g++) truth.genreAffinity[u * GENRE_COUNT + g] = age[g] + gender[g];
  }
  pop.count = config.users;
  return pop;
}

/**
 * What the simulated users watched before the run: each one's source user's ratings (copies
 * share them), oldest first, with a full viewing's minutes as the engagement. The world marks
 * them watched (users seldom watch them again) and baselines train on them first.
 */
function buildHistory(data: MovieLensData, users: number, catalogue: Catalogue): ConsumptionHistory {
  const nData = data.users.count;
  const r = data.ratings;
  const perUser = new Int32Array(nData + 1);
  for (let i = 0; i < r.count; i++) perUser[r.user[i] + 1]++;
  for (let u = 0; u < nData; u++) perUser[u + 1] += perUser[u];
  const byUser = new Int32Array(r.count);
  const fill = perUser.slice(0, nData);
  for (let i = 0; i < r.count; i++) byUser[fill[r.user[i]]++] = i;
  let count = 0;
  for (let u = 0; u < users; u++) count += perUser[(u % nData) + 1] - perUser[u % nData];
  const order: { user: number; rating: number }[] = new Array(count);
  let k = 0;
  for (let u = 0; u < users; u++) {
    const src = u % nData;
    for (let j = perUser[src]; j < perUser[src + 1]; j++) order[k++] = { user: u, rating: byUser[j] };
  }
  order.sort((a, b) => r.time[a.rating] - r.time[b.rating] || a.user - b.user || a.rating - b.rating);
  const history: ConsumptionHistory = {
    count,
    user: new Int32Array(count),
    item: new Int32Array(count),
    time: new Float64Array(count),
    engagement: new Float32Array(count),
  };
  order.forEach((o, i) => {
    const m = r.movie[o.rating];
    history.user[i] = o.user;
    history.item[i] = m;
    history.time[i] = r.time[o.rating] * 1000;
    history.engagement[i] = catalogue.runtime[m];
  });
  return history;
}

function moments(values: number[]): { mean: number; sd: number } {
  if (values.length === 0) return { mean: 0, sd: 0 };
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) * (b - mean), 0) / values.length;
  return { mean, sd: Math.sqrt(variance) };
}
