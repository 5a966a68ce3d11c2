import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { conformanceReply, parseConformancePath } from './conformance-endpoint.js';

/**
 * A real HTTP service on 127.0.0.1 that misbehaves on request, for fault tests of predictors and
 * of whole simulations. The first path segment picks the behaviour, so one service serves every
 * case and a predictor's base URL picks one (`http://127.0.0.1:PORT/sleep`):
 *
 * - `ok`        200 with `answer(path)` (default `1,2,3`)
 * - `delay/<ms>` answers like `ok` after <ms>
 * - `sleep`     answers like `ok` after `sleepMs` (default 30 s: far past any deadline)
 * - `error500`  500 with a short text
 * - `garbage`   200 with bytes that are no id list (binary, HTML)
 * - `huge`      200 with `hugeBytes` (default 1 MiB), chunked, no content-length
 * - `huge-declared` the same with a content-length header
 * - `drop`      closes the connection without answering
 * - `drip`      200 headers at once, then one byte every `dripIntervalMs` (default 50) for ever
 * - `not-http`  writes bytes that are not an HTTP response, then closes
 * - `mixed/.../<n>` the mode `MIXED_MODES[n % MIXED_MODES.length]`, n = the last number in the path
 * - `conformance/<case>/<n>` the predictor conformance suite's reference service
 *
 * A refused connection needs no server: see `closedPortUrl()`.
 */
export const MISBEHAVING_MODES = [
  'ok',
  'delay',
  'sleep',
  'error500',
  'garbage',
  'huge',
  'huge-declared',
  'drop',
  'drip',
  'not-http',
  'mixed',
  'conformance',
] as const;
export type MisbehavingMode = (typeof MISBEHAVING_MODES)[number];

/** What `mixed` cycles through: one healthy answer, then every fault a student service shows. */
export const MIXED_MODES = ['ok', 'sleep', 'error500', 'garbage', 'huge', 'drop', 'drip'] as const;

export interface MisbehavingOptions {
  /** The body of a healthy answer, from the path after the mode segment (e.g. `/suggest/3`). */
  answer?: (path: string) => string;
  sleepMs?: number;
  dripIntervalMs?: number;
  hugeBytes?: number;
}

export interface MisbehavingService {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  readonly port: number;
  /** Requests received, by mode actually served (after `mixed` picked one). */
  readonly counts: Record<string, number>;
  /** Ends every connection (sleeping, dripping) and stops listening. */
  close(): Promise<void>;
}

// Deterministic junk: NUL and 0xFF bytes (invalid UTF-8), then an HTML error page.
const GARBAGE = Buffer.concat([Buffer.from([0x00, 0xff, 0xfe, 0x1b]), Buffer.from('<html><body><h1>502 Bad Gateway</h1>%%%;;\u0007</body></html>')]);
const NOT_HTTP = Buffer.from('SSH-2.0-OpenSSH_9.6 nonsense\r\n\r\n');

export async function startMisbehavingService(options: MisbehavingOptions = {}): Promise<MisbehavingService> {
  const answer = options.answer ?? (() => '1,2,3');
  const sleepMs = options.sleepMs ?? 30_000;
  const dripMs = options.dripIntervalMs ?? 50;
  const hugeBytes = options.hugeBytes ?? 1024 * 1024;
  const counts: Record<string, number> = {};
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void, repeat = false) => {
    const t = repeat ? setInterval(fn, ms) : setTimeout(() => (timers.delete(t), fn()), ms);
    timers.add(t);
    return t;
  };
  const stop = (t: NodeJS.Timeout) => {
    clearTimeout(t);
    clearInterval(t);
    timers.delete(t);
  };

  const serve = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const segments = path.split('/').filter(Boolean);
    let mode = segments[0] ?? '';
    let rest = `/${segments.slice(1).join('/')}`;
    if (mode === 'mixed') {
      const n = Number(/(\d+)\D*$/.exec(path)?.[1] ?? 0);
      mode = MIXED_MODES[n % MIXED_MODES.length];
    }
    counts[mode] = (counts[mode] ?? 0) + 1;
    const send = (status: number, body: string | Buffer, headers: Record<string, string | number> = {}) => {
      if (res.destroyed) return;
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
      res.end(body);
    };
    switch (mode) {
      case 'ok':
        return send(200, answer(rest));
      case 'delay': {
        const ms = Number(segments[1]);
        rest = `/${segments.slice(2).join('/')}`;
        later(Number.isFinite(ms) ? ms : 0, () => send(200, answer(rest)));
        return;
      }
      case 'sleep':
        later(sleepMs, () => send(200, answer(rest)));
        return;
      case 'error500':
        return send(500, 'internal server error');
      case 'garbage':
        return send(200, GARBAGE, { 'content-type': 'application/octet-stream' });
      case 'huge':
      case 'huge-declared': {
        const headers: Record<string, string | number> = { 'content-type': 'text/plain' };
        if (mode === 'huge-declared') headers['content-length'] = hugeBytes;
        res.writeHead(200, headers);
        const chunk = Buffer.alloc(16 * 1024, '1,');
        let left = hugeBytes;
        const pump = () => {
          while (left > 0 && !res.destroyed) {
            const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
            left -= piece.length;
            if (!res.write(piece)) return void res.once('drain', pump);
          }
          if (!res.destroyed) res.end();
        };
        pump();
        return;
      }
      case 'drop':
        req.socket.destroy();
        return;
      case 'drip': {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.flushHeaders();
        const t = later(dripMs, () => (res.destroyed ? stop(t) : res.write('1')), true);
        res.once('close', () => stop(t));
        return;
      }
      case 'not-http':
        req.socket.end(NOT_HTTP);
        return;
      case 'conformance': {
        const request = parseConformancePath(path);
        if (!request) return send(404, 'no such conformance case');
        const reply = conformanceReply(request);
        if (reply.delayMs) later(reply.delayMs, () => send(reply.status, reply.body));
        else send(reply.status, reply.body);
        return;
      }
      default:
        return send(404, `no such mode ${JSON.stringify(mode)}`);
    }
  };

  const server: Server = createServer(serve);
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    counts,
    async close() {
      for (const t of [...timers]) stop(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A URL on 127.0.0.1 where nothing listens (a port just bound and released): connections are refused. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
