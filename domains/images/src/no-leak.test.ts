import { ApiServer, apiWorldOf, type PredictionEndpoint, type Predictor } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { runSmall } from './test/small-world.js';

describe('images/v1 keeps its ground truth hidden', () => {
  it('no canary in any request a service receives, and requests carry only the documented fields', async () => {
    const bodies: string[] = [];
    const paths = new Set<string>();
    const run = await runSmall({
      days: 1,
      predictor: (w) => {
        const inner = w.defaultPredictor();
        const spy: Predictor = {
          target: 'spy',
          predict(endpoint: PredictionEndpoint<any, any>, request, options) {
            paths.add(`${endpoint.http.method} ${endpoint.http.path(request)}`);
            bodies.push(endpoint.http.body!(request));
            return inner.predict(endpoint, request, options);
          },
          close: async () => {},
        };
        return spy;
      },
    });
    expect([...paths].sort()).toEqual(['POST /feed', 'POST /moderate']);
    const keys = new Set(bodies.map((b) => Object.keys(JSON.parse(b)).join(',')));
    expect([...keys].sort()).toEqual(['image,creator,url', 'user,candidates']);
    const text = bodies.join('\n');
    const canaries = run.world.groundTruthCanaries().filter((c) => c.length >= 6);
    expect(canaries.length).toBeGreaterThan(50);
    for (const c of canaries) expect(text.includes(c), `canary ${c} in a request`).toBe(false);
  });

  it('no canary in anything the entity API answers: entities, bulk lookups, media, errors, docs', async () => {
    const run = await runSmall({ days: 1 });
    const server = await ApiServer.create({ worlds: [apiWorldOf(run.sim)], port: 0, rateLimit: false });
    try {
      const urls = [
        '/openapi.json',
        '/image/0',
        '/image/0,1,2,3,4,5',
        '/image/150',
        '/user/1',
        '/user/0,1,2',
        '/creator/3',
        '/image/999999',
        '/image/abc',
        '/image/5.png',
        '/image/999999.png',
        '/image/x.png',
        '/metrics',
      ];
      const answers: string[] = [];
      for (const url of urls) {
        const res = await server.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBeLessThan(500);
        answers.push(res.body);
      }
      const image = JSON.parse(answers[1]);
      expect(Object.keys(image).sort()).toEqual(['creator', 'height', 'id', 'impressions', 'likes', 'status', 'uploaded', 'url', 'version', 'width']);
      expect(JSON.parse(answers[4])).toEqual({ id: 1, community: expect.any(String), active: expect.any(Boolean) });
      const png = await server.app.inject({ method: 'GET', url: '/image/5.png' });
      expect(png.statusCode).toBe(200);
      expect(png.headers['content-type']).toBe('image/png');
      expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
      const text = answers.join('\n');
      for (const c of run.world.groundTruthCanaries().filter((x) => x.length >= 6)) expect(text.includes(c), `canary ${c} served`).toBe(false);
      for (const word of ['violation', 'harmful', 'taste', 'embedding', 'adversarial']) expect(text.toLowerCase().includes(`"${word}`), word).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('images become public at their upload time, not when they are rendered ahead', async () => {
    const run = await runSmall({ days: 1 });
    const h = run.world.research();
    const unpublished: number[] = [];
    for (let id = 0; id < h.catalogue.count; id++) if (!h.catalogue.isPublished(id)) unpublished.push(id);
    // The next day was planned and rendered at the end of the run: none of it is served.
    expect(unpublished.length).toBeGreaterThan(0);
    const route = run.world.routes[0];
    for (const id of unpublished.slice(0, 5)) {
      expect((await route.handler({ id: String(id) }, {})).status).toBe(404);
      expect(run.world.catalog.get('image')!.get(String(id))).toBeUndefined();
    }
  });
});
