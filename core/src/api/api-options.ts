import { ApiError, ApiErrorCodes } from './api-errors.js';
import type { ApiWorld } from './api-world.js';

/** Paths the server itself serves at the root: no team or root collection may take them. */
export const RESERVED_NAMES = ['docs', 'metrics', 'healthz', 'openapi.json'];

const TEAM = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const COLLECTION = /^[a-z][a-z0-9_-]*$/;

/**
 * Checks that the worlds can share one server before any route exists: at most one world at the
 * root, unique team names, and no name that would shadow another route (fastify would otherwise
 * serve one of them silently, since static path segments win over `/:team`).
 */
export function checkWorlds(worlds: readonly ApiWorld[]): void {
  const roots = worlds.filter((w) => w.team === undefined);
  if (roots.length > 1)
    throw new ApiError(
      ApiErrorCodes.CONFIG_INVALID,
      `invalid configuration: ${roots.length} worlds without a team; allowed: at most one world at the root, every other with a team name`,
    );
  const taken = new Set(RESERVED_NAMES);
  for (const world of worlds) {
    for (const c of world.catalog.list()) {
      if (!COLLECTION.test(c.name))
        throw new ApiError(ApiErrorCodes.ROUTE, `entity collection name ${JSON.stringify(c.name)} cannot be a path segment; allowed: ${COLLECTION.source}`);
      if (world.team === undefined && RESERVED_NAMES.includes(c.name))
        throw new ApiError(ApiErrorCodes.ROUTE, `entity collection name "${c.name}" is reserved by the API server (${RESERVED_NAMES.join(', ')})`);
    }
    for (const r of world.routes) {
      if (r.method !== 'GET' || !r.path.startsWith('/'))
        throw new ApiError(ApiErrorCodes.ROUTE, `route ${r.method} ${JSON.stringify(r.path)}: only GET routes with a path starting with / can be declared`);
    }
  }
  for (const root of roots) {
    for (const c of root.catalog.list()) taken.add(c.name);
    for (const r of root.routes) taken.add(r.path.split('/')[1]);
  }
  const teams = new Set<string>();
  for (const world of worlds) {
    if (world.team === undefined) continue;
    const team = world.team;
    if (!TEAM.test(team)) throw new ApiError(ApiErrorCodes.CONFIG_INVALID, `invalid configuration: team = ${JSON.stringify(team)}; allowed: ${TEAM.source}`);
    if (teams.has(team)) throw new ApiError(ApiErrorCodes.CONFIG_INVALID, `invalid configuration: team "${team}" is mounted twice; allowed: unique team names`);
    if (taken.has(team)) throw new ApiError(ApiErrorCodes.ROUTE, `team name "${team}" would be shadowed by the root path /${team}; choose another team name`);
    teams.add(team);
  }
}
