import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { addressKey, RateLimiter } from './rate-limiter.js';

const apps: ReturnType<typeof Fastify>[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.close()));
});

/** An app with one limited route and a clock the test moves. */
async function limitedApp(max: number, windowMs: number, maxClients?: number) {
  const clock = { now: 1_000_000 };
  const limiter = new RateLimiter({ max, windowMs, clientOf: (request) => addressKey(request.ip), maxClients, now: () => clock.now });
  const app = Fastify({ logger: false });
  apps.push(app);
  await app.register(async (api) => {
    limiter.install(api);
    api.get('/limited', () => ({ ok: true }));
  });
  app.get('/free', () => ({ ok: true }));
  await app.ready();
  const get = (url: string, remoteAddress = '10.0.0.1') => app.inject({ method: 'GET', url, remoteAddress });
  return { clock, limiter, get };
}

describe('RateLimiter', () => {
  it('admits max requests per client and window, then answers a JSON 429 with Retry-After', async () => {
    const { get } = await limitedApp(3, 2_500);
    for (let i = 0; i < 3; i++) {
      const ok = await get('/limited');
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['x-ratelimit-limit']).toBe('3');
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(2 - i));
      expect(ok.headers['x-ratelimit-reset']).toBe('3');
    }
    const limited = await get('/limited');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/json/);
    expect(limited.headers['retry-after']).toBe('3');
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    expect(JSON.parse(limited.body)).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      message: 'rate limit: at most 3 requests per 2500 ms per client; retry in 3 seconds',
    });
  });

  it('counts clients apart, leaves routes outside its context alone, and opens a new window when one ends', async () => {
    const { clock, get } = await limitedApp(1, 1_000);
    expect((await get('/limited')).statusCode).toBe(200);
    expect((await get('/limited')).statusCode).toBe(429);
    expect((await get('/limited', '10.0.0.2')).statusCode).toBe(200);
    for (let i = 0; i < 5; i++) expect((await get('/free')).statusCode).toBe(200);
    clock.now += 999;
    const late = await get('/limited');
    expect(late.statusCode).toBe(429);
    expect(late.headers['retry-after']).toBe('1');
    expect(JSON.parse(late.body).message).toContain('retry in 1 second');
    clock.now += 1;
    expect((await get('/limited')).statusCode).toBe(200);
  });

  it('forgets ended windows (else the oldest) once it counts many clients, so that memory stays bounded', async () => {
    const { clock, limiter, get } = await limitedApp(1, 1_000, 100);
    const address = (i: number) => `10.0.${i >> 8}.${i & 255}`;
    for (let i = 0; i < 100; i++) await get('/limited', address(i));
    expect(limiter.clients).toBe(100);
    // Full, and every window still open: the oldest client is forgotten, the others are still counted.
    expect((await get('/limited', address(100))).statusCode).toBe(200);
    expect(limiter.clients).toBe(100);
    expect((await get('/limited', address(1))).statusCode).toBe(429);
    expect((await get('/limited', address(0))).statusCode).toBe(200);
    // Once the windows have ended, the next new client clears them all.
    clock.now += 1_000;
    expect((await get('/limited', '192.168.0.1')).statusCode).toBe(200);
    expect(limiter.clients).toBe(1);
  });

  it('keys IPv4 by address and IPv6 by its /56 network', () => {
    expect(addressKey('10.1.2.3')).toBe('10.1.2.3');
    expect(addressKey('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(addressKey('2001:db8:1234:56ab::1')).toBe('2001:db8:1234:5600::/56');
    expect(addressKey('2001:DB8:1234:56ff:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1234:5600::/56');
    expect(addressKey('2001:db8:1234:5701::1')).not.toBe(addressKey('2001:db8:1234:5601::1'));
    expect(addressKey('::1')).toBe('0:0:0:0::/56');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/56');
  });
});
