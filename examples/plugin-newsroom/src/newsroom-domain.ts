import type { DomainPlugin } from '@prodsim/core';
import { newsroomConfigSchema, type NewsroomConfig } from './newsroom-config.js';
import { checkEvent } from './newsroom-events.js';
import { NEWSROOM_SCENARIO_ACTIONS } from './newsroom-scenario.js';
import { createNewsroomWorld } from './newsroom-world.js';

/** newsroom/v1: the DomainPlugin, the one object prodsim needs from a domain. */
export const newsroomDomain: DomainPlugin<NewsroomConfig> = {
  id: 'newsroom/v1',
  description: 'news app: readers, publishers with hidden quality and clickbait, a feed endpoint (250 ms)',
  coreVersion: '^0.1.0',
  config: newsroomConfigSchema,
  // `prodsim run newsroom --users 500` sets `readers`.
  flags: { users: 'readers' },
  scenarioActions: NEWSROOM_SCENARIO_ACTIONS,
  // Course mode: each team's world publishes to its own topic (newslog1, newslog2, ...).
  forTeam: (config, team) => ({ ...config, topic: `${config.topic}${team.index}` }),
  create: (ctx, config) => createNewsroomWorld(ctx, config),
  // How the conformance suite (prodsim check, runDomainConformance) runs it: small, with an event checker.
  conformance: {
    domainConfig: { readers: 300, publishers: 12, articlesPerDay: 60 },
    minEvents: 500,
    validateEvent: checkEvent,
    scenarioParams: { 'breaking-news': { topic: 'science' } },
  },
};
