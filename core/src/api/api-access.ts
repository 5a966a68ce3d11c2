import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ApiWorld } from './api-world.js';

/** The cookie `/docs?token=` sets, so that the docs page's own requests (script, styles, the spec) carry the token. */
export const DOCS_COOKIE = 'prodsim_token';

/** Whether `given` is `expected`, in time that does not depend on where they differ. */
export function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  if (a.length !== b.length) {
    // Compared against itself, so that the time spent does not tell the length either.
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}

/** The token a request shows: `Authorization: Bearer <token>`, else `?token=` (a browser's EventSource or link), else the docs cookie. */
export function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) return header.startsWith('Bearer ') ? header.slice(7) : undefined;
  const query = (request.query ?? {}) as { token?: unknown };
  if (typeof query.token === 'string') return query.token;
  const cookie = request.headers.cookie;
  if (cookie === undefined) return undefined;
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === DOCS_COOKIE) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

/**
 * Who may read the server's operational pages. Course mode (some world behind a team token) and
 * any server with a staff token (`api.staffToken`) are closed: `/metrics` and `/staff` need the
 * staff token, `/docs` and `/openapi.json` the staff token or a team's (teams need the API's
 * description, never the other teams' figures). A single world without a staff token is its
 * operator's own run (on localhost by default): everything is open, as Prometheus exporters are.
 * In course mode without a staff token nobody reads `/metrics`: it would show every team's
 * outcomes to every team.
 */
export class ApiAccess {
  /** Some world is behind a team token. */
  readonly course: boolean;
  private readonly teamTokens: readonly string[];

  constructor(
    worlds: readonly ApiWorld[],
    private readonly staffToken: string | undefined,
  ) {
    this.teamTokens = worlds.flatMap((w) => (w.token === undefined ? [] : [w.token]));
    this.course = this.teamTokens.length > 0;
  }

  /** Nothing is open to anonymous readers: a staff token is configured, or it is a course. */
  get closed(): boolean {
    return this.staffToken !== undefined || this.course;
  }

  /** `/metrics` and the staff dashboard: figures of every team (and, for staff, the headroom). */
  mayReadOperations(request: FastifyRequest): boolean {
    if (this.staffToken !== undefined) return sameToken(tokenOf(request), this.staffToken);
    return !this.course;
  }

  /** `/docs` and `/openapi.json`: staff, or any team (the description holds no figures). */
  mayReadDocs(request: FastifyRequest): boolean {
    if (this.mayReadOperations(request)) return true;
    const token = tokenOf(request);
    // Every token is compared, so the time taken does not say which team's it matched.
    return this.teamTokens.reduce((found, t) => sameToken(token, t) || found, false);
  }

  /** What a refusal says: the token it needs, and in course mode without a staff token, how to get one. */
  refusal(what: 'operations' | 'docs'): string {
    if (this.staffToken === undefined && what === 'operations')
      return 'course mode: nobody may read this without a staff token; set api.staffToken (prodsim course init writes one)';
    const tokens = what === 'operations' ? 'the staff token' : 'the staff token or a team token';
    return `this needs ${tokens}: "Authorization: Bearer <token>" or ?token=<token>`;
  }
}
