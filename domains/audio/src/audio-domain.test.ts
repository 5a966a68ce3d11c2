import { runDomainConformance } from '@prodsim/core/testing';
import { checkEvent } from '@prodsim/media';
import { audioDomain } from './audio-domain.js';
import { AUDIO_EVENT_SCHEMA } from './events/audio-events.js';

/** A small world: a day of it runs in a few seconds (rendering and the truth models dominate). */
export const SMALL = { users: 120, creators: 10, initialClips: 20, uploadsPerDay: 1, voice: 'off' };

runDomainConformance(audioDomain, {
  days: 1,
  domainConfig: SMALL,
  minEvents: 200,
  validateEvent(value) {
    const problem = checkEvent(AUDIO_EVENT_SCHEMA, value);
    if (problem) throw new Error(`${problem}: ${value}`);
  },
});
