import { s } from '@prodsim/core';
import { FILTERS } from './render/effects.js';

/**
 * Steps of a scenario timeline (a run's `scenario:`, an experiment's) that this world understands.
 * Drift steps change what the app serves from then on (the camera, the fashion in filters); the
 * hidden truth of an image stays that of its scene.
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
} as const;

export type ImagesAction = keyof typeof IMAGES_SCENARIO_ACTIONS;
export const IMAGES_ACTION_NAMES = Object.keys(IMAGES_SCENARIO_ACTIONS) as ImagesAction[];
