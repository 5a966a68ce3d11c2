import type { ResearchProbe } from '@prodsim/core';
import type { IndexRecommender } from './index-recommender.js';

/**
 * Feeds a baseline what the world's users consumed before the run (the probe's history, e.g.
 * a MovieLens-fitted world's training ratings), oldest first, as a team would train on its
 * historic log before going live. A no-op for worlds without history.
 */
export function warmStart(recommender: IndexRecommender, probe: ResearchProbe | undefined): void {
  const history = probe?.history?.();
  if (!history) return;
  for (let i = 0; i < history.count; i++) recommender.interaction(history.time[i], history.user[i], history.item[i], false, history.engagement[i], 0);
}
