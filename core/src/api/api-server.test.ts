import { toyDomain } from '@prodsim/domain-toy';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { runWorld } from '../testing/run-world.js';
import { PublicCatalog, type EntityCollection } from '../world/entity-collection.js';
import type { RouteDeclaration } from '../world/route.js';
import { ApiErrorCodes } from './api-errors.js';
import { ApiServer, type ApiServerOptions } from './api-server.js';
import { apiWorldOf, type ApiWorld } from './api-world.js';

const SLUGS = ['the+lion+king+1994', 'monsters_+inc.+2001', 'rashomon+1950'];

function testWorld(extra: Partial<ApiWorld> = {}): ApiWorld {
  const users: EntityCollection<{ user_id: number; age: number }> = {
    name: 'user',
    idPattern: /^\d{1,9}$/g, // a `g` flag must not make every other lookup fail
    size: 1000,
    get: (id) => (Number(id) < 1000 ? { user_id: Number(id), age: 20 + (Number(id) % 50) } : undefined),
    sampleIds: (n) => Array.from({ length: Math.min(n, 1000) }, (_, i) => String(i)),
  };
  const movies: EntityCollection<{ id: string; title: string }> = {
    name: 'movie',
    idPattern: /^[a-z0-9+._-]{1,200}$/,
    size: SLUGS.length,
    get: (id) => (SLUGS.includes(id) ? { id, title: id.replace(/\+/g, ' ') } : undefined),
    sampleIds: (n) => SLUGS.slice(0, n),
  };
  const routes: RouteDeclaration[] = [
    {
      method: 'GET',
      path: '/image/:id.png',
      description: 'a poster',
      handler: (params) => ({ status: 200, contentType: 'image/png', body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, Number(params.id) & 255]) }),
    },
    {
      method: 'GET',
      path: '/broken',
      description: 'a route with a bug',
      handler: () => {
        throw new Error('secret factor 0.8123 leaked in a stack');
      },
    },
  ];
  return { catalog: new PublicCatalog().add(users).add(movies), routes, metrics: new MetricsRegistry(), ...extra };
}

const servers: ApiServer[] = [];
async function server(options: Partial<ApiServerOptions> = {}): Promise<ApiServer> {
  const s = await ApiServer.create({ worlds: [testWorld()], ...options });
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function get(s: ApiServer, url: string, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') {
  const res = await s.app.inject({ method: 'GET', url, headers, remoteAddress });
  return {
    status: res.statusCode,
    type: String(res.headers['content-type']),
    body: res.body,
    raw: res.rawPayload,
    headers: res.headers,
    json: () => JSON.parse(res.body),
  };
}

describe('ApiServer: entity lookups', () => {
  it('answers one id with the JSON object, repeatedly (stateless id patterns)', async () => {
    const s = await server();
    for (let i = 0; i < 3; i++) {
      const r = await get(s, '/user/5');
      expect(r.status).toBe(200);
      expect(r.type).toMatch(/^application\/json/);
      expect(r.json()).toEqual({ user_id: 5, age: 25 });
    }
    expect((await get(s, '/movie/monsters_+inc.+2001')).json()).toEqual({ id: 'monsters_+inc.+2001', title: 'monsters_ inc. 2001' });
  });

  it('unknown id: JSON 404; malformed id: JSON 400 naming the id and the syntax', async () => {
    const s = await server();
    const missing = await get(s, '/user/4242');
    expect(missing.status).toBe(404);
    expect(missing.json()).toEqual({ statusCode: 404, error: 'Not Found', message: 'no user with id "4242"' });
    const bad = await get(s, '/user/abc');
    expect(bad.status).toBe(400);
    expect(bad.json()).toEqual({ statusCode: 400, error: 'Bad Request', message: 'malformed user id "abc": expected ^\\d{1,9}$' });
  });

  it('bulk: comma-separated ids give an array in the order asked, null for unknown ids', async () => {
    const s = await server();
    const r = await get(s, '/user/3,4242,1');
    expect(r.status).toBe(200);
    expect(r.json()).toEqual([{ user_id: 3, age: 23 }, null, { user_id: 1, age: 21 }]);
    const movies = await get(s, `/movie/${SLUGS.join(',')}`);
    expect(movies.json().map((m: { id: string }) => m.id)).toEqual(SLUGS);
  });

  it('bulk: up to 200 ids; 201 ids, an empty id or one malformed id is a 400', async () => {
    const s = await server();
    const ids = Array.from({ length: 200 }, (_, i) => String(i));
    expect((await get(s, `/user/${ids.join(',')}`)).json()).toHaveLength(200);
    const tooMany = await get(s, `/user/${[...ids, '200'].join(',')}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json().message).toBe('at most 200 ids per request, got 201');
    expect((await get(s, '/user/1,,2')).status).toBe(400);
    expect((await get(s, '/user/1,2,')).status).toBe(400);
    expect((await get(s, '/user/1,x,2')).json().message).toBe('malformed user id "x": expected ^\\d{1,9}$');
  });

  it('never answers bad input with a 500, and always with JSON', async () => {
    const s = await server();
    const nasty = [
      '/user/%00',
      '/user/%E0%A4%A',
      '/user/%',
      `/user/${'9'.repeat(100_000)}`,
      `/movie/${'a,'.repeat(5000)}a`,
      '/movie/..%2F..%2Fetc%2Fpasswd',
      "/user/1'%20or%201=1--",
      '/user/%F0%9F%8E%AC',
      '/user',
      '/user/',
      '/nothing/here',
      '/image/../../etc/passwd',
      '/%2e%2e/user/1',
    ];
    for (const url of nasty) {
      const r = await get(s, url);
      expect(r.status, url).toBeLessThan(500);
      expect(() => r.json(), url).not.toThrow();
      if (r.status !== 200) expect(r.json().statusCode, url).toBe(r.status);
    }
    expect((await get(s, '/user/1?x=%%%&x=2')).status).toBe(200);
    const post = await s.app.inject({ method: 'POST', url: '/user/1', payload: '{}' });
    expect(post.statusCode).toBe(404);
  });

  it('serves the routes a domain declares; a route that throws is a JSON 500 that hides its cause', async () => {
    const logged: string[] = [];
    const s = await server({ log: (m) => logged.push(m) });
    const png = await get(s, '/image/7.png');
    expect(png.status).toBe(200);
    expect(png.type).toBe('image/png');
    expect([...png.raw]).toEqual([0x89, 0x50, 0x4e, 0x47, 7]);
    const broken = await get(s, '/broken');
    expect(broken.status).toBe(500);
    expect(broken.json()).toEqual({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
    expect(broken.body).not.toContain('0.8123');
    expect(logged.join('\n')).toContain('secret factor');
  });
});

describe('ApiServer: limits, health, metrics, docs', () => {
  it('limits requests per client with a JSON 429 and Retry-After, on every route', async () => {
    const s = await server({ rateLimit: { max: 5, windowMs: 60_000 } });
    for (let i = 0; i < 5; i++) expect((await get(s, `/user/${i}`)).status).toBe(200);
    const limited = await get(s, '/user/1');
    expect(limited.status).toBe(429);
    expect(limited.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(limited.json().message).toContain('at most 5 requests per 60000 ms per client');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await get(s, '/user/1', { authorization: 'Bearer made-up' })).status).toBe(429);
    expect((await get(s, '/user/1', {}, '10.0.0.2')).status).toBe(200);
    for (const path of ['/healthz', '/metrics', '/openapi.json', '/docs/', '/no/such/route']) expect((await get(s, path)).status, path).toBe(429);
    // Another client's own quota: health, metrics, docs count like every other request.
    const other = '10.0.0.3';
    for (let i = 0; i < 2; i++) expect((await get(s, '/healthz', {}, other)).status).toBe(200);
    for (let i = 0; i < 2; i++) expect((await get(s, '/metrics', {}, other)).status).toBe(200);
    expect((await get(s, '/openapi.json', {}, other)).status).toBe(200);
    expect((await get(s, '/healthz', {}, other)).status).toBe(429);
  });

  it('can run without a rate limit', async () => {
    const s = await server({ rateLimit: false });
    for (let i = 0; i < 150; i++) expect((await get(s, '/user/1')).status).toBe(200);
  });

  it('/healthz answers JSON', async () => {
    const s = await server();
    expect((await get(s, '/healthz')).json()).toEqual({ status: 'ok', worlds: 1 });
  });

  it('/metrics: Prometheus text with API requests by route and status, and the world registry', async () => {
    const world = testWorld();
    world.metrics.counter('prodsim_predictions_total', 'Prediction requests', { endpoint: 'recommend', outcome: 'timeout' }).inc(3);
    const s = await server({ worlds: [world] });
    await get(s, '/user/1');
    await get(s, '/user/nope');
    const text = (await get(s, '/metrics')).body;
    expect(text).toContain('prodsim_api_requests_total{route="/user/:ids",status="200"} 1');
    expect(text).toContain('prodsim_api_requests_total{route="/user/:ids",status="400"} 1');
    expect(text).toContain('prodsim_predictions_total{endpoint="recommend",outcome="timeout"} 3');
    expect(text).toMatch(/prodsim_api_request_duration_ms_bucket\{le="\+Inf",route="\/user\/:ids"\} 2/);
  });

  it('describes itself in OpenAPI (bulk answers documented) and serves /docs from the package, offline', async () => {
    const s = await server();
    const doc = (await get(s, '/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/user/{ids}', '/movie/{ids}', '/healthz', '/metrics']));
    const user = doc.paths['/user/{ids}'].get;
    expect(user.description).toContain('JSON array in the order asked, with null where an id is unknown');
    expect(Object.keys(user.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '429']));
    const page = await get(s, '/docs/');
    const html = page.status === 302 ? (await get(s, String(page.headers.location))).body : page.body;
    expect(html).toContain('swagger-ui');
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect((await get(s, '/docs/static/swagger-ui-bundle.js')).status).toBe(200);
    const init = await get(s, '/docs/static/swagger-initializer.js');
    expect(init.body).toContain('"validatorUrl":null');
  });
});

describe('ApiServer: several worlds (course mode)', () => {
  it('mounts team worlds under /<team>/ with per-team tokens', async () => {
    const alpha = testWorld({ team: 'alpha', token: 'alpha-token-123' });
    const beta = testWorld({ team: 'beta', token: 'beta-token-456' });
    const s = await server({ worlds: [alpha, beta] });
    expect((await get(s, '/alpha/user/3')).status).toBe(401);
    expect((await get(s, '/alpha/user/3', { authorization: 'Bearer beta-token-456' })).status).toBe(401);
    expect((await get(s, '/alpha/user/3', { authorization: 'Bearer alpha-token-123' })).json()).toEqual({ user_id: 3, age: 23 });
    expect((await get(s, '/beta/movie/rashomon+1950', { authorization: 'Bearer beta-token-456' })).status).toBe(200);
    expect((await get(s, '/beta/image/1.png', { authorization: 'Bearer beta-token-456' })).type).toBe('image/png');
    expect((await get(s, '/user/3')).status).toBe(404);
    const doc = (await get(s, '/openapi.json', { authorization: 'Bearer beta-token-456' })).json();
    expect(Object.keys(doc.paths)).toContain('/{team}/user/{ids}');
    expect(doc.components.securitySchemes.bearer).toEqual({ type: 'http', scheme: 'bearer' });
  });

  it('answers an unknown team exactly as a known team with a wrong or no token: team names cannot be listed', async () => {
    const s = await server({ worlds: [testWorld({ team: 'alpha', token: 'alpha-token-123' }), testWorld({ team: 'beta', token: 'beta-token-456' })] });
    const answers = [
      await get(s, '/alpha/user/3'),
      await get(s, '/alpha/user/3', { authorization: 'Bearer wrong-token' }),
      await get(s, '/gamma/user/3'),
      await get(s, '/gamma/user/3', { authorization: 'Bearer wrong-token' }),
      await get(s, '/gamma/user/3', { authorization: 'Bearer alpha-token-123' }),
      await get(s, '/gamma/image/1.png', { authorization: 'Bearer alpha-token-123' }),
      await get(s, '/alpha/stream'),
      await get(s, '/gamma/stream', { authorization: 'Bearer beta-token-456' }),
    ];
    for (const a of answers) expect({ status: a.status, type: a.type, body: a.body }).toEqual({ status: 401, type: answers[0].type, body: answers[0].body });
    expect(answers[0].json()).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'this world needs "Authorization: Bearer <token>" with its own token',
    });
    // Without team tokens there is nothing to hide: an unknown team is a plain 404.
    const open = await server({ worlds: [testWorld({ team: 'alpha' })] });
    expect((await get(open, '/gamma/user/3')).json()).toMatchObject({ statusCode: 404, message: 'no team "gamma"' });
    expect((await get(open, '/alpha/user/3')).status).toBe(200);
  });

  it('rate-limits a team by its token (whatever its address), anyone else by address', async () => {
    const s = await server({ worlds: [testWorld({ team: 'alpha', token: 'alpha-token-123' })], rateLimit: { max: 2, windowMs: 60_000 } });
    const auth = { authorization: 'Bearer alpha-token-123' };
    expect((await get(s, '/alpha/user/1', auth, '10.0.0.1')).status).toBe(200);
    expect((await get(s, '/alpha/user/1', auth, '10.0.0.2')).status).toBe(200);
    expect((await get(s, '/alpha/user/1', auth, '10.0.0.3')).status).toBe(429);
    expect((await get(s, '/alpha/user/1', { authorization: 'Bearer guess-1' }, '10.0.0.9')).status).toBe(401);
    expect((await get(s, '/alpha/user/1', { authorization: 'Bearer guess-2' }, '10.0.0.9')).status).toBe(401);
    expect((await get(s, '/alpha/user/1', { authorization: 'Bearer guess-3' }, '10.0.0.9')).status).toBe(429);
  });

  it("labels each team world's metrics with its team, declaring every family once", async () => {
    const alpha = testWorld({ team: 'alpha' });
    const beta = testWorld({ team: 'beta' });
    for (const [w, n] of [
      [alpha, 1],
      [beta, 2],
    ] as const)
      w.metrics.counter('prodsim_events_total', 'Events', { kind: 'watch' }).inc(n);
    const s = await server({ worlds: [alpha, beta] });
    const text = (await get(s, '/metrics')).body;
    expect(text).toContain('prodsim_events_total{team="alpha",kind="watch"} 1');
    expect(text).toContain('prodsim_events_total{team="beta",kind="watch"} 2');
    expect(text.match(/# TYPE prodsim_events_total /g)).toHaveLength(1);
  });

  it('refuses worlds that cannot share a server, with coded errors', async () => {
    const attempt = async (worlds: ApiWorld[]) => {
      try {
        await ApiServer.create({ worlds });
      } catch (error) {
        return (error as { code: string }).code;
      }
      return 'created';
    };
    expect(await attempt([testWorld(), testWorld()])).toBe(ApiErrorCodes.CONFIG_INVALID);
    expect(await attempt([testWorld({ team: 'a' }), testWorld({ team: 'a' })])).toBe(ApiErrorCodes.CONFIG_INVALID);
    expect(await attempt([testWorld({ team: 'docs' })])).toBe(ApiErrorCodes.ROUTE);
    expect(await attempt([testWorld(), testWorld({ team: 'movie' })])).toBe(ApiErrorCodes.ROUTE);
    expect(await attempt([testWorld({ team: 'bad/name' })])).toBe(ApiErrorCodes.CONFIG_INVALID);
  });
});

describe('ApiServer on a socket, with a simulated world', () => {
  it('listens, answers over HTTP, and names the port when it is taken', async () => {
    const s = await server({ port: 0 });
    const url = await s.listen();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await request(`${url}/user/1,2`);
    expect(r.statusCode).toBe(200);
    expect(await r.body.json()).toEqual([
      { user_id: 1, age: 21 },
      { user_id: 2, age: 22 },
    ]);
    const port = Number(url.split(':')[2]);
    const clash = await server({ port });
    await expect(clash.listen()).rejects.toMatchObject({
      code: ApiErrorCodes.LISTEN,
      message: `the entity API cannot listen on 127.0.0.1:${port}: the port is in use`,
    });
  });

  it('serves a simulated world: events by kind, prediction outcomes and lag in /metrics; no ground truth anywhere', async () => {
    const { sim } = await runWorld(toyDomain, { days: 1, domainConfig: { users: 50 } });
    const s = await server({ worlds: [apiWorldOf(sim)], rateLimit: false });
    const world = sim.domainWorld;
    const texts: string[] = [];
    for (const collection of world.catalog.list()) {
      const ids = collection.sampleIds(50);
      const bulk = await get(s, `/${collection.name}/${ids.join(',')}`);
      expect(bulk.status).toBe(200);
      expect(bulk.json()).toHaveLength(ids.length);
      texts.push(bulk.body, (await get(s, `/${collection.name}/${ids[0]}`)).body);
    }
    const metrics = (await get(s, '/metrics')).body;
    expect(metrics).toMatch(/prodsim_events_total\{kind="pick"\} [1-9]/);
    expect(metrics).toMatch(/prodsim_predictions_total\{endpoint="suggest",outcome="ok"\} [1-9]/);
    expect(metrics).toContain('prodsim_prediction_latency_ms_bucket');
    expect(metrics).toContain('prodsim_scheduler_lag_ms ');
    texts.push(metrics, (await get(s, '/openapi.json')).body, (await get(s, '/healthz')).body);
    const haystack = texts.join('\n');
    const canaries = world.groundTruthCanaries().filter((c) => c.length >= 6);
    expect(canaries.length).toBeGreaterThan(0);
    for (const canary of canaries) expect(haystack.includes(canary), `ground truth ${canary} leaked`).toBe(false);
  });
});

describe('ApiServer: /metrics, /docs and /openapi.json behind the staff token', () => {
  const course = () => [testWorld({ team: 'alpha', token: 'alpha-token-123' }), testWorld({ team: 'beta', token: 'beta-token-456' })];
  const STAFF = 'staff-secret-789';
  const status = async (s: ApiServer, path: string, token?: string) => (await get(s, path, token ? { authorization: `Bearer ${token}` } : {})).status;

  it("a single world without a staff token is its operator's: everything open", async () => {
    const s = await server();
    for (const path of ['/metrics', '/openapi.json', '/docs/', '/healthz']) expect(await status(s, path), path).toBe(200);
  });

  it('with a staff token, /metrics needs it; the docs need it too (header, or ?token= then a cookie for the page)', async () => {
    const s = await server({ staffToken: STAFF });
    expect(await status(s, '/metrics')).toBe(401);
    expect(await status(s, '/metrics', 'staff-secret-78')).toBe(401);
    expect(await status(s, '/metrics', STAFF)).toBe(200);
    expect(await status(s, '/openapi.json')).toBe(401);
    expect(await status(s, '/openapi.json', STAFF)).toBe(200);
    const refused = await get(s, '/docs/');
    expect(refused.status).toBe(401);
    expect(refused.json().message).toBe('this needs the staff token or a team token: "Authorization: Bearer <token>" or ?token=<token>');
    expect(await status(s, '/docs?token=guess')).toBe(401);
    const entry = await get(s, `/docs?token=${STAFF}`);
    expect([entry.status, entry.headers.location]).toEqual([302, '/docs/']);
    const cookie = String(entry.headers['set-cookie']).split(';')[0];
    expect(cookie).toBe(`prodsim_token=${STAFF}`);
    for (const path of ['/docs/', '/docs/static/swagger-ui-bundle.js', '/docs/json']) expect((await get(s, path, { cookie })).status, path).toBe(200);
    expect((await get(s, '/docs/json', { cookie: 'prodsim_token=guess' })).status).toBe(401);
    expect(await status(s, '/healthz')).toBe(200);
  });

  it("in course mode: /metrics (every team's figures, the headroom) for staff only; docs for staff and teams", async () => {
    const worlds = course();
    worlds[1].metrics.counter('prodsim_headroom_value_total', 'Staff only', { endpoint: 'feed', answer: 'oracle' }).inc(4.5);
    const s = await server({ worlds, staffToken: STAFF });
    expect(await status(s, '/metrics')).toBe(401);
    expect(await status(s, '/metrics', 'alpha-token-123')).toBe(401);
    const metrics = await get(s, '/metrics', { authorization: `Bearer ${STAFF}` });
    expect(metrics.body).toContain('prodsim_headroom_value_total{team="beta",answer="oracle",endpoint="feed"} 4.5');
    expect(await status(s, '/openapi.json')).toBe(401);
    expect(await status(s, '/openapi.json', 'beta-token-456')).toBe(200);
    expect(await status(s, '/docs/?token=alpha-token-123')).toBe(302);
    expect((await get(s, '/docs/', { cookie: 'prodsim_token=alpha-token-123' })).body).toContain('swagger-ui');
    expect(await status(s, '/staff', 'alpha-token-123')).toBe(401);
    expect(await status(s, '/staff', STAFF)).toBe(200);
  });

  it('in course mode without a staff token nobody reads /metrics, and the refusal says how to set one', async () => {
    const s = await server({ worlds: course() });
    const refused = await get(s, '/metrics', { authorization: 'Bearer alpha-token-123' });
    expect(refused.status).toBe(401);
    expect(refused.json().message).toContain('set api.staffToken');
    expect(await status(s, '/openapi.json', 'alpha-token-123')).toBe(200);
    expect(await status(s, '/staff', 'alpha-token-123')).toBe(404);
  });

  it('counts the staff apart from its address', async () => {
    const s = await server({ staffToken: STAFF, rateLimit: { max: 1, windowMs: 60_000 } });
    expect(await status(s, '/user/1')).toBe(200);
    expect(await status(s, '/metrics', STAFF)).toBe(200);
    expect(await status(s, '/metrics', STAFF)).toBe(429);
  });
});
