import { fork, type ChildProcess } from 'node:child_process';
import { ApiServer, apiWorldOf, HttpPredictor, MemoryTransport, runConfigFields, s, Simulation, type PredictionEndpoint, type Predictor } from '@prodsim/core';
import { imagesDomain } from '@prodsim/domain-images';
import type { FeedRequest } from '@prodsim/media';
import { CaptureOutput } from '@prodsim/core/testing';
import { Pool } from 'undici';
import { table } from '../report.js';

const DEADLINE_MS = 300;
const WORLD: Record<string, unknown> = process.env.TRADEOFF_SIZE ? { imageSize: Number(process.env.TRADEOFF_SIZE) } : {};

interface Service {
  url: string;
  child: ChildProcess;
}

async function startService(api: string, cnn: string, mode: string): Promise<Service> {
  const child = fork(new URL('./tradeoff-service.js', import.meta.url), ['--api', api, '--cnn', cnn, '--mode', mode], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`service exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

async function stop(service: Service): Promise<void> {
  const exited = new Promise((resolve) => service.child.once('exit', resolve));
  service.child.kill();
  await exited;
}

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** A world to serve (its entity API on loopback) and the feed requests it made. */
async function worldWithRequests(): Promise<{
  api: ApiServer;
  url: string;
  requests: { user: number; candidates: number[] }[];
  published: number[];
  sim: Simulation;
}> {
  const requests: { user: number; candidates: number[] }[] = [];
  const config = s.object(runConfigFields).parse({ domain: 'images', seed: 'tradeoff', days: 1, progress: false }, '');
  let inner: Predictor | undefined;
  const spy: Predictor = {
    target: 'spy',
    predict(endpoint: PredictionEndpoint<any, any>, request, o) {
      if (endpoint.name === 'feed' && requests.length < 400) {
        const r = request as FeedRequest;
        requests.push({ user: r.user, candidates: [...r.candidates] });
      }
      return inner!.predict(endpoint, request, o);
    },
    close: async () => {},
  };
  const sim = new Simulation({
    config,
    domainConfig: imagesDomain.config.parse(WORLD, 'images'),
    plugin: imagesDomain,
    transport: new MemoryTransport(),
    predictor: spy,
  });
  const world = await sim.init();
  inner = world.defaultPredictor();
  await sim.run();
  const api = await ApiServer.create({ worlds: [apiWorldOf(sim)], port: 0, rateLimit: false });
  const url = await api.listen();
  const published: number[] = [];
  const images = world.catalog.get('image')!;
  for (let id = 0; id < images.size; id++) if (images.get(String(id))) published.push(id);
  return { api, url, requests, published, sim };
}

async function post(pool: Pool, path: string, body: unknown): Promise<number> {
  const t = performance.now();
  const res = await pool.request({ path, method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  await res.body.text();
  return performance.now() - t;
}

/** Feed latency of one service over recorded requests, one at a time (as in a fast-forward run). */
async function measure(
  service: Service,
  mode: string,
  requests: { user: number; candidates: number[] }[],
  published: number[],
): Promise<{ upload: number; latencies: number[] }> {
  const pool = new Pool(service.url, { connections: 4 });
  let upload = NaN;
  if (mode === 'cached') {
    // What the team's stream consumer does at each upload: fetch, decode, embed, keep.
    let total = 0;
    for (const id of published) total += await post(pool, '/moderate', { image: id, creator: 0, url: `/image/${id}.png` });
    upload = total / published.length;
  }
  for (const r of requests.slice(0, 2)) await post(pool, '/feed', r);
  const latencies: number[] = [];
  for (const r of requests) latencies.push(await post(pool, '/feed', r));
  await pool.close();
  return { upload, latencies: latencies.sort((a, b) => a - b) };
}

/** The same services behind `prodsim run images`: feed outcomes within the 300 ms deadline. */
async function endToEnd(cnn: string, mode: string): Promise<{ ok: number; timeout: number; other: number }> {
  const config = s.object(runConfigFields).parse({ domain: 'images', seed: 'tradeoff-e2e', days: 0.15, progress: false }, '');
  const capture = new CaptureOutput();
  const holder: { predictor?: Predictor } = {};
  const late: Predictor = { target: 'late', predict: (e, r, o) => holder.predictor!.predict(e, r, o), close: async () => {} };
  const sim = new Simulation({
    config,
    domainConfig: imagesDomain.config.parse({ users: 400 }, 'images'),
    plugin: imagesDomain,
    transport: new MemoryTransport(),
    outputs: [capture],
    predictor: late,
  });
  const world = await sim.init();
  const api = await ApiServer.create({ worlds: [apiWorldOf(sim)], port: 0, rateLimit: false });
  const service = await startService(await api.listen(), cnn, mode);
  const http = new HttpPredictor(service.url);
  holder.predictor = http;
  if (mode === 'cached') {
    // The backlog's upload events reach a team's consumer at the start: it embeds them then.
    const pool = new Pool(service.url, { connections: 4 });
    const images = world.catalog.get('image')!;
    for (let id = 0; id < images.size; id++) if (images.get(String(id))) await post(pool, '/moderate', { image: id, creator: 0, url: `/image/${id}.png` });
    await pool.close();
  }
  await sim.run();
  await http.close();
  await stop(service);
  await api.close();
  const counts = { ok: 0, timeout: 0, other: 0 };
  for (const e of capture.events) {
    const line = JSON.parse(e.value);
    if (line.kind !== 'feed') continue;
    if (line.error === undefined) counts.ok++;
    else if (/timeout|deadline/.test(line.error)) counts.timeout++;
    else counts.other++;
  }
  return counts;
}

export async function runTradeoff(): Promise<void> {
  const { api, url, requests, published } = await worldWithRequests();
  const rows: (string | number)[][] = [];
  const setups = [
    { cnn: 'tiny', mode: 'naive', n: 60 },
    { cnn: 'tiny', mode: 'cached', n: 200 },
    { cnn: 'paddle', mode: 'naive', n: 6 },
    { cnn: 'paddle', mode: 'cached', n: 200 },
  ];
  for (const { cnn, mode, n } of setups) {
    const service = await startService(url, cnn, mode);
    const { upload, latencies } = await measure(service, mode, requests.slice(0, n), mode === 'cached' ? published : []);
    await stop(service);
    rows.push([
      `${mode}, ${cnn === 'tiny' ? 'small CNN (64x64)' : 'PP-OCRv4 det trunk (256x256)'}`,
      Number.isNaN(upload) ? '-' : upload,
      quantile(latencies, 0.5),
      quantile(latencies, 0.99),
      `${Math.round((100 * latencies.filter((l) => l <= DEADLINE_MS).length) / latencies.length)}%`,
      latencies.length,
    ]);
  }
  console.log(
    `\n## The trade-off: feed requests of ${requests[0]?.candidates.length ?? 0} candidates, ${DEADLINE_MS} ms deadline (service in another process, images from the entity API on loopback)\n`,
  );
  console.log(table(['service', 'ms per upload', 'feed p50 ms', 'feed p99 ms', 'within deadline', 'requests'], rows));

  const sweep: (string | number)[][] = [];
  const service = await startService(url, 'tiny', 'naive');
  const pool = new Pool(service.url, { connections: 2 });
  for (const k of [50, 100, 250, 500, 1000]) {
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const candidates = Array.from({ length: k }, (_, j) => published[(i * 997 + j * 31) % published.length]);
      latencies.push(await post(pool, '/feed', { user: i, candidates: [...new Set(candidates)] }));
    }
    latencies.sort((a, b) => a - b);
    sweep.push([k, quantile(latencies, 0.5), quantile(latencies, 0.99)]);
  }
  await pool.close();
  await stop(service);
  await api.close();
  console.log('\nnaive service with the small CNN, by candidates per request (20 requests each):\n');
  console.log(table(['candidates', 'p50 ms', 'p99 ms'], sweep));

  const e2e: (string | number)[][] = [];
  for (const [cnn, mode] of [
    ['tiny', 'naive'],
    ['tiny', 'cached'],
    ['paddle', 'naive'],
    ['paddle', 'cached'],
  ]) {
    const c = await endToEnd(cnn, mode);
    e2e.push([
      `${mode}, ${cnn === 'tiny' ? 'small CNN' : 'PP-OCRv4 det trunk'}`,
      c.ok,
      c.timeout,
      c.other,
      `${Math.round((100 * c.ok) / Math.max(1, c.ok + c.timeout + c.other))}%`,
    ]);
  }
  console.log('\nend to end: `prodsim run images` (400 users, 3.6 simulated hours, fast-forward) with --predictor at each service:\n');
  console.log(table(['service', 'feed ok', 'timeouts', 'other failures', 'ok share'], e2e));
}
