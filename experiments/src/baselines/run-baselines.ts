import type { RunBaselines } from '@prodsim/core';
import { RUN_BASELINES, type BaselineName } from './baseline-names.js';
import { baselinePredictor, makeRecommender } from './make-baseline.js';
import { warmStart } from './warm-start.js';

/**
 * The built-in baselines for `prodsim run --baseline NAME` (the composition root hands this to
 * the run command). The oracle is refused: a plain run puts its answers on the stream.
 */
export const runBaselines: RunBaselines = {
  names: RUN_BASELINES,
  refused: {
    oracle:
      'it ranks by the hidden ground truth, and a plain run puts its answers on the stream where services could learn the truth; use it as an experiment arm (predictor: oracle)',
    'mf-ratings': 'it learns from the ratings on the stream, which only an experiment routes to baselines; use it as an experiment arm (predictor: mf-ratings)',
  },
  create(name, seed) {
    const recommender = makeRecommender(name as BaselineName, `run/${seed}`);
    return {
      observer: recommender,
      predictor: (world) => {
        warmStart(recommender, world.probe);
        return baselinePredictor(recommender, world.probe!, world.defaultPredictor());
      },
    };
  },
};
