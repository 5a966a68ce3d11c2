import { ConfigError, s, type Schema } from '@prodsim/core';
import { LATER_GENRES, STARTING_GENRES } from './synth/genres.js';

const GENRE_NAMES = [...STARTING_GENRES, ...LATER_GENRES].map((g) => g.name);

/**
 * Steps of an experiment's timeline (and of the config's `schedule`) that the audio world
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

export interface ScheduledStep {
  day: number;
  action: AudioAction;
  params: Record<string, unknown>;
}

/** The config's `schedule`: drift steps at simulated days, each validated by its action's schema. */
export const scheduleSchema: Schema<ScheduledStep[]> = {
  allowed: `a list of { day, action (${AUDIO_ACTION_NAMES.join(', ')}), params }`,
  description: 'scheduled drift: e.g. [{ "day": 2, "action": "recording", "params": { "share": 0.5, "sampleRate": 8000, "noise": 0.05 } }]',
  optional: true,
  defaultValue: [],
  parse(value: unknown, path: string): ScheduledStep[] {
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw new ConfigError(path, value, this.allowed);
    return value.map((step, i) => {
      const at = `${path}[${i}]`;
      if (typeof step !== 'object' || step === null || Array.isArray(step)) throw new ConfigError(at, step, 'an object { day, action, params }');
      const { day, action, params, ...rest } = step as Record<string, unknown>;
      const extra = Object.keys(rest)[0];
      if (extra !== undefined) throw new ConfigError(`${at}.${extra}`, rest[extra], 'no such field; known fields: day, action, params');
      const parsedDay = s.number({ min: 0 }).parse(day, `${at}.day`);
      const name = s.enum(AUDIO_ACTION_NAMES as [AudioAction, ...AudioAction[]]).parse(action, `${at}.action`);
      const parsedParams = AUDIO_SCENARIO_ACTIONS[name].params.parse(params ?? {}, `${at}.params`) as Record<string, unknown>;
      return { day: parsedDay, action: name, params: parsedParams };
    });
  },
};
