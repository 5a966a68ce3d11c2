import { loadavg } from 'node:os';
import { RandomStream } from '@prodsim/core';
import {
  AUDIO_WORLD,
  DEFAULT_MODELS,
  DEFAULT_WORLD_SEED,
  IMAGE_WORLD,
  ImageWorld,
  ModelRunner,
  babble,
  buildAudioWorldModel,
  buildImageWorldModel,
  float32Tensor,
  loadImageAdapter,
  SpeechDetector,
  syntheticClip,
  syntheticImage,
  type Feeds,
  type ModelRunnerOptions,
} from '@prodsim/ground-truth-models';
import { machine, table } from '../report.js';

/**
 * bench/ground-truth: throughput of the ground-truth models on onnxruntime-node.
 *
 *  1. image world (3x64x64 -> 64-d embedding + hidden heads): images/s at batch 1, 8, 32, for one
 *     session with 1 thread (the baseline), one session with 2 threads, and a pool of 2 worker
 *     threads x 1 thread with 2 batches in flight; plus end-to-end ImageWorld.truths() from
 *     decoded 64x64 RGB images (preprocessing and batching included).
 *  2. audio world (10 s of 16 kHz -> in-graph log-mel CNN): clips/s at batch 1 and 16, same setups.
 *  3. the adapter models: PaddleOCR PP-OCRv4 detection (256x256) and recognition (48x320) through
 *     their adapter specs, Silero VAD (10 s clips, 313 windows of 32 ms) through the SpeechDetector.
 *  4. authoring: how long regenerating each world takes.
 *
 *   npx tsc -b && node bench/dist/ground-truth/ground-truth-bench.js [--seconds S] [--only image|audio|adapters|authoring]
 *
 * Each cell runs for S seconds (1.5 by default) after a warm-up. Figures depend on what else runs
 * on the machine (the load average is printed); ratios are against the baseline in the same run.
 */
const SECONDS = arg('seconds', 1.5);
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

interface Setup {
  readonly label: string;
  readonly options: ModelRunnerOptions;
  /** Batches kept in flight (one per worker). */
  readonly inFlight: number;
}

const SETUPS: readonly Setup[] = [
  { label: '1 session x 1 thread', options: { intraOpNumThreads: 1 }, inFlight: 1 },
  { label: '1 session x 2 threads', options: { intraOpNumThreads: 2 }, inFlight: 1 },
  { label: 'pool 2 workers x 1 thread', options: { workers: 2, intraOpNumThreads: 1 }, inFlight: 2 },
];

/** Items per second for `seconds`, with `inFlight` loops each running one batch after another. */
async function rate(run: () => Promise<unknown>, itemsPerRun: number, inFlight: number, seconds = SECONDS): Promise<number> {
  for (let i = 0; i < 3; i++) await Promise.all(Array.from({ length: inFlight }, run));
  let items = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        await run();
        items += itemsPerRun;
      }
    }),
  );
  return items / ((performance.now() - start) / 1000);
}

/** Fresh input buffers per run: the pool moves (transfers) them to the worker. */
async function modelTable(
  title: string,
  model: string,
  input: string,
  itemDims: number[],
  batches: number[],
  makeItem: (rng: RandomStream) => Float32Array,
  unit: string,
): Promise<void> {
  const rng = new RandomStream(`bench-${title}`);
  const samples = Array.from({ length: Math.max(...batches) }, () => makeItem(rng));
  const per = samples[0].length;
  const rows: (string | number)[][] = [];
  let baseline = 0;
  for (const setup of SETUPS) {
    const runner = await ModelRunner.create(model, setup.options);
    for (const batch of batches) {
      const stacked = new Float32Array(batch * per);
      for (let i = 0; i < batch; i++) stacked.set(samples[i], i * per);
      const feeds = (): Feeds => ({ [input]: float32Tensor([batch, ...itemDims], stacked.slice()) });
      const r = await rate(() => runner.run(feeds()), batch, setup.inFlight);
      if (baseline === 0) baseline = r;
      rows.push([setup.label, batch, r, r / baseline]);
    }
    await runner.close();
  }
  console.log(`\n${title}\n${table(['setup', 'batch', `${unit}/s`, 'x baseline'], rows)}`);
}

async function imageBench(): Promise<void> {
  await modelTable(
    'image world v1: model only (float32 [batch, 3, 64, 64] prepared in advance)',
    DEFAULT_MODELS.image,
    IMAGE_WORLD.input,
    [3, 64, 64],
    [1, 8, 32],
    (rng) => {
      const img = syntheticImage(rng);
      return Float32Array.from(img.data, (v) => v / 255);
    },
    'images',
  );
  // End to end: decoded RGB images in, ImageTruth out, through the batching runner.
  const rng = new RandomStream('bench-image-e2e');
  const images = Array.from({ length: 256 }, () => syntheticImage(rng));
  const rows: (string | number)[][] = [];
  for (const setup of [SETUPS[0], SETUPS[2]]) {
    const world = await ImageWorld.load({ ...setup.options, maxBatch: 32 });
    const r = await rate(() => world.truths(images), images.length, 1);
    rows.push([setup.label, world.stats.largestBatch, r]);
    await world.close();
  }
  console.log(
    `\nimage world v1: end to end ImageWorld.truths(256 decoded 64x64 RGB images), resize + normalise + batching included\n${table(['setup', 'largest batch', 'images/s'], rows)}`,
  );
}

async function audioBench(): Promise<void> {
  const len = 10 * AUDIO_WORLD.sampleRate;
  await modelTable(
    'audio world v1: 10 s clips (float32 [batch, 160000]), log-mel front end in the graph',
    DEFAULT_MODELS.audio,
    AUDIO_WORLD.input,
    [len],
    [1, 16],
    (rng) => syntheticClip(rng, 10),
    'clips',
  );
}

async function adapterBench(): Promise<void> {
  const rng = new RandomStream('bench-adapters');
  const rows: (string | number)[][] = [];
  for (const [preset, w, h] of [
    ['paddleocr-det', 256, 256],
    ['paddleocr-rec', 320, 48],
  ] as const) {
    for (const setup of [SETUPS[0], SETUPS[2]]) {
      for (const batch of [1, 8]) {
        const adapter = await loadImageAdapter(preset, { ...setup.options, maxBatch: batch, maxDelayMs: 1 });
        const images = Array.from({ length: batch * setup.inFlight }, () => syntheticImage(rng, w, h));
        const r = await rate(() => adapter.readMany(images), images.length, 1);
        rows.push([preset, setup.label, batch, r]);
        await adapter.close();
      }
    }
  }
  console.log(
    `\nadapters: PaddleOCR PP-OCRv4 (det at 256x256, rec at 48x320), images/s including preprocessing\n${table(['model', 'setup', 'batch', 'images/s'], rows)}`,
  );
  const vadRows: (string | number)[][] = [];
  const clips = Array.from({ length: 32 }, () => babble(rng, 10));
  for (const setup of [SETUPS[0], SETUPS[2]]) {
    for (const batch of [1, 16]) {
      const vad = await SpeechDetector.load({ ...setup.options, maxBatch: batch, maxDelayMs: 1 });
      const n = batch * setup.inFlight;
      const r = await rate(() => Promise.all(clips.slice(0, n).map((c) => vad.analyse(c))), n, 1, Math.max(SECONDS, 3));
      vadRows.push(['silero-vad v5 (op15)', setup.label, batch, r]);
      await vad.close();
    }
  }
  console.log(
    `\nadapters: Silero VAD through the SpeechDetector, 10 s clips (313 steps of 512 samples each)\n${table(['model', 'setup', 'clips per batch', 'clips/s'], vadRows)}`,
  );
}

function authoringBench(): void {
  const rows: (string | number)[][] = [];
  for (const [name, build] of [
    ['image-world-v1', () => buildImageWorldModel({ seed: DEFAULT_WORLD_SEED }).bytes],
    ['audio-world-v1', () => buildAudioWorldModel({ seed: DEFAULT_WORLD_SEED }).bytes],
  ] as const) {
    const start = performance.now();
    const bytes = build();
    rows.push([name, bytes.length, performance.now() - start]);
  }
  console.log(`\nauthoring: regenerate a world from its seed (TypeScript, calibration included)\n${table(['model', 'bytes', 'ms'], rows)}`);
}

console.log(
  `bench/ground-truth: ${machine()}, load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, ${SECONDS} s per cell`,
);
if (!ONLY || ONLY === 'image') await imageBench();
if (!ONLY || ONLY === 'audio') await audioBench();
if (!ONLY || ONLY === 'adapters') await adapterBench();
if (!ONLY || ONLY === 'authoring') authoringBench();
console.log(
  `\nload average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
