import { parseServerTiming, RandomStream } from '@prodsim/core';
import { ImageRenderer, NO_EFFECTS } from '@prodsim/domain-images';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Communities } from './communities.js';
import { FeatureCache } from './feature-cache.js';
import { ImagesLearner } from './learner.js';
import { Logistic } from './logistic.js';
import { FEATURES, pixelFeatures } from './pixel-features.js';
import { Ridge } from './ridge.js';
import { BaselineService } from './service.js';

const solid = (r: number, g: number, b: number) =>
  sharp({ create: { width: 64, height: 64, channels: 3, background: { r, g, b } } })
    .png()
    .toBuffer();

describe('pixel features', () => {
  it('are the 8x8 image centred, plus brightness, contrast and colour balance', async () => {
    const white = await pixelFeatures(await solid(255, 255, 255));
    const red = await pixelFeatures(await solid(255, 0, 0));
    expect(white.length).toBe(FEATURES);
    expect(white[0]).toBeCloseTo(0.5);
    expect(white[FEATURES - 4]).toBeCloseTo(0.5);
    expect(white[FEATURES - 3]).toBeCloseTo(0);
    expect(red[FEATURES - 2]).toBeCloseTo(1);
    expect(red[FEATURES - 1]).toBeCloseTo(0);
    const scene = await new ImageRenderer(64).encode(
      new Uint8Array(64 * 64 * 3).map((_, i) => (i * 7) % 256),
      NO_EFFECTS,
    );
    const f = await pixelFeatures(scene);
    expect(f[FEATURES - 3]).toBeGreaterThan(0);
  });
});

describe('models', () => {
  it('logistic regression learns a separable rule online', () => {
    const m = new Logistic(2, 0.1, 0);
    const rng = new RandomStream('logistic');
    for (let i = 0; i < 5000; i++) {
      const x = [rng.normal(), rng.normal()];
      m.learn(x, x[0] > x[1] ? 1 : 0);
    }
    expect(m.predict([2, -2])).toBeGreaterThan(0.9);
    expect(m.predict([-2, 2])).toBeLessThan(0.1);
    expect(m.examples).toBe(5000);
  });

  it('ridge regression recovers a linear relation and refits as labels come', () => {
    const m = new Ridge(3, 0.01, 50);
    const rng = new RandomStream('ridge');
    for (let i = 0; i < 200; i++) {
      const x = [rng.normal(), rng.normal(), rng.normal()];
      m.add(x, 0.5 + 2 * x[0] - x[2]);
    }
    expect(m.examples).toBe(200);
    expect(m.predict([1, 0, 0])).toBeCloseTo(2.5, 1);
    expect(m.predict([0, 5, 1])).toBeCloseTo(-0.5, 1);
  });
});

describe('BaselineService', () => {
  let service: BaselineService;
  let learner: ImagesLearner;

  beforeAll(async () => {
    learner = new ImagesLearner(new FeatureCache('http://127.0.0.1:1'), new Communities('http://127.0.0.1:1'));
    service = await BaselineService.start(learner);
  });
  afterAll(() => service.close());

  const post = (path: string, body: string) => fetch(`${service.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });

  it('ranks every candidate exactly once, even knowing nothing (popularity prior, no features)', async () => {
    learner.handle('{"v":1,"kind":"impression","t":"2026-01-05T00:00:00.000Z","user":1,"image":3,"position":0,"request":0}');
    for (let i = 0; i < 3; i++) learner.handle(`{"v":1,"kind":"like","t":"2026-01-05T00:00:00.000Z","user":${i},"image":3}`);
    const res = await post('/feed', JSON.stringify({ user: 5, candidates: [1, 2, 3, 4] }));
    expect(res.status).toBe(200);
    const ranked = (await res.json()) as number[];
    expect([...ranked].sort()).toEqual([1, 2, 3, 4]);
    expect(ranked[0]).toBe(3);
    // The cost of the answer, as prodsim's summary reads it.
    const header = res.headers.get('server-timing');
    expect(header).toMatch(/^cpu;dur=\d+\.\d{3}$/);
    expect(parseServerTiming(header!)).toMatchObject({ ok: true, cpuMs: expect.any(Number) });
  });

  it('allows uploads it cannot judge yet (no image, no model)', async () => {
    const res = await post('/moderate', JSON.stringify({ image: 9, creator: 1, url: '/image/9.png' }));
    expect(await res.json()).toEqual({ decision: 'allow' });
    expect(res.headers.get('server-timing')).toBeNull();
  });

  it('answers bad requests with a JSON 400 and unknown paths with 404; counts lines it cannot read', async () => {
    expect((await post('/feed', 'not json')).status).toBe(400);
    expect((await post('/feed', '{"user":"x","candidates":[]}')).status).toBe(400);
    expect((await post('/moderate', '{"image":1}')).status).toBe(400);
    expect((await post('/other', '{}')).status).toBe(404);
    learner.handle('garbage');
    const health = (await (await fetch(`${service.url}/health`)).json()) as { ok: boolean; badLines: number };
    expect(health.ok).toBe(true);
    expect(health.badLines).toBe(1);
  });
});
