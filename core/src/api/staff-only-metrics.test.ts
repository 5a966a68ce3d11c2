import { afterEach, describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { PublicCatalog } from '../world/entity-collection.js';
import { ApiServer } from './api-server.js';
import type { ApiWorld } from './api-world.js';

const servers: ApiServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function world(access: { team?: string; token?: string } = {}): ApiWorld {
  const metrics = new MetricsRegistry();
  metrics.counter('prodsim_predictions_total', 'Prediction requests', { endpoint: 'feed', outcome: 'ok' }).inc(7);
  metrics.counter('prodsim_headroom_value_total', 'Staff only', { endpoint: 'feed', answer: 'oracle' }).inc(4.5);
  metrics.counter('prodsim_headroom_requests_total', 'Staff only', { endpoint: 'feed', answer: 'oracle' }).inc(3);
  return { ...access, catalog: new PublicCatalog(), routes: [], metrics };
}

async function metrics(worlds: ApiWorld[], staffToken: string | undefined, authorization?: string): Promise<string> {
  const server = await ApiServer.create({ worlds, staffToken, rateLimit: false });
  servers.push(server);
  const res = await server.app.inject({ method: 'GET', url: '/metrics', headers: authorization ? { authorization } : {} });
  expect(res.statusCode).toBe(200);
  return res.body;
}

describe('/metrics: staff-only figures', () => {
  const course = () => [world({ team: 'team01', token: 'token-team01' }), world({ team: 'team02', token: 'token-team02' })];

  it('serves the headroom only to a request bearing the staff token', async () => {
    const open = await metrics(course(), 'staff-secret');
    expect(open).toContain('prodsim_predictions_total{team="team01",endpoint="feed",outcome="ok"} 7');
    expect(open).not.toContain('headroom');
    expect(await metrics(course(), 'staff-secret', 'Bearer token-team01')).not.toContain('headroom');
    const staff = await metrics(course(), 'staff-secret', 'Bearer staff-secret');
    expect(staff).toContain('# TYPE prodsim_headroom_value_total counter');
    expect(staff).toContain('prodsim_headroom_value_total{team="team02",answer="oracle",endpoint="feed"} 4.5');
  });

  it("in course mode without a staff token, serves it to nobody; a single world's operator sees it", async () => {
    expect(await metrics(course(), undefined, 'Bearer token-team01')).not.toContain('headroom');
    expect(await metrics([world()], undefined)).toContain('prodsim_headroom_requests_total{answer="oracle",endpoint="feed"} 3');
  });
});
