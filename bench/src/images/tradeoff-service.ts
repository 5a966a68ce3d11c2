import type { IncomingMessage, ServerResponse } from 'node:http';
import { RandomStream } from '@prodsim/core';
import type { RgbImage } from '@prodsim/ground-truth-models';
import sharp from 'sharp';
import { Pool } from 'undici';
import { serveInChild } from './child-service.js';
import { makeEmbedder } from './team-embedder.js';

/**
 * A stand-in team service for the trade-off benchmark (run in its own process):
 *
 *   node tradeoff-service.js --api http://127.0.0.1:PORT --cnn tiny|paddle --mode naive|cached
 *
 * `naive`: every POST /feed fetches every candidate's PNG from the entity API, decodes it, runs the
 * CNN over all of them and ranks by a linear head on the embeddings. `cached`: POST /moderate (an
 * upload, which a team also learns from the stream) fetches, decodes and embeds that one image and
 * keeps the embedding; POST /feed only looks embeddings up (embedding the rare miss) and ranks.
 * The CNN: `tiny`, a CNN of the image world's size (3 conv layers at 64x64, authored weights: a
 * team's small model); `paddle`, the PP-OCRv4 detection trunk (a real pretrained CNN, 256x256).
 * A request whose client has gone (deadline passed) is abandoned between steps.
 */
const argv = process.argv;
const opt = (name: string, fallback: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : fallback);
const api = opt('api', 'http://127.0.0.1:8080');
const cnn = opt('cnn', 'tiny');
const mode = opt('mode', 'naive');

const pool = new Pool(api, { connections: 16 });
const embed = await makeEmbedder(cnn);
const cache = new Map<number, Float32Array>();
let head: Float32Array | undefined;

async function fetchImage(id: number): Promise<RgbImage> {
  const res = await pool.request({ path: `/image/${id}.png`, method: 'GET' });
  const png = Buffer.from(await res.body.arrayBuffer());
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, channels: 3, data };
}

function score(e: Float32Array): number {
  if (!head) {
    const rng = new RandomStream('head');
    head = Float32Array.from({ length: e.length }, () => rng.normal());
  }
  let s = 0;
  for (let i = 0; i < e.length; i++) s += e[i] * head[i];
  return s;
}

async function feed(candidates: number[], gone: () => boolean): Promise<number[] | undefined> {
  const missing = mode === 'cached' ? candidates.filter((id) => !cache.has(id)) : candidates;
  if (missing.length > 0) {
    const images = await Promise.all(missing.map(fetchImage));
    if (gone()) return undefined;
    const embeddings = await embed(images);
    if (mode === 'cached') missing.forEach((id, i) => cache.set(id, embeddings[i].slice()));
    else missing.forEach((id, i) => cache.set(id, embeddings[i]));
  }
  const scores = new Map(candidates.map((id) => [id, score(cache.get(id)!)]));
  if (mode !== 'cached') cache.clear();
  return [...candidates].sort((a, b) => scores.get(b)! - scores.get(a)!);
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let closed = false;
  res.on('close', () => (closed = true));
  let body = '';
  for await (const chunk of req) body += chunk;
  const json = body ? JSON.parse(body) : {};
  if (req.url === '/feed') {
    const ranked = await feed(json.candidates, () => closed);
    if (!closed && ranked) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(ranked));
    return;
  }
  if (req.url === '/moderate') {
    if (mode === 'cached' && !cache.has(json.image)) cache.set(json.image, (await embed([await fetchImage(json.image)]))[0].slice());
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"decision":"allow"}');
    return;
  }
  res.writeHead(404).end();
}

serveInChild(handle);
