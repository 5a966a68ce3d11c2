import { s } from '@prodsim/core';
import { LATER_GENRES, STARTING_GENRES } from './synth/genres.js';

const GENRE_NAMES = [...STARTING_GENRES, ...LATER_GENRES].map((g) => g.name);

/**
 * Steps of a scenario timeline (a run's `scenario:`, an experiment's) that the audio world
 * understands: recording conditions drift (a share of creators get another device) and new genres
 * appear. The hidden truth of a clip is that of its sound as recorded, so drift changes it too.
 */
export const AUDIO_SCENARIO_ACTIONS = {
  recording: {
    description: 'a share of creators record from now on with another device: a lower sample rate (band limit), more background noise, another level',
    params: s.object({
      share: s.number({ default: 1, min: 0, max: 1, description: 'share of all creators whose device changes' }),
      sampleRate: s.number({ default: 16_000, integer: true, min: 4000, max: 16_000, description: 'device sample rate, Hz (16000 = full band)' }),
      noise: s.number({ default: 0, min: 0, max: 0.3, description: 'RMS of background noise added to each clip' }),
      level: s.number({ default: 0.7, min: 0.02, max: 2, description: 'peak level (above 1 the recording clips)' }),
    }),
  },
  'new-genre': {
    description: 'a genre takes hold: this share of the musicians switch to it (a new sound for the hidden world and for services)',
    params: s.object({
      name: s.enum(GENRE_NAMES as [string, ...string[]], { description: `the genre (${GENRE_NAMES.join(', ')})` }),
      share: s.number({ default: 0.3, min: 0, max: 1, description: 'share of the musicians who switch' }),
    }),
  },
} as const;

export type AudioAction = keyof typeof AUDIO_SCENARIO_ACTIONS;
export const AUDIO_ACTION_NAMES = Object.keys(AUDIO_SCENARIO_ACTIONS) as AudioAction[];
