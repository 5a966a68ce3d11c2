import { s } from '@prodsim/core';
import { LATER_GENRES, STARTING_GENRES } from './synth/genres.js';

const GENRE_NAMES = [...STARTING_GENRES, ...LATER_GENRES].map((g) => g.name);

/**
 * Steps of a scenario timeline (a run's `scenario:`, an experiment's) that the audio world
 * understands: recording conditions drift (a share of creators get another device) and new genres
 * appear. The hidden truth of a clip is that of its sound as recorded, so drift changes it too;
 * `truth-shift` changes the world model's readout of every sound itself (truth/readout-shift.ts).
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
  edits: {
    description:
      'creators edit published clips this often (same id, new audio, an edit event; a higher rate applies from now on, the rest of today included, a lower one from the next day): an edit storm makes cached features and labels stale faster',
    params: s.object({ rate: s.number({ min: 0, max: 1, description: 'chance per published clip and day (editsPerClipDay)' }) }),
  },
  'flash-crowd': {
    description: 'a flash crowd: for the next hours every listener opens the app factor times as often (the load on the next endpoint in a paced run)',
    params: s.object({
      factor: s.number({ default: 5, min: 1, max: 100, description: 'sessions per listener, as a multiple of the usual' }),
      hours: s.number({ default: 1, min: 0.01, max: 24, description: 'how long the crowd stays' }),
    }),
  },
  'truth-shift': {
    description:
      'the hidden world model reads sound differently from now on, unannounced: what listeners like about a clip and which clips are explicit change for every clip, old and new (the same share stays explicit), so like tallies, learned tastes and cached embeddings and labels go stale',
    params: s.object({
      strength: s.number({
        default: 0.5,
        min: 0,
        max: 1,
        description: 'how far the readout turns (0 = no change; 1 = a quarter turn: affinities and explicit scores unrelated to the old ones)',
      }),
    }),
  },
} as const;

export type AudioAction = keyof typeof AUDIO_SCENARIO_ACTIONS;
export const AUDIO_ACTION_NAMES = Object.keys(AUDIO_SCENARIO_ACTIONS) as AudioAction[];
