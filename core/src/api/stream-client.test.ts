import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { PublicCatalog } from '../world/entity-collection.js';
import { ApiServer } from './api-server.js';
import type { ApiWorld } from './api-world.js';
import { EventStreamBuffer } from './event-stream-buffer.js';
import { followEventStream, type StreamFollower } from './stream-client.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function follow(url: string, token?: string) {
  const lines: string[] = [];
  const statuses: string[] = [];
  let notify = () => {};
  const follower: StreamFollower = followEventStream({
    url,
    token,
    retryMs: [20, 40],
    onLine: (line) => {
      lines.push(line);
      notify();
    },
    onStatus: (m) => {
      statuses.push(m);
      notify();
    },
  });
  closers.push(() => follower.close());
  /** Resolves once `done` holds (checked at every line and status). */
  const until = (done: () => boolean) =>
    new Promise<void>((resolve) => {
      notify = () => done() && resolve();
      notify();
    });
  return { follower, lines, statuses, until };
}

function world(token?: string): ApiWorld {
  return {
    team: token ? 'team01' : undefined,
    token,
    catalog: new PublicCatalog(),
    routes: [],
    metrics: new MetricsRegistry(),
    stream: new EventStreamBuffer(),
  };
}

async function serve(worlds: ApiWorld[], port = 0) {
  const server = await ApiServer.create({ worlds, port, rateLimit: false });
  const url = await server.listen();
  closers.push(() => server.close());
  return { server, url };
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

describe('followEventStream', () => {
  it('waits for a server that is not up yet, saying so once, then reads every line in order', async () => {
    const port = await freePort();
    const w = world();
    const f = follow(`http://127.0.0.1:${port}/stream`);
    await f.until(() => f.statuses.length > 0);
    expect(f.statuses[0]).toMatch(/nothing listens there \(is prodsim running with --api-port\?\); retrying$/);
    for (let i = 1; i <= 5; i++) w.stream!.add(`line ${i}`);
    await serve([w], port);
    await f.follower.ready;
    for (let i = 6; i <= 1200; i++) w.stream!.add(`line ${i}`);
    await f.until(() => f.lines.length === 1200);
    expect(f.lines).toEqual(Array.from({ length: 1200 }, (_, i) => `line ${i + 1}`));
    expect(f.follower.lastId).toBe(1200);
    expect(f.statuses.filter((s) => s.includes('nothing listens')).length).toBe(1);
  });

  it("reports the server's refusal of a wrong token in its words and keeps trying", async () => {
    const w = world('right-token');
    const { url } = await serve([w]);
    const f = follow(`${url}/team01/stream`, 'wrong-token');
    await f.until(() => f.statuses.length > 0);
    expect(f.statuses[0]).toBe(`${url}/team01/stream answered 401: this world needs "Authorization: Bearer <token>" with its own token; retrying`);
    const g = follow(`${url}/team01/stream`, 'right-token');
    w.stream!.add('{"kind":"like"}');
    await g.until(() => g.lines.length === 1);
    expect(g.lines).toEqual(['{"kind":"like"}']);
  });

  it('resumes after the last event read when the connection drops, with no line twice', async () => {
    // A server that cuts every connection after three events and serves from Last-Event-ID + 1.
    const events = Array.from({ length: 10 }, (_, i) => `event ${i + 1}`);
    const asked: string[] = [];
    const server: Server = createServer((req, res) => {
      const last = Number(req.headers['last-event-id'] ?? 0);
      asked.push(String(req.headers['last-event-id'] ?? '-'));
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const next = events.slice(last, last + 3);
      res.end(next.map((e, i) => `id: ${last + i + 1}\ndata: ${e}\n\n`).join('') + (last + 3 >= events.length ? 'event: end\ndata: over\n\n' : ''));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(resolve)));
    const f = follow(`http://127.0.0.1:${(server.address() as AddressInfo).port}/stream`);
    await f.until(() => f.lines.length === 10 && f.statuses.some((s) => s.includes('the run is over')));
    expect(f.lines).toEqual(events);
    expect(asked.slice(0, 4)).toEqual(['-', '3', '6', '9']);
  });
});
