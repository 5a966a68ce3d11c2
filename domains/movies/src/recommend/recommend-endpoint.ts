import type { PredictionEndpoint, Validation } from '@prodsim/core';

export interface RecommendRequest {
  userId: string;
}

export interface RecommendResult {
  /** The ids as the service answered them (the first 20), for the stream's log line. */
  ids: string[];
  /** Catalogue indices of the known movies among them, best first. */
  movies: number[];
}

export const MAX_RECOMMENDATIONS = 20;
const TOKEN = /^[A-Za-z0-9_+.\-%']{1,300}$/;

/**
 * `recommend`: GET /recommend/<userid>, answered with a plain-text, comma-separated list of up to
 * 20 movie ids, best first. Extra ids and unknown ids are dropped and counted; anything that is
 * not such a list (JSON, HTML, prose) is a malformed answer.
 */
export function createRecommendEndpoint(lookup: (movieId: string) => number, deadlineMs = 800): PredictionEndpoint<RecommendRequest, RecommendResult> {
  return {
    name: 'recommend',
    description: 'up to 20 movie ids for a user, best first, as comma-separated plain text',
    // 800 ms in the course until 2025, 600 ms from Fall 2025 (the contract's profile).
    defaultDeadlineMs: deadlineMs,
    http: { method: 'GET', path: (r) => `/recommend/${r.userId}` },
    parseBody(body: string): Validation<unknown> {
      const text = body.trim();
      if (text === '') return { ok: true, value: [], dropped: 0 };
      if (/^[[{<"]/.test(text))
        return {
          ok: false,
          error: `answer is not a comma-separated list of movie ids (starts with ${JSON.stringify(text[0])}; plain text expected, not JSON or HTML)`,
        };
      if (/[\r\n]/.test(text)) return { ok: false, error: 'answer spans several lines; expected one line of comma-separated movie ids' };
      return { ok: true, value: text.split(','), dropped: 0 };
    },
    validate(raw: unknown): Validation<RecommendResult> {
      let tokens: unknown[];
      if (typeof raw === 'string') {
        const parsed = this.parseBody(raw);
        if (!parsed.ok) return parsed;
        tokens = parsed.value as unknown[];
      } else if (Array.isArray(raw)) {
        tokens = raw;
      } else {
        return { ok: false, error: `answer is not a list of movie ids (got ${raw === null ? 'null' : typeof raw})` };
      }
      const ids: string[] = [];
      const movies: number[] = [];
      let extra = 0;
      for (const token of tokens) {
        if (typeof token !== 'string') return { ok: false, error: `answer holds a ${token === null ? 'null' : typeof token} where a movie id belongs` };
        const id = token.trim();
        if (id === '') continue;
        // A catalogue id is a token (movie slugs use a subset of its characters), so the pattern
        // is tried only on ids the catalogue does not know: one regular expression less per id
        // on the hot path of in-process baselines, whose ids are all known.
        const m = ids.length < MAX_RECOMMENDATIONS ? lookup(id) : -1;
        if (m < 0 && !TOKEN.test(id))
          return { ok: false, error: `answer is not a list of movie ids: ${JSON.stringify(id.length > 40 ? `${id.slice(0, 37)}...` : id)} is not an id` };
        if (ids.length < MAX_RECOMMENDATIONS) {
          ids.push(id);
          if (m >= 0) movies.push(m);
        } else extra++;
      }
      return { ok: true, value: { ids, movies }, dropped: extra + ids.length - movies.length };
    },
  };
}
