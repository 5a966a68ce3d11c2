import { popcount, type ResearchProbe } from '@prodsim/core';
import { MAX_RECOMMENDATIONS, type RecommendRequest } from '../recommend/recommend-endpoint.js';
import type { MoviesState } from '../world/world-state.js';
import { recommendValue } from './headroom.js';

const RATE = ',GET /rate/';

/**
 * The Jaccard distance of two genre sets by (shared genres) * 33 + (genres of either), for up
 * to 32 genres: 1 - shared / either (0 for two movies without genres). A table, as experiments
 * measure 190 pairs in every slate shown, and a division each was most of that.
 */
const GENRE_DISTANCE = Float64Array.from({ length: 33 * 33 }, (_, i) => {
  const union = i % 33;
  return union === 0 ? 0 : 1 - Math.floor(i / 33) / union;
});

/** The Jaccard distance of two genre masks. */
function genreDistance(ga: number, gb: number): number {
  return GENRE_DISTANCE[popcount(ga & gb) * 33 + popcount(ga | gb)];
}

const AGE_BANDS: [number, string][] = [
  [18, 'under 18'],
  [25, '18-24'],
  [35, '25-34'],
  [50, '35-49'],
  [Infinity, '50+'],
];

/**
 * What experiments may ask of a movie world: users' age bands (fairness splits), genre distance
 * between movies (diversity), how far users' genre tastes moved from where they started (taste
 * drift), a user's true rating of a movie now (the oracle); the last two from the hidden ground
 * truth, for research metrics only; and how a ranked list of movie indices becomes a
 * `recommend` answer (for built-in baselines).
 */
export function moviesProbe(s: MoviesState): ResearchProbe {
  let masks = new Uint32Array(MAX_RECOMMENDATIONS);
  return {
    get userCount() {
      return s.created;
    },
    get itemCount() {
      return s.catalogue.count;
    },
    userGroup(user: number): string {
      const age = s.population.age[user];
      for (const [limit, name] of AGE_BANDS) if (age < limit) return name;
      return '50+';
    },
    itemDistance(a: number, b: number): number {
      return genreDistance(s.catalogue.genreMask[a], s.catalogue.genreMask[b]);
    },
    // Every slate of an experiment is measured: the list's genre masks are read once, and the
    // pairs are summed in itemDistance's order, so the mean is the same to the last bit.
    listDiversity(items: ArrayLike<number>): number {
      const n = items.length;
      if (n < 2) return NaN;
      if (masks.length < n) masks = new Uint32Array(n);
      for (let i = 0; i < n; i++) masks[i] = s.catalogue.genreMask[items[i]];
      let sum = 0;
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) sum += genreDistance(masks[i], masks[j]);
      }
      return sum / ((n * (n - 1)) / 2);
    },
    tasteDrift(user: number): number {
      return s.truth.origins.distance(user, s.truth.genreAffinity);
    },
    // The same value the world reports as trueValue when a user watches (viewing), read now:
    // for the oracle baseline in experiments only, never for an answer on the stream.
    trueValue(user: number, movie: number): number {
      return s.truth.score(user, movie, s.population, s.catalogue);
    },
    ...(s.history ? { history: () => s.history! } : {}),
    // The ratings on the stream (`<time>,<user>,GET /rate/<movie>=<n>`), back in stars: public,
    // what any service reading the stream sees; for baselines that learn to predict ratings.
    streamRatings: {
      read(_topic, key, value) {
        if (key === null) return undefined;
        const at = value.indexOf(RATE, 19);
        if (at < 0) return undefined;
        const eq = value.lastIndexOf('=');
        const item = s.catalogue.indexOf(value.slice(at + RATE.length, eq));
        const rating = Number(value.slice(eq + 1));
        if (item < 0 || !Number.isFinite(rating)) return undefined;
        return { user: Number(key) - 1, item, value: (rating * 5) / s.config.ratingScale };
      },
    },
    slateEndpoint: {
      name: 'recommend',
      size: MAX_RECOMMENDATIONS,
      userOf: (request) => Number((request as RecommendRequest).userId) - 1,
      answer: (items) => items.map((m) => s.catalogue.slugs[m]),
    },
    // Staff-only headroom: what a list is worth under the hidden truth (research/headroom.ts).
    answerValues: { recommend: recommendValue(s) },
  };
}
