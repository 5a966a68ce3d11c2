import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type ApiServer,
  Clock,
  EventSink,
  HttpPredictor,
  MetricsRegistry,
  PredictionGateway,
  Scheduler,
  type EventOutput,
  type PredictionEndpoint,
} from '@prodsim/core';
import { Pool } from 'undici';
import { machine, table } from '../report.js';
import type { StartServer } from './api-server-process.js';
import { bareFastify, courseApi, movieCatalog, prodsimApi, type Server } from './api-servers.js';

/**
 * bench/predictor: prediction requests per second against a trivial service in another process,
 * raw undici (a Pool with 64 requests in flight) beside the HTTP predictor driven through the
 * PredictionGateway and a fast-forward scheduler (deadline accounting, outcome metrics and the
 * contract's recommendation line for every request); then the entity API's `/movie/:id`
 * throughput with a load generator in another process, beside a bare fastify route: first in
 * interleaved rounds (one server at a time, in this process), then loaded at the same time as a
 * bare fastify route, each server in a process of its own (`--only simultaneous`: that part
 * alone). On a machine shared with other work the simultaneous ratios are the steady ones.
 *
 *   npx tsc -b && node bench/dist/predictor/predictor-bench.js [--requests N] [--rounds N] [--api-seconds S] [--only predictor|api|simultaneous]
 *     [--compare-core DIR]
 *
 * `--compare-core DIR` adds, in the same run, the entity API of another build of @prodsim/core
 * (DIR holds its dist/index.js: e.g. an older commit's core, built): before and after a change.
 * It may be given several times; with `--course`, each also runs the course-mode variant (50 team
 * worlds behind tokens, the load as one team). An older core, e.g.:
 *
 *   git worktree add --detach /tmp/core-old <commit> && ln -s "$PWD/node_modules" /tmp/core-old/node_modules
 *   (cd /tmp/core-old && npx tsc -b core) && node bench/dist/predictor/predictor-bench.js --only api --compare-core /tmp/core-old/core
 *   git worktree remove --force /tmp/core-old
 */
const IN_FLIGHT = 64;
const DEADLINE_MS = 800;
const START = Date.UTC(2026, 0, 5);

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

function child(file: string): ChildProcess {
  return fork(new URL(file, import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function message<T>(proc: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    proc.once('message', (m) => resolve(m as T));
    proc.once('exit', (code) => reject(new Error(`child exited (${code}) before answering`)));
  });
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

interface Measured {
  rate: number;
  p50: number;
  p99: number;
  cpuUsPerRequest: number;
  failures: number;
}

/** The baseline: undici's documented request API, 64 requests kept in flight, bodies read as text. */
async function rawUndici(origin: string, n: number): Promise<Measured> {
  const pool = new Pool(origin, { connections: IN_FLIGHT, pipelining: 1 });
  const latency = new Float64Array(n);
  let issued = 0;
  let failures = 0;
  const worker = async () => {
    while (issued < n) {
      const i = issued++;
      const t0 = performance.now();
      const res = await pool.request({ path: `/recommend/${i}`, method: 'GET' });
      const text = await res.body.text();
      if (res.statusCode !== 200 || text.length === 0) failures++;
      latency[i] = performance.now() - t0;
    }
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await pool.close();
  latency.sort();
  return { rate: (n * 1000) / wallMs, p50: quantile(latency, 0.5), p99: quantile(latency, 0.99), cpuUsPerRequest: (cpu.user + cpu.system) / n, failures };
}

/** A movie-like `recommend` endpoint: plain text, at most 20 ids kept, unknown ids dropped. */
const KNOWN = new Set(Array.from({ length: 20 }, (_, i) => `movie+${i}+20${String(i).padStart(2, '0')}`));
const recommend: PredictionEndpoint<{ user: number }, string[]> = {
  name: 'recommend',
  description: 'up to 20 movie ids for a user',
  defaultDeadlineMs: DEADLINE_MS,
  http: { method: 'GET', path: (r) => `/recommend/${r.user}` },
  parseBody(body) {
    const ids = body.trim() === '' ? [] : body.trim().split(',');
    for (let i = 0; i < ids.length; i++) ids[i] = ids[i].trim();
    return { ok: true, value: ids, dropped: 0 };
  },
  validate(raw) {
    const ids = raw as string[];
    const kept: string[] = [];
    for (const id of ids) if (kept.length < 20 && KNOWN.has(id)) kept.push(id);
    return { ok: true, value: kept, dropped: ids.length - kept.length };
  },
};

class CountingOutput implements EventOutput {
  lines = 0;
  bytes = 0;
  publish(_topic: string, _key: string | null, value: string): void {
    this.lines++;
    this.bytes += value.length;
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

/**
 * The same requests through prodsim: one scheduler event per request, spaced so that 64 are in
 * flight (deadline / 64 apart in simulated time); each outcome is applied at issue time +
 * deadline, recorded in the metrics and written as the contract's recommendation line.
 */
async function throughGateway(origin: string, n: number): Promise<Measured> {
  const scheduler = new Scheduler(new Clock({ mode: 'virtual', startTime: START }), { initialCapacity: n * 2 });
  const metrics = new MetricsRegistry();
  const gateway = new PredictionGateway(scheduler, metrics);
  const predictor = new HttpPredictor(origin, { connections: IN_FLIGHT });
  gateway.use(predictor);
  const output = new CountingOutput();
  const events = new EventSink([output], scheduler);
  const kind = events.declare('recommendation', 'movielog1');
  const latency = new Float64Array(n);
  let done = 0;
  let failures = 0;
  const session = scheduler.register('bench-session', (_time, user) => {
    gateway.request(recommend, { user }, user, (outcome, time, target) => {
      latency[done++] = outcome.latencyMs;
      if (outcome.kind !== 'ok') failures++;
      const result = outcome.kind === 'ok' ? outcome.value.join(', ') : outcome.error;
      events.emit(
        kind,
        String(user),
        `${new Date(time).toISOString().slice(0, -1)},${user},recommendation request ${target}, status ${outcome.status}, result: ${result}, ${Math.round(outcome.latencyMs)} ms`,
      );
    });
  });
  const spacing = DEADLINE_MS / IN_FLIGHT;
  for (let i = 0; i < n; i++) scheduler.at(START + Math.floor(i * spacing), session, i);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await scheduler.run();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await predictor.close();
  if (result.reason !== 'empty' || done !== n || output.lines !== n)
    throw new Error(`gateway run ended ${result.reason} with ${done}/${n} outcomes, ${output.lines} lines`);
  latency.sort();
  return { rate: (n * 1000) / wallMs, p50: quantile(latency, 0.5), p99: quantile(latency, 0.99), cpuUsPerRequest: (cpu.user + cpu.system) / n, failures };
}

async function predictorSection(): Promise<void> {
  const n = arg('requests', 60_000);
  const rounds = arg('rounds', 3);
  const service = child('./trivial-service.js');
  const { port } = await message<{ port: number }>(service);
  const origin = `http://127.0.0.1:${port}`;
  try {
    await rawUndici(origin, 5000); // warm both sides (JIT, sockets) before measuring
    await throughGateway(origin, 5000);
    const raw: Measured[] = [];
    const ours: Measured[] = [];
    for (let r = 0; r < rounds; r++) {
      raw.push(await rawUndici(origin, n));
      ours.push(await throughGateway(origin, n));
    }
    const rows = raw.map((a, r) => {
      const b = ours[r];
      return [
        `round ${r + 1}`,
        Math.round(a.rate),
        Math.round(b.rate),
        (b.rate / a.rate).toFixed(2),
        `${a.p50.toFixed(2)} / ${a.p99.toFixed(2)}`,
        `${b.p50.toFixed(2)} / ${b.p99.toFixed(2)}`,
        `${a.cpuUsPerRequest.toFixed(1)} / ${b.cpuUsPerRequest.toFixed(1)}`,
        a.failures + b.failures,
      ];
    });
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const rawRate = median(raw.map((m) => m.rate));
    const ourRate = median(ours.map((m) => m.rate));
    rows.push(['median', Math.round(rawRate), Math.round(ourRate), (ourRate / rawRate).toFixed(2), '', '', '', '']);
    console.log(`## prediction requests: ${n.toLocaleString('en-US')} per run, ${IN_FLIGHT} in flight, service in another process`);
    console.log(
      table(['', 'raw undici req/s', 'prodsim req/s', 'ratio', 'raw p50/p99 ms', 'prodsim p50/p99 ms', 'client CPU us/req raw/prodsim', 'failures'], rows),
    );
    console.log(`targets: prodsim >= 15,000 req/s and >= 0.6 of raw undici (here ${(ourRate / rawRate).toFixed(2)})\n`);
  } finally {
    service.kill();
  }
}

interface LoadResult {
  /** CPU time of this process (where the server runs) per request, us: robust to a busy machine. */
  serverCpuUs: number;
  /** The same under pipelined load (pipelined-load.ts): the server saturated, its own cost per request. */
  saturated: { cpuUs: number; rate: number; ok: number; requests: number };
  requests: number;
  errors: number;
  statuses: Record<string, number>;
  wallMs: number;
  p50: number;
  p99: number;
}

async function load(server: Server, paths: string[], seconds: number): Promise<LoadResult> {
  const { url, headers } = server;
  const gen = child('./load-generator.js');
  const answer = message<LoadResult>(gen);
  const cpu0 = process.cpuUsage();
  gen.send({ url, paths, inFlight: IN_FLIGHT, seconds, headers });
  const result = await answer;
  const cpu = process.cpuUsage(cpu0);
  return { ...result, serverCpuUs: (cpu.user + cpu.system) / Math.max(1, result.requests), saturated: await saturate(server, paths, seconds) };
}

async function saturate(server: Pick<Server, 'url' | 'headers'>, paths: string[], seconds: number): Promise<LoadResult['saturated']> {
  const cpu0 = process.cpuUsage();
  const result = await pipelined(server, paths, seconds);
  const cpu = process.cpuUsage(cpu0);
  return {
    cpuUs: (cpu.user + cpu.system) / Math.max(1, result.requests),
    rate: (result.requests * 1000) / result.wallMs,
    ok: result.ok,
    requests: result.requests,
  };
}

/** 8 raw sockets x 32 pipelined requests against `url` for `seconds` (pipelined-load.ts, in a child process). */
async function pipelined(
  { url, headers }: Pick<Server, 'url' | 'headers'>,
  paths: string[],
  seconds: number,
): Promise<{ requests: number; ok: number; wallMs: number }> {
  const gen = child('./pipelined-load.js');
  const answer = message<{ requests: number; ok: number; wallMs: number; error?: string }>(gen);
  gen.send({ url, paths, sockets: 8, depth: 32, seconds, headers });
  const result = await answer;
  if (result.error) throw new Error(`pipelined load: ${result.error}`);
  return result;
}

interface ServerProcess {
  proc: ChildProcess;
  url: string;
  headers?: Record<string, string>;
}

async function serverProcess(job: StartServer): Promise<ServerProcess> {
  const proc = child('./api-server-process.js');
  const answer = message<{ url: string; headers?: Record<string, string>; error?: string }>(proc);
  proc.send(job);
  const started = await answer;
  if (started.error) throw new Error(`server process: ${started.error}`);
  return { proc, url: started.url, headers: started.headers };
}

/** CPU time the server process has used so far, us. */
async function cpuOf(server: ServerProcess): Promise<number> {
  const answer = message<NodeJS.CpuUsage>(server.proc);
  server.proc.send('cpu');
  const cpu = await answer;
  return cpu.user + cpu.system;
}

interface Side {
  rate: number;
  cpuUs: number;
  notOk: number;
}

/** A server to start in its own process and the paths to load it with. */
interface Loaded {
  job: StartServer;
  paths: string[];
}

/**
 * A baseline (bare fastify, mostly) and one variant, each in a process of its own, under the
 * same pipelined load at the same time: whatever else runs on the machine slows both alike, so
 * the ratio of their rates is each one's cost per request, compared.
 */
async function simultaneous(base: Loaded, variant: Loaded, seconds: number): Promise<{ base: Side; variant: Side }> {
  const both = [base, variant];
  const servers = await Promise.all(both.map((x) => serverProcess(x.job)));
  const cpu0 = await Promise.all(servers.map(cpuOf));
  const loads = await Promise.all(servers.map((s, i) => pipelined(s, both[i].paths, seconds)));
  const cpu1 = await Promise.all(servers.map(cpuOf));
  await Promise.all(
    servers.map(({ proc }) => {
      const exited = new Promise((resolve) => proc.once('exit', resolve));
      proc.disconnect();
      return exited;
    }),
  );
  const side = (i: number): Side => ({
    rate: (loads[i].requests * 1000) / loads[i].wallMs,
    cpuUs: (cpu1[i] - cpu0[i]) / Math.max(1, loads[i].requests),
    notOk: loads[i].requests - loads[i].ok,
  });
  return { base: side(0), variant: side(1) };
}

async function simultaneousSection(): Promise<void> {
  const seconds = arg('api-seconds', 3);
  const rounds = arg('rounds', 3);
  const { ids } = movieCatalog(5000);
  const single = ids.map((id) => `/movie/${id}`);
  const team = single.map((path) => `/team25${path}`);
  const bare: Loaded = { job: { kind: 'bare' }, paths: single };
  const root: Loaded = { job: { kind: 'limited' }, paths: single };
  const course: Loaded = { job: { kind: 'course' }, paths: team };
  const variants: { name: string; base: Loaded; variant: Loaded; runs: { base: Side; variant: Side }[] }[] = [
    { name: 'prodsim API GET /movie/:id / bare fastify', base: bare, variant: root, runs: [] },
    { name: 'prodsim API, no rate limit / bare fastify', base: bare, variant: { job: { kind: 'unlimited' }, paths: single }, runs: [] },
    { name: 'prodsim API, course (team token) / bare fastify', base: bare, variant: course, runs: [] },
    // Course mode's own cost, without bare fastify's share of the noise: the team route and token.
    { name: 'prodsim API, course / prodsim API (root)', base: root, variant: course, runs: [] },
  ];
  for (const core of otherCores()) {
    variants.push({
      name: `${core} GET /movie/:id / bare fastify`,
      base: bare,
      variant: { job: { kind: 'limited', core: resolve(core) }, paths: single },
      runs: [],
    });
    if (process.argv.includes('--course'))
      variants.push({ name: `${core}, course / bare fastify`, base: bare, variant: { job: { kind: 'course', core: resolve(core) }, paths: team }, runs: [] });
  }
  for (let r = 0; r < rounds; r++) for (const v of variants) v.runs.push(await simultaneous(v.base, v.variant, seconds));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const spread = (xs: number[]) => `${median(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)})`;
  const rows = variants.map((v) => {
    const rates = v.runs.map((x) => x.variant.rate / x.base.rate);
    const cpu = v.runs.map((x) => x.base.cpuUs / x.variant.cpuUs);
    return [
      v.name,
      Math.round(median(v.runs.map((x) => x.base.rate))),
      Math.round(median(v.runs.map((x) => x.variant.rate))),
      rates.map((x) => x.toFixed(2)).join(' '),
      spread(rates),
      spread(cpu),
      v.runs.reduce((a, x) => a + x.base.notOk + x.variant.notOk, 0),
    ];
  });
  console.log(`## entity API beside a baseline, loaded at the same time: ${rounds} rounds of ${seconds} s, each server in its own process`);
  console.log(
    table(
      ['server / baseline', 'baseline req/s', 'server req/s', 'ratio per round', 'ratio median (range)', 'by CPU per request, median (range)', 'non-200'],
      rows,
    ),
  );
  console.log('(both servers under 8 raw sockets x 32 pipelined requests at once, so load from elsewhere on the machine slows both alike)\n');
}

/** `--compare-core DIR`, as often as given: other builds of @prodsim/core. */
function otherCores(): string[] {
  return process.argv.flatMap((a, i) => (a === '--compare-core' && i + 1 < process.argv.length ? [process.argv[i + 1]] : []));
}

async function apiSection(): Promise<void> {
  const seconds = arg('api-seconds', 3);
  const rounds = arg('rounds', 3);
  const { catalog, ids, record } = movieCatalog(5000);
  const single = ids.map((id) => `/movie/${id}`);
  const teamPaths = single.map((path) => `/team25${path}`);
  const bulk = Array.from({ length: 25 }, (_, k) => `/movie/${ids.slice(k * 200, k * 200 + 200).join(',')}`);
  const variants: { name: string; start: () => Promise<Server>; paths: string[]; idsPer: number; runs: LoadResult[] }[] = [
    { name: 'bare fastify GET /movie/:id', start: () => bareFastify(record), paths: single, idsPer: 1, runs: [] },
    { name: 'prodsim API GET /movie/:id', start: () => prodsimApi(catalog, true), paths: single, idsPer: 1, runs: [] },
    { name: 'prodsim API, no rate limit', start: () => prodsimApi(catalog, false), paths: single, idsPer: 1, runs: [] },
    { name: 'prodsim API bulk (200 ids)', start: () => prodsimApi(catalog, true), paths: bulk, idsPer: 200, runs: [] },
    { name: 'prodsim API, course (team token)', start: () => courseApi(catalog), paths: teamPaths, idsPer: 1, runs: [] },
  ];
  for (const other of otherCores()) {
    const { ApiServer: OtherServer } = (await import(pathToFileURL(resolve(other, 'dist/index.js')).href)) as { ApiServer: typeof ApiServer };
    variants.push({ name: `${other} GET /movie/:id`, start: () => prodsimApi(catalog, true, OtherServer), paths: single, idsPer: 1, runs: [] });
    if (process.argv.includes('--course'))
      variants.push({ name: `${other}, course (team token)`, start: () => courseApi(catalog, OtherServer), paths: teamPaths, idsPer: 1, runs: [] });
  }
  // Rounds interleave the variants so that load from elsewhere on the machine hits all of them.
  for (let r = 0; r < rounds; r++) {
    for (const v of variants) {
      const server = await v.start();
      v.runs.push(await load(server, v.paths, seconds));
      await server.close();
    }
  }
  const rate = (r: LoadResult) => (r.requests * 1000) / r.wallMs;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const medianRun = (runs: LoadResult[]) => [...runs].sort((a, b) => rate(a) - rate(b))[Math.floor(runs.length / 2)];
  const rows = variants.map((v) => {
    const m = medianRun(v.runs);
    const errors = v.runs.reduce((a, r) => a + r.errors, 0);
    const statuses: Record<string, number> = {};
    for (const r of v.runs) for (const [s, c] of Object.entries(r.statuses)) statuses[s] = (statuses[s] ?? 0) + c;
    const cpu = median(v.runs.map((r) => r.serverCpuUs));
    const satCpu = median(v.runs.map((r) => r.saturated.cpuUs));
    const satRate = median(v.runs.map((r) => r.saturated.rate));
    const notOk = v.runs.reduce((a, r) => a + r.saturated.requests - r.saturated.ok, 0);
    return [
      v.name,
      v.runs.map((r) => Math.round(rate(r)).toLocaleString('en-US')).join(' '),
      Math.round(rate(m)),
      Math.round(rate(m) * v.idsPer),
      m.p50.toFixed(2),
      m.p99.toFixed(2),
      cpu.toFixed(1),
      Math.round(satRate),
      satCpu.toFixed(1),
      notOk,
      `${errors} / ${Object.entries(statuses)
        .map(([s, c]) => `${s}:${c}`)
        .join(' ')}`,
    ];
  });
  console.log(`## entity API: ${rounds} rounds of ${seconds} s per server, ${IN_FLIGHT} connections, load generator in another process`);
  console.log(
    table(
      [
        'server',
        'req/s per round',
        'median req/s',
        'movies/s',
        'p50 ms',
        'p99 ms',
        'server CPU us/req',
        'pipelined req/s',
        'pipelined CPU us/req',
        'pipelined non-200',
        'errors / statuses',
      ],
      rows,
    ),
  );
  for (const v of variants.slice(1)) {
    if (v.idsPer !== 1) continue;
    const ratios = variants[0].runs.map((b, r) => rate(v.runs[r]) / rate(b));
    const cpu = variants[0].runs.map((b, r) => b.saturated.cpuUs / v.runs[r].saturated.cpuUs);
    const pipelined = variants[0].runs.map((b, r) => v.runs[r].saturated.rate / b.saturated.rate);
    const spread = (xs: number[]) =>
      `${xs.map((x) => x.toFixed(2)).join(' ')} (median ${median(xs).toFixed(2)}, ${Math.min(...xs).toFixed(2)}-${Math.max(...xs).toFixed(2)})`;
    console.log(`${v.name} / bare fastify, per round:`);
    console.log(`  req/s ${spread(ratios)}`);
    console.log(`  pipelined req/s ${spread(pipelined)}; by server CPU per request ${spread(cpu)}`);
  }
  console.log(
    "(req/s and latency: undici, 64 requests in flight, in another process: on 2 shared cores often the client's limit. " +
      'pipelined: 8 raw sockets x 32 pipelined requests, answers counted not parsed, so the server is saturated: its CPU per request is the figure to compare)\n',
  );
}

async function main(): Promise<void> {
  console.log(`# bench/predictor (${machine()})\n`);
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  if (only === undefined || only === 'predictor') await predictorSection();
  if (only !== 'predictor' && only !== 'simultaneous') await apiSection();
  if (only !== 'predictor') await simultaneousSection();
}

await main();
