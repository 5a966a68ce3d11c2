import type { DomainContext, DomainPlugin } from '@prodsim/core';
import { DEFAULT_MODELS, offeringWorld } from '@prodsim/ground-truth-models';
import { checkEvent, isPublicWorld, publicWorldWarning } from '@prodsim/media';
import { imagesConfigSchema, type ImagesConfig } from './config.js';
import { IMAGES_EVENT_SCHEMA } from './events/images-events.js';
import { IMAGES_SCENARIO_ACTIONS } from './scenario-actions.js';
import { IMAGES_METRICS } from './world/images-metrics.js';
import { ImagesWorld } from './world/images-world.js';

/**
 * images/v1: a photo-sharing app. Creators post sharp-rendered images over simulated time; the
 * hidden truth comes from the secret ONNX image world; `feed` ranks candidates for users and
 * `moderate` decides on uploads, both JSON over HTTP with deadlines (300 and 500 ms).
 */
export const imagesDomain: DomainPlugin<ImagesConfig> = {
  id: 'images/v1',
  description: 'photo-sharing app: sharp-rendered uploads, ONNX ground truth, feed and moderate endpoints',
  coreVersion: '^0.1.0',
  config: imagesConfigSchema,
  flags: { users: 'users' },
  scenarioActions: IMAGES_SCENARIO_ACTIONS,
  metrics: IMAGES_METRICS,
  forTeam: (config, team) => ({ ...config, topic: `${config.topic}${team.index}` }),
  // course init: the offering's own world model, since the committed one is public.
  prepareOffering: (secret, dir) => ({ worldModel: offeringWorld('image', secret, dir) }),
  create(ctx: DomainContext, config: ImagesConfig) {
    if (isPublicWorld(config.worldModel, DEFAULT_MODELS.image)) ctx.log(publicWorldWarning('images', ctx.team));
    return ImagesWorld.create(ctx, config);
  },
  conformance: {
    // A world whose day runs in about a second.
    domainConfig: { users: 300, creators: 40, initialImages: 80, candidates: 30, feedSize: 10 },
    minEvents: 2000,
    validateEvent(value) {
      const problem = checkEvent(IMAGES_EVENT_SCHEMA, value);
      if (problem) throw new Error(`${problem}: ${value}`);
    },
    scenarioParams: { filter: { name: 'mono' }, resolution: { scale: 0.5 }, adversarial: { share: 0.2 }, edits: { rate: 1 } },
  },
};
