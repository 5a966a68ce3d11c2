import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteDeclaration } from '../world/route.js';
import { errorBody, ERROR_SCHEMA } from './api-errors.js';
import type { ApiWorld } from './api-world.js';
import { EntityLookup, type JsonAnswer } from './entity-lookup.js';
import { MAX_BULK_IDS } from './id-list.js';

const JSON_TYPE = 'application/json; charset=utf-8';

/** Finds the world a request is for (and checks its token), or the error answer to send instead. */
type Resolve = (request: FastifyRequest) => ApiWorld | JsonAnswer;

interface Mounted {
  lookups: Map<string, EntityLookup>;
  routes: Map<string, RouteDeclaration>;
}

/**
 * Mounts the worlds' public faces: `GET /<collection>/:ids` for every entity collection and every
 * route a domain declares. A world without a team is served at the root; team worlds share one
 * set of routes under `/:team/`, so a course with 200 teams has one documented route per
 * collection rather than 200.
 */
export function mountWorlds(api: FastifyInstance, worlds: readonly ApiWorld[], maxBulkIds = MAX_BULK_IDS): void {
  const mounted = new Map<ApiWorld, Mounted>();
  for (const world of worlds) {
    mounted.set(world, {
      lookups: new Map(world.catalog.list().map((c) => [c.name, new EntityLookup(c, maxBulkIds)])),
      routes: new Map(world.routes.map((r) => [r.path, r])),
    });
  }
  const root = worlds.find((w) => w.team === undefined);
  if (root) {
    const gate = tokenGate(root);
    mountGroup(api, '', [root], (request) => gate(request.headers.authorization), mounted, maxBulkIds);
  }
  const teams = worlds.filter((w) => w.team !== undefined);
  if (teams.length > 0) {
    const world = teamWorlds(teams);
    mountGroup(api, '/:team', teams, (request) => world((request.params as { team: string }).team, request.headers.authorization), mounted, maxBulkIds);
  }
}

/**
 * Finds a team's world and checks the token. Behind team tokens, a team that does not exist
 * gets the very answer a known team gives a wrong token (and the same work: a token compared),
 * so that nobody without a token can list the teams; without tokens, a plain 404.
 */
export function teamWorlds(teams: readonly ApiWorld[]): (team: string, authorization: string | undefined) => ApiWorld | JsonAnswer {
  const byTeam = new Map(teams.map((w) => [w.team!, tokenGate(w)]));
  const secured = teams.some((w) => w.token !== undefined);
  // Stands in for an unknown team: no token can open it (a random one, never sent to anyone).
  const nobody = secured ? tokenGate({ ...teams[0], token: randomBytes(24).toString('base64url') }) : undefined;
  return (team, authorization) => {
    const gate = byTeam.get(team) ?? nobody;
    if (gate) return gate(authorization);
    return { status: 404, body: errorBody(404, `no team ${JSON.stringify(team)}`) };
  };
}

function mountGroup(api: FastifyInstance, prefix: string, worlds: ApiWorld[], resolve: Resolve, mounted: Map<ApiWorld, Mounted>, maxBulkIds: number): void {
  const tag = prefix === '' ? 'entities' : 'teams';
  const secured = worlds.some((w) => w.token !== undefined);
  const teamParam = prefix === '' ? {} : { team: { type: 'string', description: 'the team whose world to read' } };

  const collections = new Map<string, EntityLookup>();
  for (const w of worlds) for (const [name, lookup] of mounted.get(w)!.lookups) if (!collections.has(name)) collections.set(name, lookup);
  for (const [name, sample] of collections) {
    // Each world's lookup for this collection, found with one map lookup per request.
    const lookups = new Map(
      worlds.flatMap((w) => {
        const lookup = mounted.get(w)!.lookups.get(name);
        return lookup ? [[w, lookup] as const] : [];
      }),
    );
    const examples = sample.collection.sampleIds(2);
    api.get(`${prefix}/${name}/:ids`, {
      schema: {
        tags: [tag],
        summary: `One ${name}, or up to ${maxBulkIds} by comma-separated ids`,
        description:
          `One id (e.g. \`${examples[0] ?? 'id'}\`): the ${name} as a JSON object; 404 if unknown. ` +
          `Several comma-separated ids (e.g. \`${examples.join(',') || 'a,b'}\`): a JSON array in the order asked, with null where an id is unknown. ` +
          `An id that does not match \`${sample.collection.idPattern.source}\` is a 400.`,
        params: {
          type: 'object',
          properties: { ...teamParam, ids: { type: 'string', description: `one ${name} id, or up to ${maxBulkIds} separated by commas` } },
          required: prefix === '' ? ['ids'] : ['team', 'ids'],
        },
        ...(secured ? { security: [{ bearer: [] }] } : {}),
        response: {
          200: {
            description: `one id: the ${name} object; several ids: an array of ${name} objects (null for unknown ids)`,
            anyOf: [
              { type: 'object', additionalProperties: true },
              { type: 'array', items: { anyOf: [{ type: 'object', additionalProperties: true }, { type: 'null' }] } },
            ],
          },
          400: ERROR_SCHEMA,
          404: ERROR_SCHEMA,
          429: ERROR_SCHEMA,
        },
      },
      // The params schema documents the route; the ids are checked by EntityLookup (a JSON 400
      // naming the bad id), so a schema validator per request would only repeat that work.
      validatorCompiler: () => () => true,
      handler(request, reply) {
        const world = resolve(request);
        if (isAnswer(world)) return sendJson(reply, world);
        const lookup = lookups.get(world);
        if (!lookup) return sendJson(reply, { status: 404, body: errorBody(404, `team ${JSON.stringify(world.team)} has no ${name} collection`) });
        return sendJson(reply, lookup.answer((request.params as { ids: string }).ids));
      },
    });
  }

  const declared = new Map<string, RouteDeclaration>();
  for (const w of worlds) for (const [path, route] of mounted.get(w)!.routes) if (!declared.has(path)) declared.set(path, route);
  for (const [path, first] of declared) {
    api.get(`${prefix}${path}`, {
      schema: {
        tags: [tag],
        summary: first.description,
        ...(prefix === '' ? {} : { params: { type: 'object', properties: teamParam } }),
        ...(secured ? { security: [{ bearer: [] }] } : {}),
      },
      async handler(request, reply) {
        const world = resolve(request);
        if (isAnswer(world)) return sendJson(reply, world);
        const route = mounted.get(world)!.routes.get(path);
        if (!route) return sendJson(reply, { status: 404, body: errorBody(404, `team ${JSON.stringify(world.team)} has no route ${path}`) });
        const { team: _team, ...params } = request.params as Record<string, string>;
        const response = await route.handler(params, flatQuery(request.query));
        if (!Number.isInteger(response?.status) || response.status < 100 || response.status > 599 || typeof response.contentType !== 'string') {
          throw new Error(`route ${path} answered without a valid status and content type`);
        }
        const body = typeof response.body === 'string' ? response.body : Buffer.from(response.body.buffer, response.body.byteOffset, response.body.byteLength);
        return reply.code(response.status).type(response.contentType).send(body);
      },
    });
  }
}

/**
 * Checks a request's `Authorization` header against a world's token: the world if it may read it
 * (or the world has no token), else the 401 answer. The token's bytes are made once, here, not
 * on every request.
 */
export function tokenGate(world: ApiWorld): (authorization: string | undefined) => ApiWorld | JsonAnswer {
  if (world.token === undefined) return () => world;
  const expected = Buffer.from(world.token);
  return (header) => {
    const given = header?.startsWith('Bearer ') ? Buffer.from(header.slice(7)) : undefined;
    if (given && given.length === expected.length && timingSafeEqual(given, expected)) return world;
    return UNAUTHORIZED;
  };
}

// Never the team's name: an unknown team gets this same answer.
const UNAUTHORIZED: JsonAnswer = Object.freeze({ status: 401, body: errorBody(401, 'this world needs "Authorization: Bearer <token>" with its own token') });

function isAnswer(x: ApiWorld | JsonAnswer): x is JsonAnswer {
  return typeof (x as JsonAnswer).status === 'number';
}

function sendJson(reply: FastifyReply, answer: JsonAnswer): FastifyReply {
  return reply.code(answer.status).type(JSON_TYPE).send(answer.body);
}

function flatQuery(query: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((query as Record<string, unknown>) ?? {})) out[k] = Array.isArray(v) ? String(v[0]) : String(v);
  return out;
}
