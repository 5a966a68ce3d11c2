import { GENRES, GENRE_COUNT } from '../genres.js';
import { gini, mean, quantile, topShare } from './distribution.js';

/** Ratings as a team would see them on the stream: who rated which movie how (1-5 stars). */
export interface RatingsSample {
  count: number;
  user: ArrayLike<number>;
  movie: ArrayLike<number>;
  /** Stars 1-5 (MovieLens half stars are rounded up: 0.5 and 1 are 1 star, 4.5 and 5 are 5). */
  stars: ArrayLike<number>;
  /** Genre mask of each movie index. */
  genreMask: ArrayLike<number>;
}

export interface CountFigures {
  entities: number;
  mean: number;
  quantiles: { p10: number; p25: number; p50: number; p75: number; p90: number; p99: number };
  gini: number;
}

export interface FidelityFigures {
  ratings: number;
  /** Share of ratings with 1..5 stars. */
  histogram: number[];
  meanRating: number;
  /** Ratings per user, over users with at least one rating. */
  perUser: CountFigures;
  /** Ratings per movie, over movies with at least one rating. */
  perMovie: CountFigures;
  /** Share of ratings that go to the 10% most rated movies. */
  top10Share: number;
  /**
   * Spread of users' mean ratings: the between-user sd, corrected for the noise of averaging
   * few ratings (so a month of a few ratings per user compares with years of many), over users
   * with at least 3 ratings; and the plain sd for reference.
   */
  userMeanSd: number;
  userMeanSdRaw: number;
  /** Share of ratings on movies with each genre (a movie counts for each of its genres). */
  genreShares: Record<string, number>;
}

export const MIN_RATINGS_FOR_MEAN = 3;

export function toStars(value: number, scale: number): number {
  return scale === 10 ? Math.ceil(value / 2) : Math.min(5, Math.max(1, Math.ceil(value)));
}

function countFigures(counts: number[]): CountFigures {
  const sorted = Float64Array.from(counts).sort();
  return {
    entities: counts.length,
    mean: mean(sorted),
    quantiles: {
      p10: quantile(sorted, 0.1),
      p25: quantile(sorted, 0.25),
      p50: quantile(sorted, 0.5),
      p75: quantile(sorted, 0.75),
      p90: quantile(sorted, 0.9),
      p99: quantile(sorted, 0.99),
    },
    gini: gini(sorted),
  };
}

export function computeFigures(sample: RatingsSample): FidelityFigures {
  const n = sample.count;
  const hist = [0, 0, 0, 0, 0];
  const byUser = new Map<number, { n: number; sum: number; sq: number }>();
  const byMovie = new Map<number, number>();
  const genre = new Float64Array(GENRE_COUNT);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const stars = sample.stars[i];
    hist[stars - 1]++;
    total += stars;
    const u = sample.user[i];
    const m = sample.movie[i];
    let e = byUser.get(u);
    if (!e) byUser.set(u, (e = { n: 0, sum: 0, sq: 0 }));
    e.n++;
    e.sum += stars;
    e.sq += stars * stars;
    byMovie.set(m, (byMovie.get(m) ?? 0) + 1);
    const mask = sample.genreMask[m];
    for (let g = 0; g < GENRE_COUNT; g++) if (mask & (1 << g)) genre[g]++;
  }
  const means: number[] = [];
  let noise = 0;
  for (const e of byUser.values()) {
    if (e.n < MIN_RATINGS_FOR_MEAN) continue;
    const m = e.sum / e.n;
    means.push(m);
    const within = (e.sq - e.n * m * m) / (e.n - 1);
    noise += within / e.n;
  }
  const mm = mean(means);
  const rawVar = means.reduce((a, x) => a + (x - mm) * (x - mm), 0) / Math.max(1, means.length);
  const corrected = Math.max(0, rawVar - noise / Math.max(1, means.length));
  const movieCounts = [...byMovie.values()];
  const genreShares: Record<string, number> = {};
  GENRES.forEach((g, i) => (genreShares[g.name] = n > 0 ? genre[i] / n : 0));
  return {
    ratings: n,
    histogram: hist.map((h) => (n > 0 ? h / n : 0)),
    meanRating: n > 0 ? total / n : NaN,
    perUser: countFigures([...byUser.values()].map((e) => e.n)),
    perMovie: countFigures(movieCounts),
    top10Share: topShare(movieCounts, 0.1),
    userMeanSd: Math.sqrt(corrected),
    userMeanSdRaw: Math.sqrt(rawVar),
    genreShares,
  };
}
