import { s } from '@prodsim/core';
import { FILTERS } from './render/effects.js';

/**
 * Steps of a scenario timeline (a run's `scenario:`, an experiment's) that this world understands.
 * Drift steps change what the app serves from then on (the camera, the fashion in filters); the
 * hidden truth of an image stays that of its scene, except after `truth-shift`, which changes the
 * world model's readout itself (truth/readout-shift.ts).
 */
export const IMAGES_SCENARIO_ACTIONS = {
  lighting: {
    description: 'uploads from now on are darker or brighter (brightness multiplies pixel values) and flatter or punchier (contrast)',
    params: s.object({
      brightness: s.number({ default: 1, min: 0.1, max: 3, description: 'pixel value multiplier (1 = unchanged)' }),
      contrast: s.number({ default: 1, min: 0.2, max: 3, description: 'stretch around mid-grey (1 = unchanged)' }),
    }),
  },
  filter: {
    description: 'a colour filter becomes the fashion: uploads from now on carry it',
    params: s.object({ name: s.enum(FILTERS, { description: 'the filter (none ends the fashion)' }) }),
  },
  resolution: {
    description: 'uploads from now on come from cameras with this share of the full resolution (upscaled for serving)',
    params: s.object({ scale: s.number({ min: 0.1, max: 1, description: '1 = full resolution' }) }),
  },
  adversarial: {
    description: 'this share of the creators who are not adversarial yet turn adversarial: they post harmful scenes and perturb them when blocked',
    params: s.object({ share: s.number({ min: 0, max: 1, description: 'share of the remaining ordinary creators' }) }),
  },
  edits: {
    description:
      'creators edit visible images this often (same id, new picture, an edit event; a higher rate applies from now on, the rest of today included, a lower one from the next day): an edit storm makes cached embeddings stale faster',
    params: s.object({ rate: s.number({ min: 0, max: 1, description: 'chance per visible image and day (editsPerImageDay)' }) }),
  },
  'flash-crowd': {
    description: 'a flash crowd: for the next hours every user opens the app factor times as often (the load on the feed endpoint in a paced run)',
    params: s.object({
      factor: s.number({ default: 5, min: 1, max: 100, description: 'sessions per user, as a multiple of the usual' }),
      hours: s.number({ default: 1, min: 0.01, max: 24, description: 'how long the crowd stays' }),
    }),
  },
  'truth-shift': {
    description:
      'the hidden world model reads content differently from now on, unannounced: what users like about an image (taste) and how harmful it is (harm) change for every image, old and new, so like tallies, learned tastes and cached scores go stale',
    params: s.object({
      taste: s.number({
        default: 0.5,
        min: 0,
        max: 1,
        description: 'how far the taste readout turns (1 = a quarter turn: affinities unrelated to the old ones)',
      }),
      harm: s.number({ default: 0.5, min: 0, max: 1, description: 'how far the harm readout moves toward a new one (1 = a new readout)' }),
    }),
  },
} as const;

export type ImagesAction = keyof typeof IMAGES_SCENARIO_ACTIONS;
export const IMAGES_ACTION_NAMES = Object.keys(IMAGES_SCENARIO_ACTIONS) as ImagesAction[];
