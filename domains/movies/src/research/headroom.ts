import type { AnswerValue, RandomStream } from '@prodsim/core';
import { ChoiceModel } from '../behaviour/choice-model.js';
import { MAX_RECOMMENDATIONS, type RecommendRequest, type RecommendResult } from '../recommend/recommend-endpoint.js';
import type { MoviesState } from '../world/world-state.js';

/**
 * The value of a `recommend` answer under the hidden truth, for the staff headroom figures: the
 * chance that the user starts a movie from the list, by the world's own cascade (Sessions.choose
 * and ChoiceModel: each movie looked at is started with its start chance; after one is passed
 * over, the next is looked at with the go-on chance). Computed in closed form, so valuing a list
 * draws nothing from the user's random numbers. A failed request has no list: 0. The oracle lists
 * the 20 movies the user has not watched with the highest true rating to them now (as the
 * experiments' `oracle` arm does); the random answer is 20 distinct movies of the catalogue.
 * A seeded sample of the requests is valued (VALUED_USERS): every request up to 300 users, 3% at
 * 10,000, 0.03% at 1,000,000.
 */
/**
 * Users' worth of requests valued: every request of a world this size or smaller. A user asks for
 * about 0.6 lists a simulated day, so this values about 180 requests a day at any size: a mean
 * chance's standard error is then about 0.03 after one day and 0.006 after a month.
 */
const VALUED_USERS = 300;

export function recommendValue(s: MoviesState): AnswerValue<RecommendRequest, RecommendResult> {
  const choice = new ChoiceModel(s);
  const userOf = (request: RecommendRequest) => Number(request.userId) - 1;
  const result = (movies: number[]): RecommendResult => ({ movies, ids: movies.map((m) => s.catalogue.slugs[m]) });
  return {
    measure: 'chance of a watch from the list',
    // Ranking 5,000+ movies per request would double a run's time; the figures are means, whose
    // precision depends on how many requests are valued, not on which share of them.
    sample: Math.min(1, VALUED_USERS / Math.max(1, s.population.count)),
    value(request, answer) {
      if (!answer) return 0;
      const u = userOf(request);
      let reach = 1;
      let taken = 0;
      const movies = answer.movies;
      for (let i = 0; i < movies.length && reach > 1e-9; i++) {
        const margin = choice.margin(u, movies[i]);
        const start = choice.startChance(u, movies[i], margin);
        taken += reach * start;
        reach *= (1 - start) * choice.goOnChance(margin);
      }
      return taken;
    },
    oracle(request) {
      const u = userOf(request);
      const best: number[] = [];
      const scores: number[] = [];
      for (let m = 0; m < s.catalogue.count; m++) {
        const score = choice.margin(u, m);
        if (best.length === MAX_RECOMMENDATIONS && score <= scores[best.length - 1]) continue;
        // Asked only of a movie good enough for the list: a lookup in a large hash set misses the
        // cache, and most movies fall short of the list once it is full.
        if (s.population.hasWatched(u, m)) continue;
        // Insertion into a short sorted list: 20 places, thousands of movies.
        let i = Math.min(best.length, MAX_RECOMMENDATIONS - 1);
        while (i > 0 && scores[i - 1] < score) {
          best[i] = best[i - 1];
          scores[i] = scores[i - 1];
          i--;
        }
        best[i] = m;
        scores[i] = score;
      }
      return result(best);
    },
    random(_request, rng: RandomStream) {
      const n = s.catalogue.count;
      const k = Math.min(MAX_RECOMMENDATIONS, n);
      const picked = new Set<number>();
      while (picked.size < k) picked.add(rng.int(n));
      return result([...picked]);
    },
  };
}
