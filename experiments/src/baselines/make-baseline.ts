import { InProcessPredictor, type Predictor, type ResearchProbe } from '@prodsim/core';
import { BaselineError, BaselineErrorCodes } from './baseline-errors.js';
import type { BaselineName } from './baseline-names.js';
import type { ConsumedItems } from './consumed-items.js';
import type { IndexRecommender } from './index-recommender.js';
import { ItemKnnBaseline } from './item-knn-baseline.js';
import { MfBaseline } from './mf-baseline.js';
import { MfRatingsBaseline } from './mf-ratings-baseline.js';
import { OracleBaseline } from './oracle-baseline.js';
import { PopularityBaseline } from './popularity-baseline.js';
import { RandomBaseline } from './random-baseline.js';

/**
 * A built-in baseline by name. Feed it the world's interactions (it is an InteractionObserver).
 * `probe` is the world's research probe; the oracle reads its `trueValue`, and mf-ratings needs
 * its `streamRatings`: each throws a coded BaselineError when the domain has none. Baselines fed
 * the same interactions may share one record of who consumed what (`consumed`).
 */
export function makeRecommender(name: BaselineName, seed: string, probe?: ResearchProbe, consumed?: ConsumedItems): IndexRecommender {
  switch (name) {
    case 'random':
      return new RandomBaseline(seed, consumed);
    case 'popularity':
      return new PopularityBaseline(consumed);
    case 'item-knn':
      return new ItemKnnBaseline(consumed);
    case 'mf':
      return new MfBaseline(seed, {}, consumed);
    case 'mf-ratings':
      if (!probe?.streamRatings) {
        throw new BaselineError(
          BaselineErrorCodes.NO_STREAM_RATINGS,
          "predictor mf-ratings learns from the ratings users give on the stream, and this domain's research probe reads none (ResearchProbe.streamRatings); use mf-ratings on a domain whose users rate (movies)",
        );
      }
      return new MfRatingsBaseline(seed, {}, consumed);
    case 'oracle': {
      const trueValue = probe?.trueValue;
      if (!trueValue) {
        throw new BaselineError(
          BaselineErrorCodes.NO_TRUE_VALUE,
          "predictor oracle needs the domain's hidden value of an item to a user (ResearchProbe.trueValue), and this domain's research probe has none; use oracle on a domain that has one (movies, images, audio)",
        );
      }
      return new OracleBaseline((user, item) => trueValue.call(probe, user, item), consumed);
    }
  }
}

/**
 * A built-in baseline as an in-process predictor for the domain's slate endpoint: the domain's
 * research probe says which user a request is for and how item indices become its answer. The
 * domain's other endpoints (e.g. moderate, classify) go to `fallback`, the domain's own default.
 */
export function baselinePredictor(recommender: IndexRecommender, probe: ResearchProbe, fallback?: Predictor): Predictor {
  const endpoint = probe.slateEndpoint;
  if (!endpoint)
    throw new BaselineError(
      BaselineErrorCodes.NO_SLATE_ENDPOINT,
      "the domain's research probe declares no slate endpoint, so built-in baselines have nothing to answer",
    );
  const baseline = new InProcessPredictor(
    {
      [endpoint.name]: (request: unknown) => {
        const user = endpoint.userOf(request);
        const items = endpoint.candidatesOf
          ? recommender.rank(user, endpoint.candidatesOf(request), endpoint.size)
          : recommender.recommend(user, endpoint.size, probe.itemCount);
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
