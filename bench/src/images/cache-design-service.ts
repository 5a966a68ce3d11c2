import type { IncomingMessage, ServerResponse } from 'node:http';
import { RandomStream } from '@prodsim/core';
import type { RgbImage } from '@prodsim/ground-truth-models';
import sharp from 'sharp';
import { Pool } from 'undici';
import { serveInChild } from './child-service.js';
import { makeEmbedder } from './team-embedder.js';

/**
 * A stand-in team service for the cache-design benchmark (run in its own process, so that its
 * CPU is its own):
 *
 *   node cache-design-service.js --api http://127.0.0.1:PORT --mode naive|upload|lazy|never [--cnn tiny|paddle]
 *
 * It ranks feed candidates by a fixed linear head over a CNN's embeddings of their PNGs (see
 * makeEmbedder). Designs:
 *   naive   every feed answer fetches, decodes and embeds all its candidates; nothing is kept.
 *   upload  embeds each image at its `upload` event and again at each `edit` event (the stream,
 *           forwarded as POST /event); a feed answer looks embeddings up, embedding only misses.
 *   lazy    embeds an image the first time a feed answer needs it; an `edit` drops the entry.
 *   never   like upload, but ignores `edit` events: an edited image keeps its old embedding.
 * Every answer carries `Server-Timing: cpu;dur=<ms>`: the time of the answer's own decoding,
 * CNN and scoring steps (fetch waits left out). Work done at events is in no answer: GET /stats
 * gives the process's whole CPU time (process.cpuUsage since the model was loaded), the
 * embeddings made, and per answer the picture versions it ranked with, to count stale answers.
 * A cached embedding remembers the picture version the entity API showed before the download.
 */
const argv = process.argv;
const opt = (name: string, fallback: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const api = opt('api', 'http://127.0.0.1:8080');
const mode = opt('mode', 'naive');
const eager = mode === 'upload' || mode === 'never';
const invalidates = mode === 'upload' || mode === 'lazy';

interface Entry {
  embedding: Float32Array;
  version: number;
}

const pool = new Pool(api, { connections: 16 });
const embed = await makeEmbedder(opt('cnn', 'tiny'));
const cache = new Map<number, Entry>();
/** Edits heard per image: a download begun before the latest edit is of the old picture and is not kept. */
const edits = new Map<number, number>();
let head: Float32Array | undefined;
/** A fixed linear head over the embedding: the service's (untrained) ranking model. */
function score(e: Float32Array): number {
  if (!head) {
    const rng = new RandomStream('head');
    head = Float32Array.from({ length: e.length }, () => rng.normal());
  }
  let s = 0;
  for (let i = 0; i < e.length; i++) s += e[i] * head[i];
  return s;
}
const answers: { key: string; versions: number[] }[] = [];
let embeds = 0;
const cpuStart = process.cpuUsage();

/** Fetch, decode and embed images; the step timings (not the fetch waits) are added to `timing.ms`. */
async function embedMany(ids: number[], timing: { ms: number }, withVersions: boolean, gone = () => false): Promise<Entry[] | undefined> {
  const fetched = await Promise.all(
    ids.map(async (id) => {
      const version = withVersions ? await versionOf(id) : -1;
      const res = await pool.request({ path: `/image/${id}.png`, method: 'GET' });
      const png = Buffer.from(await res.body.arrayBuffer());
      const t = performance.now();
      const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      timing.ms += performance.now() - t;
      return { image: { width: info.width, height: info.height, channels: 3, data } as RgbImage, version };
    }),
  );
  if (gone()) return undefined; // the client left (deadline passed): the CNN is not run for nothing
  const t = performance.now();
  const out = await embed(fetched.map((f) => f.image));
  timing.ms += performance.now() - t;
  embeds += ids.length;
  return fetched.map((f, i) => ({ embedding: out[i], version: f.version }));
}

async function versionOf(id: number): Promise<number> {
  const res = await pool.request({ path: `/image/${id}`, method: 'GET' });
  const text = await res.body.text();
  return res.statusCode === 200 ? ((JSON.parse(text) as { version?: number }).version ?? 0) : 0;
}

/** Embeddings under way, so that an image two answers (or an answer and an event) need is embedded once. */
const pending = new Map<number, Promise<void>>();

/** Embeds `ids` (those not under way already) and keeps what is still current (no edit heard since the download began). */
async function fill(ids: number[], timing: { ms: number }): Promise<void> {
  const start = ids.filter((id) => !pending.has(id));
  if (start.length > 0) {
    const before = start.map((id) => edits.get(id) ?? 0);
    const job = embedMany(start, timing, true).then((entries) => {
      start.forEach((id, i) => {
        if (!entries) return;
        if ((edits.get(id) ?? 0) === before[i] || !invalidates) cache.set(id, entries[i]);
      });
    });
    const done = job.finally(() => {
      for (const id of start) if (pending.get(id) === done) pending.delete(id);
    });
    for (const id of start) pending.set(id, done);
  }
  await Promise.all([...new Set(ids.map((id) => pending.get(id)))]);
}

async function feed(user: number, candidates: number[], gone: () => boolean, timing: { ms: number }): Promise<number[] | undefined> {
  let entries: Map<number, Entry>;
  if (mode === 'naive') {
    const fresh = await embedMany(candidates, timing, false, gone);
    if (!fresh) return undefined;
    entries = new Map(candidates.map((id, i) => [id, fresh[i]]));
  } else {
    const missing = candidates.filter((id) => !cache.has(id));
    if (missing.length > 0) await fill(missing, timing);
    entries = cache;
  }
  if (gone()) return undefined;
  const t = performance.now();
  const scores = new Map<number, number>();
  const versions: number[] = [];
  for (const id of candidates) {
    const e = entries.get(id);
    scores.set(id, e ? score(e.embedding) : 0);
    versions.push(e ? e.version : -1);
  }
  const ranked = [...candidates].sort((a, b) => scores.get(b)! - scores.get(a)! || a - b);
  timing.ms += performance.now() - t;
  answers.push({ key: keyOf(user, candidates), versions });
  return ranked;
}

/** An `upload` or `edit` event from the stream (the bench forwards them in order). */
async function onEvent(e: { kind: string; image: number }): Promise<void> {
  if (e.kind === 'edit') {
    edits.set(e.image, (edits.get(e.image) ?? 0) + 1);
    if (!invalidates) return;
    cache.delete(e.image);
    pending.delete(e.image); // a download under way is of the old picture: not kept, not waited for
  }
  if (eager && (e.kind === 'edit' || !cache.has(e.image))) await fill([e.image], { ms: 0 });
}

/** Names a request (the bench names its own the same way, to pair answers with requests). */
function keyOf(user: number, candidates: number[]): string {
  return `${user}:${candidates.length}:${candidates.slice(0, 4).join(',')}:${candidates.at(-1)}`;
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let closed = false;
  res.on('close', () => (closed = !res.writableFinished));
  let body = '';
  for await (const chunk of req) body += chunk;
  const json = body ? JSON.parse(body) : {};
  const timing = { ms: 0 };
  const send = (value: unknown) =>
    res.writeHead(200, { 'content-type': 'application/json', 'server-timing': `cpu;dur=${timing.ms.toFixed(3)}` }).end(JSON.stringify(value));
  if (req.url === '/feed') {
    const ranked = await feed(json.user, json.candidates, () => closed, timing);
    if (!closed && ranked) send(ranked);
    return;
  }
  if (req.url === '/moderate') return void send({ decision: 'allow' });
  if (req.url === '/event') {
    await onEvent(json);
    return void res.writeHead(204).end();
  }
  if (req.url === '/stats') {
    const cpu = process.cpuUsage(cpuStart);
    return void send({ cpuMs: (cpu.user + cpu.system) / 1000, embeds, answers });
  }
  res.writeHead(404).end();
}

serveInChild(handle);
