import { runDomainConformance } from '@prodsim/core/testing';
import { checkEvent } from '@prodsim/media';
import { audioDomain } from './audio-domain.js';
import { AUDIO_EVENT_SCHEMA } from './events/audio-events.js';
import { SMALL_WORLD } from './testing/small-world.js';


runDomainConformance(audioDomain, {
  days: 1,
  domainConfig: SMALL_WORLD,
  minEvents: 200,
  validateEvent(value) {
    const problem = checkEvent(AUDIO_EVENT_SCHEMA, value);
    if (problem) throw new Error(`${problem}: ${value}`);
  },
});
