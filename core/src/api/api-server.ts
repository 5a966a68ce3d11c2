import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { AddressInfo } from 'node:net';
import { TeamLog } from '../course/log/team-log.js';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { mountDashboard, type TimelineStep } from './staff-dashboard.js';
import { CORE_VERSION } from '../version.js';
import { ApiAccess, DOCS_COOKIE } from './api-access.js';
import { ApiError, ApiErrorCodes, errorBody } from './api-errors.js';
import { ApiFaults } from './api-faults.js';
import { checkWorlds } from './api-options.js';
import type { ApiWorld } from './api-world.js';
import { MAX_BULK_IDS } from './id-list.js';
import { mergePrometheus } from './prometheus-merge.js';
import { addressKey, RateLimiter } from './rate-limiter.js';
import { RequestMetrics } from './request-metrics.js';
import { mountStreams } from './stream-route.js';
import { mountWorlds } from './world-routes.js';

export const DEFAULT_API_PORT = 8080;

export interface RateLimitOptions {
  /** Requests one client may make per window (default 100). */
  max: number;
  /** Window length, ms (default 1000). */
  windowMs: number;
}

export interface ApiServerOptions {
  worlds: readonly ApiWorld[];
  /** Default 127.0.0.1; `0.0.0.0` to serve other hosts (e.g. team VMs). */
  host?: string;
  /** Default 8080 (the course's); 0 picks a free port. */
  port?: number;
  /**
   * Per client (the staff token or a team's token if it sends a valid one, else its IP address),
   * on every route: /healthz, /metrics and /docs too. `false` turns limiting off.
   */
  rateLimit?: RateLimitOptions | false;
  maxBulkIds?: number;
  /**
   * Course staff's token (`api.staffToken`): `/metrics` and the live dashboard under /staff need
   * it (the dashboard is there only with it), `/docs` it or a team's token (ApiAccess).
   */
  staffToken?: string;
  /** The scenario timeline at simulated times, for the staff dashboard. */
  timeline?: readonly TimelineStep[];
  /** Where server-side faults (a domain route that throws) are reported. */
  log?: (message: string) => void;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * The public HTTP API of one or more worlds (fastify): entity lookups and domain routes, built
 * from what the worlds declare; `/healthz`; Prometheus `/metrics`; the OpenAPI description at
 * `/openapi.json` and its docs page at `/docs` (served from the package: works offline). Bad
 * input always gets a JSON 4xx, never a 500 and never a crash.
 */
export class ApiServer {
  readonly app: FastifyInstance;
  /** Slowdowns and outages that scenario steps switch on. */
  readonly faults = new ApiFaults();
  private readonly requests: RequestMetrics;
  private readonly serverMetrics = new MetricsRegistry();
  private address: string | undefined;
  /** Stops the staff dashboard's listening to the worlds' streams. */
  private readonly unlisten: (() => void)[] = [];

  private constructor(private readonly options: ApiServerOptions) {
    this.app = Fastify({
      logger: false,
      // Bulk lookups put up to 200 ids (movie slugs of up to ~100 characters) in one path segment.
      routerOptions: { maxParamLength: 64 * 1024, ignoreTrailingSlash: true },
      forceCloseConnections: true,
      return503OnClosing: true,
    });
    this.requests = new RequestMetrics(this.serverMetrics);
  }

  /** Builds the server (routes, docs, limits) without listening; `app.inject` works from here on. */
  static async create(options: ApiServerOptions): Promise<ApiServer> {
    checkWorlds(options.worlds);
    const server = new ApiServer(options);
    await server.build();
    return server;
  }

  /** The address it listens on, e.g. `http://127.0.0.1:8080`; undefined before `listen`. */
  get url(): string | undefined {
    return this.address;
  }

  async listen(): Promise<string> {
    const host = this.options.host ?? '127.0.0.1';
    const port = this.options.port ?? DEFAULT_API_PORT;
    try {
      await this.app.listen({ host, port });
    } catch (cause) {
      const code = (cause as { code?: string }).code;
      const why = code === 'EADDRINUSE' ? 'the port is in use' : code === 'EACCES' ? 'permission denied' : String((cause as Error).message);
      throw new ApiError(ApiErrorCodes.LISTEN, `the entity API cannot listen on ${host}:${port}: ${why}`, { cause });
    }
    const bound = this.app.server.address() as AddressInfo;
    this.address = `http://${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`;
    return this.address;
  }

  async close(): Promise<void> {
    for (const stop of this.unlisten.splice(0)) stop();
    // Stream clients are told the run is over (and get what is left) before connections close.
    for (const world of this.options.worlds) world.stream?.end();
    await new Promise((resolve) => setImmediate(resolve));
    await this.app.close();
    this.address = undefined;
  }

  private async build(): Promise<void> {
    const { app, options } = this;
    const log = options.log ?? (() => {});
    app.setErrorHandler((error: { statusCode?: number; message?: string }, request, reply) => {
      const status = Number.isInteger(error?.statusCode) && error.statusCode! >= 400 && error.statusCode! <= 599 ? error.statusCode! : 500;
      if (status >= 500) log(`entity API: ${request.method} ${request.url.slice(0, 200)} failed: ${error?.message ?? error}`);
      // A 500's cause stays in the log: its text could carry what a world keeps hidden.
      const message = status >= 500 ? 'internal error' : String(error?.message ?? 'bad request');
      return reply.code(status).type(JSON_TYPE).send(errorBody(status, message));
    });
    app.setNotFoundHandler((request, reply) =>
      reply
        .code(404)
        .type(JSON_TYPE)
        .send(errorBody(404, `no route for ${request.method} ${request.url.split('?')[0].slice(0, 200)}`)),
    );
    const access = new ApiAccess(options.worlds, options.staffToken);
    // Every route, operational ones included: an unthrottled /metrics scraped in a loop slowed every team's world.
    const limit = options.rateLimit === undefined ? { max: 100, windowMs: 1000 } : options.rateLimit;
    if (limit) new RateLimiter({ max: limit.max, windowMs: limit.windowMs, clientOf: this.clientOf() }).install(app);
    this.faults.install(app);
    app.addHook('onResponse', (request, reply, done) => {
      this.requests.observe(request.routeOptions.url, reply.statusCode, reply.elapsedTime);
      done();
    });

    const secured = options.worlds.some((w) => w.token !== undefined);
    await app.register(swagger, {
      openapi: {
        openapi: '3.0.3',
        info: {
          title: 'prodsim entity API',
          version: CORE_VERSION,
          description:
            'The public, read-only view of a simulated world: its entities and the routes its domain declares. The hidden ground truth is not reachable here.',
        },
        tags: [
          { name: 'entities', description: 'entity lookups and domain routes of the world' },
          { name: 'teams', description: "course mode: each team's world under /{team}/" },
          { name: 'operations', description: 'health and metrics' },
        ],
        ...(secured ? { components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } } : {}),
      },
    });
    const refuse = (reply: FastifyReply, what: 'operations' | 'docs') =>
      reply
        .code(401)
        .type(JSON_TYPE)
        .send(errorBody(401, access.refusal(what)));
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      uiConfig: { validatorUrl: null, deepLinking: true },
      uiHooks: {
        onRequest(request, reply, done) {
          if (!access.mayReadDocs(request)) return void refuse(reply, 'docs');
          // The page's own requests (script, styles, the spec) cannot send a header: a token given
          // as ?token= goes into a cookie, and out of the address bar (and the browser's history).
          const query = request.query as { token?: unknown };
          if (typeof query.token !== 'string') return done();
          const path = request.url.split('?')[0];
          reply
            .header('set-cookie', `${DOCS_COOKIE}=${encodeURIComponent(query.token)}; Path=/docs; HttpOnly; SameSite=Strict`)
            .redirect(path === '/docs' ? '/docs/' : path);
        },
      },
    });

    app.get('/openapi.json', { schema: { hide: true } }, (request, reply) => (access.mayReadDocs(request) ? app.swagger() : refuse(reply, 'docs')));
    app.get('/healthz', { schema: { tags: ['operations'], summary: 'liveness: 200 while the server runs' } }, (_request, reply) =>
      reply.type(JSON_TYPE).send(JSON.stringify({ status: 'ok', worlds: options.worlds.length })),
    );
    app.get(
      '/metrics',
      { schema: { tags: ['operations'], summary: 'Prometheus metrics: events by kind, prediction outcomes and latency, scheduler lag, API requests' } },
      (request, reply) => {
        // Every team's outcomes, and figures computed with the hidden truth (headroom): staff only.
        if (!access.mayReadOperations(request)) return refuse(reply, 'operations');
        return reply.type('text/plain; version=0.0.4; charset=utf-8').send(this.prometheus());
      },
    );

    // Course staff's live dashboard: each world's stream read as staff read it (only with a staff token: it parses every line).
    if (options.staffToken !== undefined) {
      const teams = options.worlds.flatMap((w) => {
        if (!w.listen || !w.now) return [];
        const log = new TeamLog(w.team ?? 'world');
        this.unlisten.push(w.listen((value) => log.addText(value)));
        return [{ team: log.team, log, now: w.now }];
      });
      mountDashboard(app, { teams, timeline: options.timeline ?? [], access });
    }

    try {
      mountWorlds(app, options.worlds, options.maxBulkIds ?? MAX_BULK_IDS);
      mountStreams(app, options.worlds);
    } catch (cause) {
      throw new ApiError(ApiErrorCodes.ROUTE, `cannot mount the worlds' routes: ${(cause as Error).message}`, { cause });
    }
    await app.ready();
  }

  /**
   * The client a request counts against: the staff or a team (by a valid token, from any
   * address), else its address. Any other header must not buy a fresh quota.
   */
  private clientOf(): (request: FastifyRequest) => string {
    const clients = new Map(this.options.worlds.filter((w) => w.token !== undefined).map((w) => [`Bearer ${w.token}`, `team:${w.team ?? ''}`]));
    if (this.options.staffToken !== undefined) clients.set(`Bearer ${this.options.staffToken}`, 'staff');
    if (clients.size === 0) return (request) => addressKey(request.ip);
    // A map lookup, not a comparison per team: this runs on every request of a course of hundreds of teams.
    return (request) => clients.get(request.headers.authorization ?? '') ?? addressKey(request.ip);
  }

  /** Every world's registry (team worlds labelled with their team) and the server's own. */
  prometheus(): string {
    const parts: { text: string; labels?: Record<string, string> }[] = [{ text: this.serverMetrics.toPrometheus() }];
    for (const world of this.options.worlds) {
      world.collect?.();
      parts.push({ text: world.metrics.toPrometheus(), labels: world.team !== undefined ? { team: world.team } : undefined });
    }
    return mergePrometheus(parts);
  }
}
