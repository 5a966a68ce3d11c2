import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpPredictor } from '@prodsim/core';
import { checkEvent } from '@prodsim/media';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGES_EVENT_SCHEMA } from './events/images-events.js';
import { runSmall } from './test/small-world.js';

const TINY = { users: 60, creators: 10, initialImages: 40, candidates: 20, feedSize: 8 };

describe('images/v1 records faulty services, never fails on them', () => {
  it('malformed in-process answers become recorded outcomes; the feed falls back to request order, moderation to its policy', async () => {
    let n = 0;
    const run = await runSmall({
      days: 1,
      config: TINY,
      predictor: () => ({
        feed: () => (n++ % 2 === 0 ? 'not a list' : [{ id: 1 }]),
        moderate: () => ({ decision: 'maybe' }),
      }),
    });
    const feeds = run.events.filter((e) => e.kind === 'feed');
    expect(feeds.length).toBeGreaterThan(20);
    for (const f of feeds) {
      expect(f.status).toBe(200);
      expect(f.ranked).toBe(0);
      expect(f.error).toMatch(/answer is string "not a list"|where a image id belongs/);
      expect((f.shown as number[]).length).toBeGreaterThan(0);
    }
    const moderations = run.events.filter((e) => e.kind === 'moderation');
    expect(moderations.length).toBeGreaterThan(5);
    for (const m of moderations)
      expect(m).toMatchObject({ decision: 'allow', fallback: true, status: 200, error: '"decision" is string "maybe", expected "allow" or "block"' });
    expect(run.sim.summary().predictions.malformed).toBe(feeds.length + moderations.length);
    // Users still scroll the unranked feeds.
    expect(run.events.filter((e) => e.kind === 'impression').length).toBeGreaterThan(50);
    for (const e of run.capture.events) expect(checkEvent(IMAGES_EVENT_SCHEMA, e.value)).toBeUndefined();
  });

  it('a throwing predictor is an http-error outcome; fail-closed moderation blocks', async () => {
    const run = await runSmall({
      days: 1,
      config: { ...TINY, moderationFailure: 'block' },
      predictor: () => ({
        feed: () => {
          throw new Error('model not loaded');
        },
        moderate: () => {
          throw new Error('out of memory');
        },
      }),
    });
    const f = run.events.find((e) => e.kind === 'feed')!;
    expect(f).toMatchObject({ status: 500, ranked: 0, error: 'in-process feed threw: model not loaded' });
    const m = run.events.find((e) => e.kind === 'moderation')!;
    expect(m).toMatchObject({ decision: 'block', fallback: true, status: 500 });
    expect(run.world.research().counters.allowed).toBe(0);
  });

  describe('over HTTP', () => {
    let server: Server;
    let url: string;
    const seen = { feed: 0, moderate: 0 };

    beforeAll(async () => {
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', () => {
          if (req.url === '/feed') {
            const { candidates } = JSON.parse(body) as { candidates: number[] };
            const i = seen.feed++;
            const k = i % 5;
            if (k === 0) return res.end(JSON.stringify([...candidates].reverse().concat([999_999, candidates[0]])));
            if (k === 1) return res.writeHead(500).end('oops');
            if (k === 2) return res.end('<html>gateway</html>');
            if (k === 3) return res.end('x'.repeat(70 * 1024));
            if (i % 10 === 4) return void setTimeout(() => res.end('[]'), 450);
            return res.end('[]');
          }
          if (req.url === '/moderate') {
            const k = seen.moderate++ % 3;
            if (k === 0) return res.end('{"decision":"block"}');
            if (k === 1) return res.end('{"decision":"allow"}');
            return res.destroy();
          }
          res.writeHead(404).end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    it('each fault is recorded with its status and error text, and the run goes on to the end', async () => {
      const run = await runSmall({ days: 1, config: TINY, predictor: () => new HttpPredictor(url) });
      expect(run.sim.summary().reason).toBe('until');
      const feeds = run.events.filter((e) => e.kind === 'feed');
      const kinds = new Set(feeds.map((f) => (f.error === undefined ? `ok ${f.status}` : `${f.status} ${String(f.error).slice(0, 18)}`)));
      expect(feeds.some((f) => f.status === 200 && f.error === undefined && (f.ranked as number) > 0 && f.dropped === 2)).toBe(true);
      expect(feeds.some((f) => f.status === 500 && typeof f.error === 'string')).toBe(true);
      expect(feeds.some((f) => f.status === 200 && /not JSON/.test(String(f.error)))).toBe(true);
      expect(feeds.some((f) => /65536|64 KiB|too large|over/.test(String(f.error)))).toBe(true);
      expect(feeds.some((f) => f.status === 0 && /timeout|deadline/.test(String(f.error)))).toBe(true);
      expect(kinds.size).toBeGreaterThanOrEqual(5);
      const moderations = run.events.filter((e) => e.kind === 'moderation');
      expect(moderations.some((m) => m.decision === 'block' && m.fallback === false)).toBe(true);
      expect(moderations.some((m) => m.fallback === true && m.status === 0 && m.decision === 'allow')).toBe(true);
      for (const e of run.capture.events) expect(checkEvent(IMAGES_EVENT_SCHEMA, e.value)).toBeUndefined();
    });
  });
});
