/**
 * A prediction endpoint a domain calls (e.g. movies' `recommend`). The domain owns its request
 * shape, its HTTP mapping and the validation of answers; core owns deadlines and outcomes.
 */
export type Validation<T> = { ok: true; value: T; dropped: number } | { ok: false; error: string };

export interface PredictionEndpoint<Req, Res> {
  name: string;
  description: string;
  defaultDeadlineMs: number;
  http: {
    method: 'GET' | 'POST';
    /** Path and query after the service's base URL, e.g. `/recommend/42`. */
    path(request: Req): string;
    /** JSON or text body for POST. */
    body?(request: Req): string;
    contentType?: string;
  };
  /** Turns a response body into the raw answer (HTTP predictors only). */
  parseBody(body: string): Validation<unknown>;
  /** Checks a raw answer (from HTTP or an in-process function) against the world. */
  validate(raw: unknown, request: Req): Validation<Res>;
}
