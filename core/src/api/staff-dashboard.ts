import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HOUR_MS, type TeamLog, type Failure, type WindowFigures } from '../course/log/team-log.js';
import type { ApiAccess } from './api-access.js';
import { errorBody } from './api-errors.js';
import { dashboardPage, teamPage } from './staff-pages.js';

/** One team as the dashboard follows it: its stream (read as course staff read it) and its simulated clock. */
export interface DashboardTeam {
  team: string;
  log: TeamLog;
  now: () => number;
}

/** A step of the scenario timeline, at its simulated time. */
export interface TimelineStep {
  time: number;
  label: string;
}

export interface DashboardOptions {
  teams: readonly DashboardTeam[];
  timeline: readonly TimelineStep[];
  /** Who may read it (the staff token, as for /metrics). */
  access: ApiAccess;
  /** How often the live page gets new figures, wall ms (default 1000). */
  intervalMs?: number;
}

export type TeamState = 'down' | 'degraded' | 'ok' | 'idle';

export interface TeamSnapshot {
  team: string;
  now: string;
  state: TeamState;
  hour: WindowFigures;
  day: WindowFigures;
  threeDays: WindowFigures;
  failures: Failure[];
}

export interface DashboardSnapshot {
  teams: TeamSnapshot[];
  timeline: { time: string; label: string; done: boolean }[];
}

/** Below these shares of status-200 answers in the last hour a team is down, or degraded. */
const DOWN_BELOW = 0.5;
const DEGRADED_BELOW = 0.95;

/** The figures the page shows: per team the last hour, day and 3 days of its own simulated time. */
export function dashboardSnapshot(o: Pick<DashboardOptions, 'teams' | 'timeline'>): DashboardSnapshot {
  const teams = o.teams.map(({ team, log, now }) => {
    const t = now();
    // Whole hours up to the one in progress. "The last hour" is the last full hour and the one in
    // progress: the one in progress alone would show a minute of data just after the hour turns.
    const to = (Math.floor(t / HOUR_MS) + 1) * HOUR_MS;
    const hour = log.window(to - 2 * HOUR_MS, to);
    const state: TeamState = hour.requests === 0 ? 'idle' : hour.availability < DOWN_BELOW ? 'down' : hour.availability < DEGRADED_BELOW ? 'degraded' : 'ok';
    return {
      team,
      now: new Date(t).toISOString(),
      state,
      hour,
      day: log.window(to - 24 * HOUR_MS, to),
      threeDays: log.window(to - 72 * HOUR_MS, to),
      failures: log.failures.slice(-5).reverse(),
    };
  });
  const now = Math.max(...o.teams.map((t) => t.now()));
  return { teams, timeline: o.timeline.map((s) => ({ time: new Date(s.time).toISOString(), label: s.label, done: s.time <= now })) };
}

/**
 * Course staff's live dashboard on the API server: `/staff` (every team), `/staff/team/<team>`
 * (one team's history), `/staff/events` (server-sent events: a snapshot every second) and
 * `/staff/team/<team>/history` (JSON). Behind the staff token, as a header or as `?token=` (an
 * EventSource cannot send headers). It reads only the teams' streams, never the hidden truth.
 */
export function mountDashboard(app: FastifyInstance, o: DashboardOptions): void {
  const allowed = (request: FastifyRequest) => o.access.mayReadOperations(request);
  const refuse = (reply: FastifyReply) =>
    reply
      .code(401)
      .type('application/json; charset=utf-8')
      .send(errorBody(401, 'the staff dashboard needs "Authorization: Bearer <staff token>" or ?token=<staff token>'));
  const tokenOf = (request: FastifyRequest) => ((request.query ?? {}) as { token?: string }).token;
  const byName = new Map(o.teams.map((t) => [t.team, t]));
  const hide = { schema: { hide: true } };

  app.get('/staff', hide, (request, reply) => {
    if (!allowed(request)) return refuse(reply);
    return reply.type('text/html; charset=utf-8').send(dashboardPage(dashboardSnapshot(o), tokenOf(request)));
  });
  app.get('/staff/team/:team', hide, (request, reply) => {
    if (!allowed(request)) return refuse(reply);
    const team = byName.get((request.params as { team: string }).team);
    if (!team) return reply.code(404).type('application/json; charset=utf-8').send(errorBody(404, 'no such team'));
    return reply.type('text/html; charset=utf-8').send(teamPage(team.team, team.log.hourly(), team.log.failures.slice(-20).reverse(), tokenOf(request)));
  });
  app.get('/staff/team/:team/history', hide, (request, reply) => {
    if (!allowed(request)) return refuse(reply);
    const team = byName.get((request.params as { team: string }).team);
    if (!team) return reply.code(404).type('application/json; charset=utf-8').send(errorBody(404, 'no such team'));
    return reply.type('application/json; charset=utf-8').send(JSON.stringify({ hourly: team.log.hourly(), failures: team.log.failures.slice(-20).reverse() }));
  });
  app.get('/staff/events', hide, (request, reply) => {
    if (!allowed(request)) return refuse(reply);
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = () => out.write(`data: ${JSON.stringify(dashboardSnapshot(o))}\n\n`);
    send();
    const timer = setInterval(send, o.intervalMs ?? 1000);
    out.on('close', () => clearInterval(timer));
  });
}
