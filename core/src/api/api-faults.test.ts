import { afterEach, describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { type EntityCollection, PublicCatalog } from '../world/entity-collection.js';
import { ApiServer } from './api-server.js';

const users: EntityCollection<{ user_id: number }> = {
  name: 'user',
  idPattern: /^\d{1,9}$/,
  size: 10,
  get: (id) => (Number(id) < 10 ? { user_id: Number(id) } : undefined),
  sampleIds: (n) => Array.from({ length: Math.min(n, 10) }, (_, i) => String(i)),
};

const servers: ApiServer[] = [];
async function server(): Promise<ApiServer> {
  const s = await ApiServer.create({ worlds: [{ catalog: new PublicCatalog().add(users), routes: [], metrics: new MetricsRegistry() }], rateLimit: false });
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

describe('ApiFaults', () => {
  it('refuses entity requests with a JSON 503 during an outage, keeps health and metrics up, and recovers', async () => {
    const s = await server();
    expect((await s.app.inject('/user/3')).statusCode).toBe(200);
    s.faults.outage = true;
    const down = await s.app.inject('/user/3');
    expect(down.statusCode).toBe(503);
    expect(down.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(down.body)).toMatchObject({ statusCode: 503 });
    expect((await s.app.inject('/healthz')).statusCode).toBe(200);
    expect((await s.app.inject('/metrics')).statusCode).toBe(200);
    expect(s.faults.counts.refused).toBe(1);
    s.faults.outage = false;
    expect(JSON.parse((await s.app.inject('/user/3')).body)).toEqual({ user_id: 3 });
  });

  it('slows entity requests by the delay, and only those, then answers them as usual', async () => {
    const s = await server();
    s.faults.delayMs = 5;
    const slowed = await s.app.inject('/user/4');
    expect(slowed.statusCode).toBe(200);
    expect(JSON.parse(slowed.body)).toEqual({ user_id: 4 });
    expect((await s.app.inject('/healthz')).statusCode).toBe(200);
    expect(s.faults.counts).toEqual({ delayed: 1, refused: 0 });
    s.faults.delayMs = 0;
    await s.app.inject('/user/4');
    expect(s.faults.counts.delayed).toBe(1);
  });
});
