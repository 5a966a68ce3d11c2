import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, ERROR_SCHEMA } from './api-errors.js';
import type { ApiWorld } from './api-world.js';
import type { JsonAnswer } from './entity-lookup.js';
import type { EventStreamBuffer } from './event-stream-buffer.js';
import { teamWorlds, tokenGate } from './world-routes.js';

const JSON_TYPE = 'application/json; charset=utf-8';
/** Events written per chunk: large enough for throughput, small enough to notice a client gone. */
const BATCH = 512;
/** Wall-clock ms between SSE comments on a quiet stream, so that proxies keep the connection. */
const KEEP_ALIVE_MS = 15_000;

const LINE_BREAK = /[\r\n]/;
const LINE_BREAKS = /\r\n|\r|\n/;

type Format = 'sse' | 'ndjson';

/**
 * The event stream over HTTP, for teams without a broker: `GET /stream` (a single world) and
 * `GET /<team>/stream` (course mode, behind the team's token) send the same lines as the
 * transport carries, as they are published, numbered from 1.
 *
 * - Server-sent events (default, or `Accept: text/event-stream`): `id: N` and `data: <line>` per
 *   event, a `: keep-alive` comment every 15 s on a quiet stream, and `event: end` when the run
 *   is over. Resume with the `Last-Event-ID` header (what EventSource sends on reconnecting).
 * - NDJSON (`?format=ndjson` or `Accept: application/x-ndjson`): one line per event, chunked. The
 *   header `Prodsim-First-Event-Id` gives the first line's id, the rest follow one by one; a
 *   client that falls behind what the server keeps is disconnected (so its count stays right),
 *   and resumes with `?from=<next id>`.
 *
 * `?from=` is an id, `beginning` (default: the oldest event kept) or `now`. Events older than
 * the world keeps (EventStreamBuffer) are gone: the stream goes on from the oldest kept and says
 * so (an SSE comment, the NDJSON header).
 */
export function mountStreams(api: FastifyInstance, worlds: readonly ApiWorld[]): void {
  const root = worlds.find((w) => w.team === undefined);
  const schema = (team: boolean) => ({
    tags: [team ? 'teams' : 'entities'],
    summary: "The world's event stream over HTTP: server-sent events or NDJSON, resumable from an event id",
    description:
      'The same lines as the transport carries, numbered from 1. Server-sent events by default (`id:`, `data:`; resume with `Last-Event-ID`); ' +
      'NDJSON with `?format=ndjson` (header `Prodsim-First-Event-Id`; resume with `?from=`). `from`: an event id, `beginning` (the oldest kept) or `now`.',
    querystring: {
      type: 'object',
      properties: {
        from: { type: 'string', description: 'an event id, `beginning` (default) or `now`' },
        format: { type: 'string', enum: ['sse', 'ndjson'], description: 'sse (default) or ndjson' },
      },
    },
    ...(team ? { params: { type: 'object', properties: { team: { type: 'string', description: 'the team whose stream to read' } } } } : {}),
    ...(worlds.some((w) => w.token !== undefined) ? { security: [{ bearer: [] }] } : {}),
    response: { 400: ERROR_SCHEMA, 401: ERROR_SCHEMA, 404: ERROR_SCHEMA, 429: ERROR_SCHEMA },
  });
  if (root) {
    const gate = tokenGate(root);
    api.get('/stream', { schema: schema(false) }, (request, reply) => serve(request, reply, gate(request.headers.authorization)));
  }
  const teams = worlds.filter((w) => w.team !== undefined);
  if (teams.length > 0) {
    const world = teamWorlds(teams);
    api.get('/:team/stream', { schema: schema(true) }, (request, reply) =>
      serve(request, reply, world((request.params as { team: string }).team, request.headers.authorization)),
    );
  }
}

function serve(request: FastifyRequest, reply: FastifyReply, world: ApiWorld | JsonAnswer): FastifyReply | undefined {
  if ('status' in world) return reply.code(world.status).type(JSON_TYPE).send(world.body);
  const buffer = world.stream;
  if (!buffer) return reply.code(404).type(JSON_TYPE).send(errorBody(404, "this world's event stream is not served over HTTP"));
  const query = request.query as { from?: string; format?: string };
  const format: Format =
    query.format === 'ndjson' || (query.format === undefined && /application\/x-ndjson/.test(request.headers.accept ?? '')) ? 'ndjson' : 'sse';
  const start = startId(buffer, query.from, request.headers['last-event-id']);
  if (typeof start === 'string') return reply.code(400).type(JSON_TYPE).send(errorBody(400, start));
  reply.hijack();
  const raw = reply.raw;
  const first = Math.max(start, buffer.firstId);
  raw.writeHead(200, {
    'content-type': format === 'sse' ? 'text/event-stream; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
    'prodsim-first-event-id': String(first),
  });
  // The headers go now: a client waiting for them must not wait for the first event.
  raw.flushHeaders();
  void pump(raw, buffer, format, start).catch(() => raw.destroy());
  return undefined;
}

/** Where a client starts: after `Last-Event-ID`, else `?from=`; an error text for a bad value. */
function startId(buffer: EventStreamBuffer, from: string | undefined, lastEventId: string | string[] | undefined): number | string {
  const last = Array.isArray(lastEventId) ? lastEventId[0] : lastEventId;
  if (last !== undefined && last !== '') {
    if (!/^\d{1,15}$/.test(last)) return `Last-Event-ID must be an event id (a whole number), got ${JSON.stringify(last.slice(0, 40))}`;
    return Number(last) + 1;
  }
  if (from === undefined || from === 'beginning') return buffer.firstId;
  if (from === 'now') return buffer.nextId;
  if (!/^\d{1,15}$/.test(from)) return `from must be an event id (a whole number), "beginning" or "now", got ${JSON.stringify(from.slice(0, 40))}`;
  return Number(from);
}

async function pump(raw: ServerResponse, buffer: EventStreamBuffer, format: Format, start: number): Promise<void> {
  let gone = false;
  let stop: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    stop = resolve;
  });
  raw.on('close', () => {
    gone = true;
    stop();
  });
  let next = start;
  // A client resuming from an id this server never gave (it restarted, or the run was resumed
  // from a checkpoint) starts again from what is kept.
  if (next > buffer.nextId) {
    if (format === 'sse') raw.write(`: event ${next} is not in this stream (it restarted); going on from event ${buffer.firstId}\n\n`);
    next = buffer.firstId;
  }
  while (!gone) {
    if (next < buffer.firstId) {
      if (format === 'ndjson' && next > start) {
        // Mid-stream: a gap would make the client's count wrong; it resumes with ?from=.
        raw.end();
        return;
      }
      if (format === 'sse') raw.write(`: events ${next} to ${buffer.firstId - 1} are no longer kept; going on from event ${buffer.firstId}\n\n`);
      next = buffer.firstId;
    }
    const values = buffer.read(next, BATCH);
    if (values.length > 0) {
      const chunk = format === 'sse' ? sseChunk(values, next) : `${values.join('\n')}\n`;
      next += values.length;
      if (!raw.write(chunk)) await Promise.race([new Promise<void>((resolve) => raw.once('drain', resolve)), closed]);
      continue;
    }
    if (buffer.ended) {
      if (format === 'sse') raw.write('event: end\ndata: the run is over\n\n');
      raw.end();
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const quiet = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), KEEP_ALIVE_MS);
    });
    const idle = await Promise.race([buffer.waitFor(next).then(() => false), closed.then(() => false), quiet]);
    clearTimeout(timer);
    if (idle && format === 'sse' && !gone) raw.write(': keep-alive\n\n');
  }
}

function sseChunk(values: string[], firstId: number): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // A line break inside a value would end the SSE field: each line gets its own data: field.
    out += `id: ${firstId + i}\ndata: ${LINE_BREAK.test(v) ? v.split(LINE_BREAKS).join('\ndata: ') : v}\n\n`;
  }
  return out;
}
