import { fork, type ChildProcess } from 'node:child_process';
import {
  ApiServer,
  apiWorldOf,
  HttpPredictor,
  MemoryTransport,
  runConfigFields,
  s,
  Simulation,
  type EventOutput,
  type PredictionEndpoint,
  type Predictor,
} from '@prodsim/core';
import { imagesDomain } from '@prodsim/domain-images';
import type { FeedRequest } from '@prodsim/media';
import { Pool } from 'undici';
import { table } from '../report.js';

const USERS = Number(process.env.DESIGNS_USERS ?? 400);
const DAYS = Number(process.env.DESIGNS_DAYS ?? 2);
const EDITS = Number(process.env.DESIGNS_EDITS ?? 0.1);
const DESIGNS = (process.env.DESIGNS ?? 'naive,upload,lazy,never').split(',');
const CNN = process.env.DESIGNS_CNN ?? 'tiny';
/** Feed candidates per request (the world's default is 500). */
const CANDIDATES = Number(process.env.DESIGNS_CANDIDATES ?? 500);

const LABELS: Record<string, string> = {
  naive: 'naive: embed every candidate per request',
  upload: 'cache at upload, re-embed on edit',
  lazy: 'lazy cache, drop on edit',
  never: 'cache at upload, never invalidated',
};

interface Service {
  url: string;
  child: ChildProcess;
}

async function startService(api: string, mode: string): Promise<Service> {
  const child = fork(new URL('./cache-design-service.js', import.meta.url), ['--api', api, '--mode', mode, '--cnn', CNN], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`service exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

/**
 * The team's stream consumer: forwards `upload` and `edit` events to the service in order, one
 * at a time, as they are published (so it lags behind the world as a real consumer would).
 */
class ForwardEvents implements EventOutput {
  private chain: Promise<void> = Promise.resolve();
  private pool: Pool | undefined;

  connect(url: string): void {
    this.pool = new Pool(url, { connections: 1 });
  }

  publish(_topic: string, _key: string | null, value: string): void {
    if (!this.pool || !(value.includes('"kind":"upload"') || value.includes('"kind":"edit"'))) return;
    const { kind, image } = JSON.parse(value) as { kind: string; image: number };
    this.send({ kind, image });
  }

  send(event: { kind: string; image: number }): void {
    const pool = this.pool;
    if (!pool) return;
    this.chain = this.chain.then(async () => {
      const res = await pool.request({ path: '/event', method: 'POST', body: JSON.stringify(event), headers: { 'content-type': 'application/json' } });
      await res.body.text();
    });
  }

  async flush(): Promise<void> {
    await this.chain;
  }

  /** The run closes its outputs at its end; the bench closes again after a failed run. */
  async close(): Promise<void> {
    await this.chain;
    const pool = this.pool;
    this.pool = undefined;
    await pool?.close();
  }
}

interface Row {
  design: string;
  requests: number;
  withinDeadline: number;
  staleAnswers: number;
  answersLogged: number;
  staleCandidates: number;
  candidatesLogged: number;
  cpuPerAnswer: number | null;
  cpuInAnswers: number;
  serviceCpu: number;
  embeds: number;
  edits: number;
  uploads: number;
}

/** One design end to end: `prodsim run images`, the service in its own process, its stream forwarded. */
async function runDesign(mode: string): Promise<Row> {
  const config = s.object(runConfigFields).parse({ domain: 'images', seed: 'cache-designs', days: DAYS, progress: false }, '');
  const forward = new ForwardEvents();
  // Per feed request, in order: its key and each candidate's picture version at request time.
  const asked = new Map<string, number[][]>();
  const holder: { http?: HttpPredictor; version?: (id: number) => number } = {};
  const spy: Predictor = {
    target: 'spy',
    predict(endpoint: PredictionEndpoint<any, any>, request, o) {
      if (endpoint.name === 'feed') {
        const { user, candidates: c } = request as FeedRequest;
        const key = `${user}:${c.length}:${c.slice(0, 4).join(',')}:${c.at(-1)}`;
        asked.set(key, [...(asked.get(key) ?? []), c.map((id) => holder.version!(id))]);
      }
      // The service has read the stream up to now before it is asked: a consumer that keeps up,
      // as in a paced run (in fast-forward the world would otherwise race ahead of it).
      return forward.flush().then(() => holder.http!.predict(endpoint, request, o));
    },
    close: async () => {},
  };
  const sim = new Simulation({
    config,
    domainConfig: imagesDomain.config.parse({ users: USERS, editsPerImageDay: EDITS, candidates: CANDIDATES }, 'images'),
    plugin: imagesDomain,
    transport: new MemoryTransport(),
    outputs: [forward],
    predictor: spy,
  });
  const world = await sim.init();
  const images = world.catalog.get('image')!;
  holder.version = (id) => (images.get(String(id)) as { version: number } | undefined)?.version ?? 0;
  const api = await ApiServer.create({ worlds: [apiWorldOf(sim)], port: 0, rateLimit: false });
  const service = await startService(await api.listen(), mode);
  holder.http = new HttpPredictor(service.url);
  forward.connect(service.url);
  if (mode === 'upload' || mode === 'never') {
    // The backlog is there before the run: an upload-time cache embeds it before serving.
    for (let id = 0; id < images.size; id++) if (images.get(String(id))) forward.send({ kind: 'upload', image: id });
    await forward.flush();
  }
  const summary = await sim.run();
  await forward.close();
  const statsPool = new Pool(service.url, { connections: 1 });
  const res = await statsPool.request({ path: '/stats', method: 'POST', body: '{}' });
  const stats = JSON.parse(await res.body.text()) as { cpuMs: number; embeds: number; answers: { key: string; versions: number[] }[] };
  await statsPool.close();
  await holder.http.close();
  const exited = new Promise((resolve) => service.child.once('exit', resolve));
  service.child.kill();
  await exited;
  await api.close();

  const feed = summary.endpoints?.feed;
  if (!feed) throw new Error(`${mode}: the run made no feed requests`);
  let staleAnswers = 0;
  let staleCandidates = 0;
  let candidatesLogged = 0;
  let answersLogged = 0;
  for (const a of stats.answers) {
    const atRequest = asked.get(a.key)?.shift();
    if (!atRequest) continue;
    answersLogged++;
    candidatesLogged += a.versions.length;
    // -1: fetched during the answer (naive), the current picture by construction.
    const stale = a.versions.filter((v, i) => v >= 0 && v < atRequest[i]).length;
    staleCandidates += stale;
    if (stale > 0) staleAnswers++;
  }
  const cost = feed.reportedCost;
  return {
    design: mode,
    requests: feed.requests,
    withinDeadline: (feed.outcomes.ok ?? 0) + (feed.outcomes['unknown-ids'] ?? 0),
    staleAnswers,
    answersLogged,
    staleCandidates,
    candidatesLogged,
    cpuPerAnswer: cost?.cpuMsMean ?? null,
    cpuInAnswers: cost?.cpuMsTotal ?? 0,
    serviceCpu: stats.cpuMs,
    embeds: stats.embeds,
    edits: Number(summary.world['edits (new picture, same id)'] ?? 0),
    uploads: Number(summary.world.uploads ?? 0),
  };
}

/**
 * Cache designs under creators' edits: freshness, answers within the deadline and cost, end to
 * end, for a service that ranks feeds by a small CNN's embeddings. Cost is what the service
 * reports per answer (Server-Timing cpu, aggregated by prodsim's run summary) and its whole CPU
 * time, which includes the embedding it does at upload and edit events, outside any answer.
 */
export async function runCacheDesigns(): Promise<void> {
  const rows: Row[] = [];
  for (const mode of DESIGNS) {
    const start = performance.now();
    rows.push(await runDesign(mode));
    console.error(`designs: ${mode} took ${((performance.now() - start) / 1000).toFixed(0)} s`);
  }
  const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
  console.log(
    `\n## Cache designs (${CNN === 'paddle' ? 'PP-OCRv4 det trunk' : 'small CNN'}): ${USERS} users, ${DAYS} days, ${CANDIDATES} candidates, ${EDITS} edits per image and day (${rows[0]?.edits ?? 0} edits, ${rows[0]?.uploads ?? 0} uploads), feed deadline 300 ms\n`,
  );
  console.log(
    table(
      ['design', 'within 300 ms', 'stale answers', 'stale candidates', 'cpu/answer ms', 'cpu in answers s', 'service cpu s', 'embeddings'],
      rows.map((r) => [
        LABELS[r.design] ?? r.design,
        `${pct(r.withinDeadline, r.requests)} of ${r.requests}`,
        `${pct(r.staleAnswers, r.answersLogged)} of ${r.answersLogged}`,
        pct(r.staleCandidates, r.candidatesLogged),
        r.cpuPerAnswer === null ? '-' : r.cpuPerAnswer,
        r.cpuInAnswers / 1000,
        r.serviceCpu / 1000,
        r.embeds,
      ]),
    ),
  );
}
