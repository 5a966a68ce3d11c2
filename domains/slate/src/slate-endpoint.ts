import type { PredictionEndpoint, Validation } from '@prodsim/core';

export interface SlateRequest {
  user: number;
  /** The step the visit belongs to: a model may retrain between steps, as T-RECS does. */
  step: number;
  /** Items wanted. */
  k: number;
}

/** Item ids, best first; at most `k`, no duplicates, all in the catalogue. */
export type Slate = readonly number[];

/**
 * The `slate` endpoint: `GET /slate/{user}?k=10&step=3` answered by a JSON array of item ids.
 * Validation keeps the answer's order, drops unknown ids, duplicates and anything past k, and
 * counts what it dropped; an answer that is not a list is malformed.
 */
export function slateEndpoint(items: number, defaultDeadlineMs = 50): PredictionEndpoint<SlateRequest, Slate> {
  // Duplicate detection without a per-answer Set: mark seen ids with a stamp that changes per answer.
  const seen = new Uint32Array(items);
  let stamp = 0;
  return {
    name: 'slate',
    description: 'up to k item ids for a user, best first',
    defaultDeadlineMs,
    http: { method: 'GET', path: (r) => `/slate/${r.user}?k=${r.k}&step=${r.step}` },
    parseBody(body): Validation<unknown> {
      try {
        return { ok: true, value: JSON.parse(body), dropped: 0 };
      } catch {
        return { ok: false, error: `answer is not JSON: ${body.length > 60 ? `${body.slice(0, 57)}...` : body}` };
      }
    },
    validate(raw, request): Validation<Slate> {
      if (!Array.isArray(raw)) return { ok: false, error: 'answer is not a list of item ids' };
      stamp = stamp === 0xffffffff ? 1 : stamp + 1;
      if (stamp === 1) seen.fill(0);
      const k = request.k;
      let clean = raw.length <= k;
      for (let i = 0; clean && i < raw.length; i++) {
        const id = raw[i];
        if (!(Number.isInteger(id) && id >= 0 && id < items) || seen[id] === stamp) clean = false;
        else seen[id] = stamp;
      }
      // The common case (a well-formed answer) is passed on as it is, without a copy.
      if (clean) return { ok: true, value: raw as number[], dropped: 0 };
      stamp = stamp === 0xffffffff ? 1 : stamp + 1;
      if (stamp === 1) seen.fill(0);
      const kept: number[] = [];
      for (let i = 0; i < raw.length && kept.length < k; i++) {
        const id = raw[i];
        if (Number.isInteger(id) && id >= 0 && id < items && seen[id] !== stamp) {
          seen[id] = stamp;
          kept.push(id);
        }
      }
      return { ok: true, value: kept, dropped: raw.length - kept.length };
    },
  };
}
