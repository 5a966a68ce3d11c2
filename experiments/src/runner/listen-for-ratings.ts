import type { ResearchProbe, Simulation } from '@prodsim/core';
import type { RatingPredictor } from '../baselines/rating-predictor.js';

/**
 * Teaches the rating-predicting baselines (if any arm has one) the explicit ratings on the
 * stream, read by the domain's `streamRatings` from the events as they reach the transport (after
 * stream faults: what a service would read). Every such baseline hears every rating, as learning
 * baselines hear every interaction. Without one, nothing listens and the run costs nothing more.
 */
export function listenForRatings(sim: Simulation, probe: ResearchProbe, predictors: readonly (RatingPredictor | undefined)[]): void {
  const learners = [...new Set(predictors.filter((p): p is RatingPredictor => p !== undefined))];
  const ratings = probe.streamRatings;
  if (learners.length === 0 || !ratings) return;
  sim.tap.listen((topic, key, value) => {
    const r = ratings.read(topic, key, value);
    if (!r) return;
    const now = sim.scheduler.now;
    for (const learner of learners) learner.rating(now, r.user, r.item, r.value);
  });
}
