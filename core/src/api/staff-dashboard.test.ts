import { afterEach, describe, expect, it } from 'vitest';
import { KNOWN_START, knownLog } from '../course/log/known-logs.js';
import { MetricsRegistry } from '../metrics/metrics-registry.js';
import { PublicCatalog } from '../world/entity-collection.js';
import { TeamLog } from '../course/log/team-log.js';
import { ApiServer } from './api-server.js';
import { dashboardSnapshot } from './staff-dashboard.js';
import type { ApiWorld } from './api-world.js';

const TOKEN = 'staff-s3cret';
const NOW = KNOWN_START + 86_400_000 + 9.5 * 3_600_000;
const servers: ApiServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

/** A team world whose stream the test writes: the lines go to whoever listens. */
function teamWorld(team: string): { world: ApiWorld; emit: (line: string) => void } {
  const listeners: ((v: string) => void)[] = [];
  const world: ApiWorld = {
    team,
    token: `${team}-token`,
    catalog: new PublicCatalog(),
    routes: [],
    metrics: new MetricsRegistry(),
    listen: (l) => {
      listeners.push(l);
      return () => listeners.splice(listeners.indexOf(l), 1);
    },
    now: () => NOW,
  };
  return { world, emit: (line) => listeners.forEach((l) => l(line)) };
}

async function course(staffToken: string | undefined) {
  const good = teamWorld('good');
  const down = teamWorld('down');
  const server = await ApiServer.create({ worlds: [good.world, down.world], port: 0, staffToken, timeline: [{ time: NOW + 3_600_000, label: 'API outage' }] });
  servers.push(server);
  for (const line of knownLog('good')) good.emit(line);
  for (const line of knownLog('flaky')) down.emit(line.replace(/status 200, result: [^,]+(, [^,]+)*, 50 ms$/, 'status 0, result: connection refused, 0 ms'));
  return server;
}

describe('staff dashboard', () => {
  it('is behind the staff token (header or ?token=), and absent without one', async () => {
    const server = await course(TOKEN);
    expect((await server.app.inject({ url: '/staff' })).statusCode).toBe(401);
    expect((await server.app.inject({ url: '/staff', headers: { authorization: 'Bearer good-token' } })).statusCode).toBe(401);
    expect((await server.app.inject({ url: `/staff?token=${TOKEN}` })).statusCode).toBe(200);
    expect((await server.app.inject({ url: '/staff', headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(200);
    const open = await course(undefined);
    expect((await open.app.inject({ url: '/staff' })).statusCode).toBe(404);
  });

  it('shows each team from its stream: a team that answers nothing is down, with its failure text; the timeline says what is coming', async () => {
    const server = await course(TOKEN);
    const page = (await server.app.inject({ url: `/staff?token=${TOKEN}` })).body;
    expect(page).toMatch(/<tr data-team="good" data-state="ok">/);
    expect(page).toMatch(/<tr data-team="down" data-state="down">/);
    expect(page).toContain('TimeoutException');
    expect(page).toContain('API outage (coming)');
    const history = JSON.parse((await server.app.inject({ url: `/staff/team/good/history?token=${TOKEN}` })).body);
    expect(history.hourly.map((h: { requests: number }) => h.requests)).toEqual([100, 100]);
    expect((await server.app.inject({ url: `/staff/team/nobody?token=${TOKEN}` })).statusCode).toBe(404);
    expect((await server.app.inject({ url: `/staff/team/down?token=${TOKEN}` })).body).toContain('<h1>down</h1>');
  });

  it('"the last hour" is the last full hour and the one in progress, so a turn of the hour does not empty it', () => {
    const log = new TeamLog('good');
    for (const line of knownLog('good')) log.addText(line);
    // The second day's requests come from 09:00:10 to 09:16:40.
    const at = (hours: number) =>
      dashboardSnapshot({ teams: [{ team: 'good', log, now: () => KNOWN_START + 86_400_000 + hours * 3_600_000 }], timeline: [] }).teams[0];
    expect([at(9.5).hour.requests, at(9.5).state]).toEqual([100, 'ok']);
    expect([at(10.01).hour.requests, at(10.01).state]).toEqual([100, 'ok']);
    expect([at(11.01).hour.requests, at(11.01).state]).toEqual([0, 'idle']);
    expect(at(11.01).day.requests).toBe(100);
  });

  it('sends live snapshots as server-sent events', async () => {
    const server = await course(TOKEN);
    const url = await server.listen();
    const response = await fetch(`${url}/staff/events?token=${TOKEN}`);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('\n\n')) text += new TextDecoder().decode((await reader.read()).value);
    await reader.cancel();
    const snapshot = JSON.parse(text.slice(text.indexOf('data: ') + 6, text.indexOf('\n\n')));
    expect(snapshot.teams.map((t: { team: string; state: string }) => [t.team, t.state])).toEqual([
      ['good', 'ok'],
      ['down', 'down'],
    ]);
    expect(snapshot.teams[0].day.ok).toBe(100);
  });
});
