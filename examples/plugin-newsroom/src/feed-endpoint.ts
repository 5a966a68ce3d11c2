import type { PredictionEndpoint, Validation } from '@prodsim/core';

/** What the app sends the feed service: the reader and the newest articles, newest first. */
export interface FeedRequest {
  reader: number;
  candidates: readonly number[];
}

/**
 * `feed`: rank candidate articles for a reader, within 250 ms. Request: `POST /feed` with
 * `{"reader": 17, "candidates": [812, 809, ...]}`; answer: a JSON array of article ids, best
 * first. Ids that are not candidates, and repeats, are dropped and counted; candidates the
 * service leaves out follow in the app's own order (newest first). Anything else is malformed.
 */
export const feedEndpoint: PredictionEndpoint<FeedRequest, number[]> = {
  name: 'feed',
  description: 'rank candidate article ids for a reader: POST /feed {"reader", "candidates"} -> JSON array of ids, best first',
  defaultDeadlineMs: 250,
  http: {
    method: 'POST',
    path: () => '/feed',
    body: (r) => `{"reader":${r.reader},"candidates":[${r.candidates.join(',')}]}`,
    contentType: 'application/json',
  },
  parseBody(body): Validation<unknown> {
    try {
      return { ok: true, value: JSON.parse(body), dropped: 0 };
    } catch {
      return { ok: false, error: `answer is not JSON: ${JSON.stringify(body.slice(0, 60))}` };
    }
  },
  validate(raw, request): Validation<number[]> {
    if (!Array.isArray(raw)) return { ok: false, error: 'answer is not a JSON array of article ids' };
    const candidates = new Set(request.candidates);
    const ranked: number[] = [];
    for (const id of raw) {
      if (!Number.isInteger(id)) return { ok: false, error: `answer holds ${JSON.stringify(id)} where an article id belongs` };
      if (candidates.has(id) && !ranked.includes(id)) ranked.push(id);
    }
    return { ok: true, value: ranked, dropped: raw.length - ranked.length };
  },
};

/** What the reader sees: the service's ranking, then the candidates it left out, cut to `size`. */
export function presentFeed(candidates: readonly number[], ranked: readonly number[] | undefined, size: number): number[] {
  const shown = (ranked ?? []).slice(0, size);
  for (let i = 0; i < candidates.length && shown.length < size; i++) if (!shown.includes(candidates[i])) shown.push(candidates[i]);
  return shown;
}
