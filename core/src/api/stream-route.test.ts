import { toyDomain } from '@prodsim/domain-toy';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { s } from '../config/schema.js';
import type { DomainPlugin } from '../domain/domain-plugin.js';
import { runConfigFields } from '../run/run-config.js';
import { Simulation } from '../run/simulation.js';
import { CaptureOutput } from '../testing/capture-output.js';
import { MemoryTransport } from '../transport/memory-transport.js';
import { ApiServer } from './api-server.js';
import { apiWorldOf } from './api-world.js';
import type { EventStreamBufferOptions } from './event-stream-buffer.js';

const servers: ApiServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** A toy world served by the API (its stream kept from before the run), run to its end. */
async function served(options: { team?: string; token?: string; seed?: string; stream?: EventStreamBufferOptions; run?: boolean } = {}) {
  const config = s.object(runConfigFields).parse({ domain: 'toy', seed: options.seed ?? 'stream', days: 1, progress: false }, '');
  const capture = new CaptureOutput();
  const plugin = toyDomain as DomainPlugin;
  const sim = new Simulation({ config, domainConfig: plugin.config.parse({ users: 60 }, 'toy'), plugin, transport: new MemoryTransport(), outputs: [capture] });
  await sim.init();
  const world = apiWorldOf(sim, { team: options.team, token: options.token, stream: options.stream });
  return { sim, world, capture };
}

async function listen(worlds: Parameters<typeof ApiServer.create>[0]['worlds']) {
  const server = await ApiServer.create({ worlds, port: 0, rateLimit: false });
  servers.push(server);
  return { server, url: await server.listen() };
}

/** Server-sent events as (id, data) pairs, with the comments and named events seen. */
function parseSse(text: string): { events: { id: number; data: string }[]; comments: string[]; named: string[] } {
  const events: { id: number; data: string }[] = [];
  const comments: string[] = [];
  const named: string[] = [];
  for (const block of text.split('\n\n')) {
    if (block === '') continue;
    let id = NaN;
    const data: string[] = [];
    let name: string | undefined;
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) comments.push(line.slice(1).trim());
      else if (line.startsWith('id: ')) id = Number(line.slice(4));
      else if (line.startsWith('data: ')) data.push(line.slice(6));
      else if (line.startsWith('event: ')) name = line.slice(7);
    }
    if (name) named.push(name);
    else if (data.length > 0) events.push({ id, data: data.join('\n') });
  }
  return { events, comments, named };
}

describe('GET /stream', () => {
  it('serves the lines the transport got, as NDJSON from the first event, byte for byte', async () => {
    const { sim, world, capture } = await served();
    const { url } = await listen([world]);
    await sim.run();
    world.stream!.end();
    const res = await request(`${url}/stream?format=ndjson`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
    expect(res.headers['prodsim-first-event-id']).toBe('1');
    const body = await res.body.text();
    expect(capture.events.length).toBeGreaterThan(50);
    expect(body).toBe(`${capture.events.map((e) => e.value).join('\n')}\n`);
  });

  it('streams live to a client connected before the run, as server-sent events that end with the run', async () => {
    const { sim, world, capture } = await served();
    const { url, server } = await listen([world]);
    const res = await request(`${url}/stream?from=now`);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    const text = res.body.text();
    await sim.run();
    await server.close();
    const { events, named } = parseSse(await text);
    expect(events.map((e) => e.data)).toEqual(capture.events.map((e) => e.value));
    expect(events.map((e) => e.id)).toEqual(capture.events.map((_, i) => i + 1));
    expect(named).toEqual(['end']);
  });

  it('resumes after Last-Event-ID, and from an id with ?from=', async () => {
    const { sim, world, capture } = await served();
    const { url } = await listen([world]);
    await sim.run();
    world.stream!.end();
    const lines = capture.events.map((e) => e.value);
    const after = parseSse(await (await request(`${url}/stream`, { headers: { 'last-event-id': '40' } })).body.text());
    expect(after.events[0]).toEqual({ id: 41, data: lines[40] });
    expect(after.events.map((e) => e.data)).toEqual(lines.slice(40));
    const from = await request(`${url}/stream?format=ndjson&from=10`);
    expect(from.headers['prodsim-first-event-id']).toBe('10');
    expect(await from.body.text()).toBe(`${lines.slice(9).join('\n')}\n`);
  });

  it('says where it goes on when the events asked for are no longer kept', async () => {
    const { sim, world, capture } = await served({ stream: { maxEvents: 20 } });
    const { url } = await listen([world]);
    await sim.run();
    world.stream!.end();
    const lines = capture.events.map((e) => e.value);
    const first = lines.length - 19;
    const sse = parseSse(await (await request(`${url}/stream?from=1`)).body.text());
    expect(sse.comments).toEqual([`events 1 to ${first - 1} are no longer kept; going on from event ${first}`]);
    expect(sse.events.map((e) => e.data)).toEqual(lines.slice(-20));
    const ndjson = await request(`${url}/stream?format=ndjson&from=1`);
    expect(ndjson.headers['prodsim-first-event-id']).toBe(String(first));
    expect((await ndjson.body.text()).split('\n').length).toBe(21);
  });

  it('answers a bad from or Last-Event-ID with a JSON 400 that says what is allowed', async () => {
    const { world } = await served();
    const { url } = await listen([world]);
    const bad = await request(`${url}/stream?from=yesterday`);
    expect(bad.statusCode).toBe(400);
    expect(((await bad.body.json()) as { message: string }).message).toBe('from must be an event id (a whole number), "beginning" or "now", got "yesterday"');
    const badId = await request(`${url}/stream`, { headers: { 'last-event-id': 'abc' } });
    expect(badId.statusCode).toBe(400);
    await badId.body.text();
  });

  it("course mode: /<team>/stream serves the team's own lines, only with its token", async () => {
    const a = await served({ team: 'team01', token: 'token-team01', seed: 'a' });
    const b = await served({ team: 'team02', token: 'token-team02', seed: 'b' });
    const { url } = await listen([a.world, b.world]);
    await a.sim.run();
    await b.sim.run();
    a.world.stream!.end();
    b.world.stream!.end();
    const none = await request(`${url}/team01/stream`);
    expect(none.statusCode).toBe(401);
    const refusal = ((await none.body.json()) as { message: string }).message;
    expect(refusal).toMatch(/with its own token/);
    const wrong = await request(`${url}/team01/stream`, { headers: { authorization: 'Bearer token-team02' } });
    expect(wrong.statusCode).toBe(401);
    await wrong.body.text();
    const unknown = await request(`${url}/team09/stream`, { headers: { authorization: 'Bearer token-team01' } });
    // An unknown team looks like a known one with the wrong token.
    expect(unknown.statusCode).toBe(401);
    expect(((await unknown.body.json()) as { message: string }).message).toBe(refusal);
    const mine = await request(`${url}/team02/stream?format=ndjson`, { headers: { authorization: 'Bearer token-team02' } });
    expect(mine.statusCode).toBe(200);
    expect(await mine.body.text()).toBe(`${b.capture.events.map((e) => e.value).join('\n')}\n`);
    expect(b.capture.events.map((e) => e.value)).not.toEqual(a.capture.events.map((e) => e.value));
  });

  it('is not served for a world without a stream', async () => {
    const { world } = await served({ stream: undefined });
    const { url } = await listen([{ ...world, stream: undefined }]);
    const res = await request(`${url}/stream`);
    expect(res.statusCode).toBe(404);
    expect(((await res.body.json()) as { message: string }).message).toBe("this world's event stream is not served over HTTP");
  });
});
