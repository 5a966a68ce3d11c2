import { afterAll, describe, expect, it } from 'vitest';
import { Recommender } from './recommender.js';
import { buildService } from './service.js';

const recommender = new Recommender();
for (const [user, movie] of [
  [1, 'a+2000'],
  [2, 'a+2000'],
  [2, 'b+2000'],
] as const)
  recommender.handleLine(`2026-01-05T10:00:00,${user},GET /data/m/${movie}/1.mpg`);
const app = buildService(recommender);
afterAll(() => app.close());

describe('recommendation service', () => {
  it('answers GET /recommend/:userid with one plain-text line of comma-separated ids', async () => {
    const res = await app.inject({ method: 'GET', url: '/recommend/77' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toBe('a+2000,b+2000');
  });

  it('rejects a user id that is not a number with 400 and a reason, and keeps serving', async () => {
    const res = await app.inject({ method: 'GET', url: '/recommend/%27%3B%20DROP%20TABLE' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toMatch(/user id must be a number/);
    expect((await app.inject({ method: 'GET', url: '/recommend/1' })).statusCode).toBe(200);
  });

  it('reports what it has learnt on /health', async () => {
    const res = await app.inject({ method: 'GET', url: '/health' });
    expect(res.json()).toMatchObject({ ok: true, lines: 3, views: 3, malformed: 0, users: 2, movies: 2 });
  });
});
