import { InProcessPredictor, type Predictor, type ResearchProbe } from '@prodsim/core';
import type { BaselineName } from './baseline-names.js';
import type { IndexRecommender } from './index-recommender.js';
import { ItemKnnBaseline } from './item-knn-baseline.js';
import { MfBaseline } from './mf-baseline.js';
import { PopularityBaseline } from './popularity-baseline.js';
import { RandomBaseline } from './random-baseline.js';

export function makeRecommender(name: BaselineName, seed: string): IndexRecommender {
  switch (name) {
    case 'random':
      return new RandomBaseline(seed);
    case 'popularity':
      return new PopularityBaseline();
    case 'item-knn':
      return new ItemKnnBaseline();
    case 'mf':
      return new MfBaseline(seed);
  }
}

/**
 * A built-in baseline as an in-process predictor for the domain's slate endpoint: the domain's
 * research probe says which user a request is for and how item indices become its answer. The
 * domain's other endpoints (e.g. moderate, classify) go to `fallback`, the domain's own default.
 */
export function baselinePredictor(recommender: IndexRecommender, probe: ResearchProbe, fallback?: Predictor): Predictor {
  const endpoint = probe.slateEndpoint;
  if (!endpoint) throw new Error('the domain has no slate endpoint in its research probe; built-in baselines need one');
  const baseline = new InProcessPredictor(
    {
      [endpoint.name]: (request: unknown) => {
        const user = endpoint.userOf(request);
        const items = endpoint.candidatesOf ? recommender.rank(user, endpoint.candidatesOf(request), endpoint.size) : recommender.recommend(user, endpoint.size, probe.itemCount);
        return endpoint.answer(items);
      },
    },
    { name: recommender.name },
  );
  if (!fallback) return baseline;
  return {
    target: baseline.target,
    predict: (e, request, options) => (e.name === endpoint.name ? baseline.predict(e, request, options) : fallback.predict(e, request, options)),
    close: () => fallback.close(),
  };
}
