import { RandomStream } from '@prodsim/core';
import { encodeWav } from '@prodsim/domain-audio';
import { babble, SAMPLE_RATE, tone } from '@prodsim/ground-truth-models';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeatureCache } from './feature-cache.js';
import { AudioLearner } from './learner.js';
import { BaselineService } from './service.js';
import { FEATURE_NAMES, wavFeatures } from './wav-features.js';

describe('audio-baseline pieces', () => {
  it('computes finite features whose loudness modulation separates babble from a steady tone', () => {
    const rng = new RandomStream('f');
    const speech = wavFeatures(encodeWav(babble(rng, 4), SAMPLE_RATE));
    const steady = wavFeatures(encodeWav(tone(220, 4, 0.3, [0.5, 0.3]), SAMPLE_RATE));
    expect(speech.length).toBe(FEATURE_NAMES.length);
    expect([...speech, ...steady].every(Number.isFinite)).toBe(true);
    const delta = FEATURE_NAMES.indexOf('energy_delta');
    expect(speech[delta]).toBeGreaterThan(3 * steady[delta]);
    expect(speech[FEATURE_NAMES.indexOf('seconds')]).toBe(4);
  });

  describe('the HTTP service', () => {
    let service: BaselineService;
    beforeAll(async () => {
      const learner = new AudioLearner(new FeatureCache('http://127.0.0.1:1'));
      for (const line of [
        '{"v":1,"kind":"play","t":"2026-01-05T00:00:01.000Z","user":1,"clip":7,"request":0,"position":0,"seconds":5,"complete":true}',
        '{"v":1,"kind":"play","t":"2026-01-05T00:00:02.000Z","user":1,"clip":8,"request":0,"position":1,"seconds":0.4,"complete":false}',
        'not json at all',
      ])
        learner.handle(line);
      service = await BaselineService.start(learner);
    });
    afterAll(() => service?.close());

    const post = (path: string, body: string) => fetch(`${service.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

    it('ranks candidates by listen-through so far', async () => {
      const res = await post('/next', JSON.stringify({ user: 1, candidates: [8, 9, 7] }));
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual([7, 9, 8]);
    });

    it('answers classify at once with the fallback label while it has no model (the clip cannot even be fetched)', async () => {
      const res = await post('/classify', JSON.stringify({ clip: 3, url: '/audio/3.wav' }));
      expect(await res.json()).toEqual({ label: 'other' });
    });

    it('answers bad requests with 400 and unknown paths with 404', async () => {
      expect((await post('/next', 'nope')).status).toBe(400);
      expect((await post('/classify', '{"clip":"x"}')).status).toBe(400);
      expect((await post('/elsewhere', '{}')).status).toBe(404);
    });
  });
});
