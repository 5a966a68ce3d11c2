import type { DomainContext, DomainPlugin } from '@prodsim/core';
import { DEFAULT_MODELS, offeringWorld } from '@prodsim/ground-truth-models';
import { checkEvent, isPublicWorld, publicWorldWarning } from '@prodsim/media';
import { AudioWorld } from './audio-world.js';
import { audioConfigSchema, type AudioConfig } from './config.js';
import { AUDIO_EVENT_SCHEMA } from './events/audio-events.js';
import { AUDIO_SCENARIO_ACTIONS } from './scenario-actions.js';
import { AUDIO_METRICS } from './world/audio-metrics.js';
import { SMALL_WORLD } from './testing/small-world.js';

/**
 * audio/v1: an audio-sharing app. Creators publish synthesised clips (music loops, ambient and
 * noise textures, formant babble, espeak-ng voices when installed); the hidden truth comes from
 * ONNX models (the authored log-mel world, Silero VAD); the app calls `next` (rank candidate clips
 * for a listener, 300 ms) and `classify` (label a clip, 1 s).
 */
export const audioDomain: DomainPlugin<AudioConfig> = {
  id: 'audio/v1',
  description: 'audio-sharing app: synthesised clips, ONNX hidden truth (log-mel world, Silero VAD), next and classify endpoints',
  coreVersion: '^0.1.0',
  config: audioConfigSchema,
  flags: { users: 'users' },
  scenarioActions: AUDIO_SCENARIO_ACTIONS,
  metrics: AUDIO_METRICS,
  forTeam: (config, team) => ({ ...config, topic: `${config.topic}${team.index}` }),
  // course init: the offering's own world model, since the committed one is public.
  prepareOffering: (secret, dir) => ({ worldModel: offeringWorld('audio', secret, dir) }),
  create(ctx: DomainContext, config: AudioConfig) {
    if (isPublicWorld(config.worldModel, DEFAULT_MODELS.audio)) ctx.log(publicWorldWarning('audio', ctx.team));
    return AudioWorld.create(ctx, config);
  },
  conformance: {
    domainConfig: SMALL_WORLD,
    minEvents: 200,
    validateEvent(value) {
      const problem = checkEvent(AUDIO_EVENT_SCHEMA, value);
      if (problem) throw new Error(`${problem}: ${value}`);
    },
    scenarioParams: { 'new-genre': { name: 'blues' }, edits: { rate: 1 } },
  },
};
