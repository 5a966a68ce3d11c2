import type { PluginBaseline, ProdsimPlugin } from '@prodsim/core';
import { InProcessPredictor, nullObserver } from '@prodsim/core';
import type { FeedRequest } from './feed-endpoint.js';
import { newsroomDomain } from './newsroom-domain.js';

/** `--baseline latest`: the newest articles first, as the app orders them (learns nothing). */
const latest: PluginBaseline = {
  name: 'latest',
  description: 'newest articles first (the app order)',
  create: () => ({ observer: nullObserver, predictor: () => new InProcessPredictor({ feed: (r: FeedRequest) => [...r.candidates] }, { name: 'latest' }) }),
};

/** What `prodsim --plugin prodsim-plugin-newsroom` loads: one domain and one baseline. */
export const plugin: ProdsimPlugin = {
  name: 'prodsim-plugin-newsroom',
  version: '0.1.0',
  coreVersion: '^0.1.0',
  domains: [newsroomDomain],
  baselines: [latest],
};

export { newsroomDomain } from './newsroom-domain.js';
export { feedEndpoint, presentFeed } from './feed-endpoint.js';
export type { FeedRequest } from './feed-endpoint.js';
export { checkEvent } from './newsroom-events.js';
export { NEWSROOM_SCENARIO_ACTIONS } from './newsroom-scenario.js';
export { NewsroomError, NewsroomErrorCodes } from './errors.js';
export type { NewsroomConfig } from './newsroom-config.js';
