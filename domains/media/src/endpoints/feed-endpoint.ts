import type { PredictionEndpoint, Validation } from '@prodsim/core';
import { CandidateMarks } from './candidate-marks.js';
import { asItemId, describeJson, parseJsonBody } from './json-body.js';

/** `POST /feed` body: the user and the candidate item ids to rank. */
export interface FeedRequest {
  user: number;
  candidates: readonly number[];
}

/** A validated ranking: the candidates the service ranked, best first, each once. */
export interface FeedRanking {
  ranked: number[];
}

export interface FeedEndpointOptions {
  /** Endpoint name (default `feed`). */
  name?: string;
  /** HTTP path (default `/feed`). */
  path?: string;
  /** What is ranked, for the description (e.g. `image`). */
  itemKind: string;
  defaultDeadlineMs?: number;
}

/**
 * `feed`: rank a candidate set for a user. Request (JSON, POST): `{"user": 17, "candidates": [ids]}`;
 * answer: a JSON array of ids, best first. Ids that are not candidates (unknown) and repeated ids
 * are dropped and counted; candidates left out of the answer are not an error (the app shows
 * them after the ranked ones). Anything that is not a list of ids is malformed.
 */
export function createFeedEndpoint(options: FeedEndpointOptions): PredictionEndpoint<FeedRequest, FeedRanking> {
  const path = options.path ?? '/feed';
  // One world's endpoint; validate runs to the end before the next call, so one set of marks serves all.
  const unranked = new CandidateMarks();
  return {
    name: options.name ?? 'feed',
    description: `rank candidate ${options.itemKind} ids for a user: POST ${path} {"user", "candidates"} -> JSON array of ids, best first`,
    defaultDeadlineMs: options.defaultDeadlineMs ?? 300,
    http: {
      method: 'POST',
      path: () => path,
      body: (r) => `{"user":${r.user},"candidates":[${r.candidates.join(',')}]}`,
      contentType: 'application/json',
    },
    parseBody: parseJsonBody,
    validate(raw: unknown, request: FeedRequest): Validation<FeedRanking> {
      if (!Array.isArray(raw)) return { ok: false, error: `answer is ${describeJson(raw)}, expected a JSON array of ${options.itemKind} ids` };
      // Candidates not ranked yet: an id is taken when ranked, so an unknown id and a repeated
      // one are both simply not there.
      unranked.reset(request.candidates);
      const ranked: number[] = [];
      let dropped = 0;
      for (const x of raw) {
        const id = asItemId(x);
        if (id === undefined) return { ok: false, error: `answer holds ${describeJson(x)} where a ${options.itemKind} id belongs` };
        if (!unranked.take(id)) {
          dropped++;
          continue;
        }
        ranked.push(id);
      }
      return { ok: true, value: { ranked }, dropped };
    },
  };
}

/**
 * The order a user sees: the service's ranking, then the candidates it left out in request order,
 * cut to `size`. Without a ranking (a failed request) the request order stands.
 */
export function presentFeed(candidates: readonly number[], ranking: FeedRanking | undefined, size: number): number[] {
  const n = Math.min(size, candidates.length);
  if (!ranking || ranking.ranked.length === 0) return candidates.slice(0, n);
  const shown = ranking.ranked.slice(0, n);
  if (shown.length < n) {
    const used = new Set(shown);
    for (let i = 0; i < candidates.length && shown.length < n; i++) if (!used.has(candidates[i])) shown.push(candidates[i]);
  }
  return shown;
}
