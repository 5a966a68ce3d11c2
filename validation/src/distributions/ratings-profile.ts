import { hashSeed } from '@prodsim/core';

/** One rating as the distributions tier compares it: who rated which movie, 1-5 stars, the hour (UTC). */
export interface RatingRecord {
  user: number;
  /** Any key that names the movie: a slug on the stream, an index in a dataset. */
  movie: string | number;
  /** 1-5 stars. */
  stars: number;
  /** Hour of day, 0-23, UTC. */
  hour: number;
}

/** A real rating: also when it was made (seconds since the epoch), to cut the real time line into periods. */
export interface TimedRatingRecord extends RatingRecord {
  time: number;
}

/** What the statistics of the distributions tier are computed from: counts, never single ratings. */
export interface RatingsProfile {
  ratings: number;
  /** Ratings with 1..5 stars. */
  histogram: number[];
  /** Ratings per rated movie. */
  perItem: number[];
  /** Ratings per rating user. */
  perUser: number[];
  /** Mean stars of the ratings on each tenth of the rated movies, least rated tenth first (NaN when empty). */
  decileMeans: number[];
  /** Ratings in each hour of the day (UTC). */
  hours: number[];
}

/** The counts every statistic of the tier needs, in one pass over the ratings. */
export function profileOf(records: Iterable<RatingRecord>): RatingsProfile {
  const histogram = [0, 0, 0, 0, 0];
  const hours = new Array<number>(24).fill(0);
  const items = new Map<string | number, { n: number; stars: number }>();
  const users = new Map<number, number>();
  let ratings = 0;
  for (const r of records) {
    ratings++;
    histogram[r.stars - 1]++;
    hours[r.hour]++;
    users.set(r.user, (users.get(r.user) ?? 0) + 1);
    let item = items.get(r.movie);
    if (!item) items.set(r.movie, (item = { n: 0, stars: 0 }));
    item.n++;
    item.stars += r.stars;
  }
  return { ratings, histogram, hours, perUser: [...users.values()], perItem: [...items.values()].map((i) => i.n), decileMeans: decileMeans(items) };
}

/**
 * Mean stars by item-popularity decile. Movies are ordered by their rating count; movies with
 * the same count are ordered by a fixed hash of their key (not by id, which follows release
 * date in MovieLens), so the many movies rated once or twice are spread over their deciles at
 * random but reproducibly. Decile d holds the movies of rank [d n / 10, (d + 1) n / 10).
 */
function decileMeans(items: Map<string | number, { n: number; stars: number }>): number[] {
  const entries = [...items.entries()].map(([key, v]) => ({ ...v, tie: hashSeed(`decile/${key}`)[0] }));
  entries.sort((a, b) => a.n - b.n || a.tie - b.tie);
  const sums = new Array<number>(10).fill(0);
  const counts = new Array<number>(10).fill(0);
  entries.forEach((e, rank) => {
    const d = Math.min(9, Math.floor((rank * 10) / entries.length));
    sums[d] += e.stars;
    counts[d] += e.n;
  });
  return sums.map((s, d) => (counts[d] > 0 ? s / counts[d] : NaN));
}
