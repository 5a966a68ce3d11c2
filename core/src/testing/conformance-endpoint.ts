import type { PredictionEndpoint, Validation } from '../prediction/endpoint.js';
import { InProcessPredictor } from '../prediction/in-process-predictor.js';

/**
 * The endpoint and the reference service behind the predictor conformance suite. Every
 * predictor under test is wired to a service that answers as `conformanceReply` says: the HTTP
 * predictor to a real server (`startMisbehavingService`, mode `conformance`), the in-process
 * predictor to `conformanceInProcessPredictor()`.
 */
export type ConformanceCase = 'ok' | 'many' | 'unknown' | 'empty' | 'malformed' | 'error' | 'slow';

export interface ConformanceRequest {
  case: ConformanceCase;
  /** Distinguishes requests: the ok answer for n is different for every n (catches mix-ups). */
  n: number;
}

export interface ConformanceReply {
  status: number;
  body: string;
  /** The service answers only after this long (the `slow` case). */
  delayMs?: number;
}

/** Ids the world knows: m0 .. m999. */
export const CONFORMANCE_ITEMS = 1000;
export const CONFORMANCE_MAX_IDS = 20;
/** How long the `slow` case takes: longer than any deadline the suite uses. */
export const CONFORMANCE_SLOW_MS = 30_000;

/** The ids the reference service recommends for request n in the `ok` case. */
export function conformanceIds(n: number, count = 5): string[] {
  return Array.from({ length: count }, (_, k) => `m${(n + k) % CONFORMANCE_ITEMS}`);
}

export function conformanceReply(request: ConformanceRequest): ConformanceReply {
  switch (request.case) {
    case 'ok':
      return { status: 200, body: conformanceIds(request.n).join(',') };
    case 'many':
      return { status: 200, body: conformanceIds(request.n, CONFORMANCE_MAX_IDS + 5).join(',') };
    case 'unknown':
      return { status: 200, body: `${[...conformanceIds(request.n, 3), 'no+such+movie+1999', 'm100000'].join(', ')}\n` };
    case 'empty':
      return { status: 200, body: '' };
    case 'malformed':
      return { status: 200, body: '{"recommendations": ["m1", "m2"]}' };
    case 'error':
      return { status: 500, body: 'internal server error' };
    case 'slow':
      return { status: 200, body: conformanceIds(request.n).join(','), delayMs: CONFORMANCE_SLOW_MS };
  }
}

/** Parses a reference path `/conformance/<case>/<n>`; undefined when it is not one. */
export function parseConformancePath(path: string): ConformanceRequest | undefined {
  const m = /^\/conformance\/([a-z]+)\/(\d+)$/.exec(path);
  if (!m || !isCase(m[1])) return undefined;
  return { case: m[1], n: Number(m[2]) };
}

function isCase(text: string): text is ConformanceCase {
  return ['ok', 'many', 'unknown', 'empty', 'malformed', 'error', 'slow'].includes(text);
}

const TOKEN = /^[a-z0-9+._-]+$/;

function parseList(body: string): Validation<unknown> {
  const text = body.trim();
  if (text === '') return { ok: true, value: [], dropped: 0 };
  const ids = text.split(',').map((x) => x.trim());
  const bad = ids.find((id) => !TOKEN.test(id));
  if (bad !== undefined) return { ok: false, error: `not a comma-separated list of ids (bad token ${JSON.stringify(bad.slice(0, 40))})` };
  return { ok: true, value: ids, dropped: 0 };
}

/** Like the movie domain's `recommend`: a plain-text id list, at most 20 kept, unknown ids dropped. */
export const CONFORMANCE_ENDPOINT: PredictionEndpoint<ConformanceRequest, string[]> = {
  name: 'conformance',
  description: 'reference endpoint of the predictor conformance suite',
  defaultDeadlineMs: 800,
  http: { method: 'GET', path: (r) => `/conformance/${r.case}/${r.n}` },
  parseBody: parseList,
  validate(raw) {
    if (!Array.isArray(raw) || !raw.every((x) => typeof x === 'string')) return { ok: false, error: 'answer is not a list of ids' };
    const known = raw.filter((id) => /^m\d+$/.test(id) && Number(id.slice(1)) < CONFORMANCE_ITEMS);
    const kept = known.slice(0, CONFORMANCE_MAX_IDS);
    return { ok: true, value: kept, dropped: raw.length - kept.length };
  },
};

/** The reference service as an in-process predictor: the same replies, without a socket. */
export function conformanceInProcessPredictor(): InProcessPredictor {
  return new InProcessPredictor(
    {
      conformance: (request: ConformanceRequest) => {
        const reply = conformanceReply(request);
        if (reply.status !== 200) throw new Error(`reference service answered ${reply.status}`);
        const parsed = parseList(reply.body);
        return parsed.ok ? parsed.value : reply.body;
      },
    },
    { name: 'conformance', latencyMs: (_endpoint, request) => conformanceReply(request as ConformanceRequest).delayMs ?? 1 },
  );
}
