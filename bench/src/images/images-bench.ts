import { loadavg } from 'node:os';
import { MemoryTransport, RandomStream, runConfigFields, s, Simulation } from '@prodsim/core';
import { imagesDomain, ImageRenderer, NO_EFFECTS, randomStyle, sampleParams, sceneSvg, STYLE_DIM } from '@prodsim/domain-images';
import { DEFAULT_MODELS, float32Tensor, IMAGE_WORLD, ImageWorld, imageToTensor, ModelRunner, type ModelRunnerOptions } from '@prodsim/ground-truth-models';
import sharp from 'sharp';
import { machine, table } from '../report.js';
import { runCacheDesigns } from './cache-designs.js';
import { runStaleness } from './staleness.js';
import { runTradeoff } from './tradeoff.js';

/**
 * bench/images: how fast the images domain makes its world.
 *
 *  1. renders/s of 64x64 scenes with sharp: SVG -> clean RGB (librsvg; one by one, and in sprite
 *     sheets of 16 as the domain renders a day's uploads), RGB -> PNG (libpng), and both (what
 *     every upload costs), against bare PNG encoding of ready pixels (the baseline).
 *  2. ground-truth embeddings/s of rendered 64x64 images at batch 1, 8 and 32: one onnxruntime
 *     session (1 thread, the baseline), and a pool of 2 worker threads x 1 thread; plus the
 *     domain's path (pixels -> preprocessing -> batched ImageWorld.truths).
 *  3. simulated image events/s: `prodsim run images` defaults (2,000 users, 200 creators) with the
 *     in-process predictor and the memory transport, world build included and separately; and
 *     events per CPU second of the process (build and run), the figure to compare on a shared machine.
 *  4. (--only tradeoff, or all) the service trade-off: feed latency of a naive service that runs a
 *     CNN over every candidate on every request vs one that embeds at upload time and caches.
 *  5. (--only staleness, or all) how stale such a cache gets under creators' edits, by edit rate.
 *  6. (--only designs, or all) cache designs end to end under edits: freshness, answers within the
 *     deadline, and cost (Server-Timing cpu per answer, and the service's whole CPU).
 *
 *   npx tsc -b && node bench/dist/images/images-bench.js [--seconds S] [--only render|embed|events|tradeoff|staleness|designs]
 */
const SECONDS = arg('seconds', 1.5);
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const SIZE = 64;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

function scenes(n: number, seed: string): string[] {
  const rng = new RandomStream(seed);
  const style = new Float32Array(STYLE_DIM);
  const p = new Float32Array(STYLE_DIM);
  return Array.from({ length: n }, (_, i) => {
    randomStyle(rng, style);
    sampleParams(style, 0, 0.07, rng, p);
    return sceneSvg(p, new RandomStream(`${seed}/${i}`), SIZE);
  });
}

/** Items/s for `seconds`: `inFlight` loops, each awaiting one call after another. */
async function rate(run: (i: number) => Promise<unknown>, itemsPerRun: number, inFlight: number, seconds = SECONDS): Promise<number> {
  for (let i = 0; i < inFlight * 2; i++) await run(i);
  let items = 0;
  let next = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        await run(next++);
        items += itemsPerRun;
      }
    }),
  );
  return items / ((performance.now() - start) / 1000);
}

async function renders(): Promise<void> {
  const svgs = scenes(512, 'bench-render');
  const renderer = new ImageRenderer(SIZE);
  const raws = await Promise.all(svgs.map((svg) => renderer.raw(svg)));
  // sharp runs each operation on libuv's thread pool: 16 in flight keep both cores busy.
  const inFlight = 16;
  const encodeOnly = await rate((i) => renderer.encode(raws[i % raws.length], NO_EFFECTS), 1, inFlight);
  const rasterise = await rate((i) => renderer.raw(svgs[i % svgs.length]), 1, inFlight);
  const sheet = await rate((i) => renderer.rawMany(svgs.slice((i * 16) % svgs.length, ((i * 16) % svgs.length) + 16)), 16, 2);
  const fullSheet = await rate(
    async (i) =>
      Promise.all((await renderer.rawMany(svgs.slice((i * 16) % svgs.length, ((i * 16) % svgs.length) + 16))).map((raw) => renderer.encode(raw, NO_EFFECTS))),
    16,
    2,
  );
  const full = await rate(async (i) => renderer.encode(await renderer.raw(svgs[i % svgs.length]), NO_EFFECTS), 1, inFlight);
  const fx = { ...NO_EFFECTS, brightness: 0.7, filter: 'sepia' as const };
  const withEffects = await rate(async (i) => renderer.encode(await renderer.raw(svgs[i % svgs.length]), fx), 1, inFlight);
  const png = await renderer.encode(raws[0], NO_EFFECTS);
  console.log(`\n## Renders (${SIZE}x${SIZE}, sharp ${sharp.versions.sharp}, libvips ${sharp.versions.vips}, ${inFlight} in flight)\n`);
  console.log(
    table(
      ['step', 'images/s', 'x baseline'],
      [
        ['PNG encode of ready pixels (baseline)', encodeOnly, 1],
        ['SVG scene -> clean RGB (librsvg), one by one', rasterise, rasterise / encodeOnly],
        ['SVG scenes -> clean RGB, sprite sheets of 16', sheet, sheet / encodeOnly],
        ['upload render one by one: SVG -> RGB -> PNG', full, full / encodeOnly],
        ['upload render as the domain does it: sheets of 16, then PNGs', fullSheet, fullSheet / encodeOnly],
        ['upload render with lighting + sepia drift', withEffects, withEffects / encodeOnly],
      ],
    ),
  );
  console.log(`(a 64x64 scene PNG is ${png.length} bytes here; aim: >= 1,000 upload renders/s)`);
}

async function embeddings(): Promise<void> {
  const renderer = new ImageRenderer(SIZE);
  const raws = await Promise.all(scenes(256, 'bench-embed').map((svg) => renderer.raw(svg)));
  const tensors = raws.map((data) =>
    imageToTensor({ width: SIZE, height: SIZE, channels: 3, data }, { width: 64, height: 64, layout: 'NCHW', scale: 1 / 255 }),
  );
  const item = 3 * 64 * 64;
  const batchOf = (b: number, i: number) => {
    const data = new Float32Array(b * item);
    for (let k = 0; k < b; k++) data.set(tensors[(i * b + k) % tensors.length], k * item);
    return { [IMAGE_WORLD.input]: float32Tensor([b, 3, 64, 64], data) };
  };
  const setups: { label: string; options: ModelRunnerOptions; inFlight: number }[] = [
    { label: '1 session x 1 thread', options: { intraOpNumThreads: 1 }, inFlight: 1 },
    { label: 'pool 2 workers x 1 thread', options: { workers: 2, intraOpNumThreads: 1 }, inFlight: 2 },
  ];
  const rows: (string | number)[][] = [];
  let baseline = 0;
  for (const batch of [1, 8, 32]) {
    const row: (string | number)[] = [`batch ${batch}`];
    for (const setup of setups) {
      const runner = await ModelRunner.create(DEFAULT_MODELS.image, setup.options);
      const r = await rate((i) => runner.run(batchOf(batch, i)), batch, setup.inFlight);
      await runner.close();
      if (batch === 1 && setup.inFlight === 1) baseline = r;
      row.push(r, r / baseline);
    }
    rows.push(row);
  }
  const world = await ImageWorld.load({ intraOpNumThreads: 1, maxBatch: 32, maxDelayMs: 1 });
  const images = raws.map((data) => ({ width: SIZE, height: SIZE, channels: 3 as const, data }));
  const truths = await rate(() => world.truths(images.slice(0, 64)), 64, 1);
  await world.close();
  console.log(`\n## Ground-truth embeddings (image-world-v1, rendered ${SIZE}x${SIZE} scenes, onnxruntime-node)\n`);
  console.log(table(['batch', setups[0].label, 'x', setups[1].label, 'x'], rows));
  console.log(
    `domain path (RGB -> preprocessing -> batched ImageWorld.truths, 1 thread): ${Math.round(truths).toLocaleString('en-US')} images/s (aim: >= 1,000 embeddings/s)`,
  );
}

async function events(): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const [label, days, world] of [
    ['defaults (2,000 users, 200 creators)', 7, {}],
    ['20,000 users, 1,000 creators', 2, { users: 20_000, creators: 1_000, initialImages: 1_000 }],
  ] as const) {
    const config = s.object(runConfigFields).parse({ domain: 'images', seed: 'bench', days, progress: false }, '');
    const domainConfig = imagesDomain.config.parse(world, 'images');
    const sim = new Simulation({ config, domainConfig, plugin: imagesDomain, transport: new MemoryTransport() });
    const t0 = performance.now();
    // CPU of the whole process (sharp's and onnxruntime's threads too): wall time on a shared machine says little.
    const cpu0 = process.cpuUsage();
    await sim.init();
    const build = (performance.now() - t0) / 1000;
    const summary = await sim.run();
    const total = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    rows.push([
      label,
      days,
      summary.events,
      build,
      summary.wallSeconds,
      summary.eventsPerSecond,
      summary.events / total,
      cpuSeconds,
      summary.events / cpuSeconds,
      Number(summary.world.uploads),
    ]);
  }
  console.log('\n## Simulated image events (in-process predictor: popular feed + creator-reports moderator, memory transport)\n');
  console.log(
    table(
      [
        'world',
        'days',
        'events',
        'build s',
        'run s',
        'events/s (run)',
        'events/s (incl. build)',
        'CPU s (build + run)',
        'events per CPU s',
        'uploads rendered+embedded',
      ],
      rows,
    ),
  );
}

console.log(
  `bench/images: ${machine()}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}, ${SECONDS} s per cell`,
);
if (!ONLY || ONLY === 'render') await renders();
if (!ONLY || ONLY === 'embed') await embeddings();
if (!ONLY || ONLY === 'events') await events();
if (!ONLY || ONLY === 'tradeoff') await runTradeoff();
if (!ONLY || ONLY === 'staleness') await runStaleness();
if (!ONLY || ONLY === 'designs') await runCacheDesigns();
console.log(
  `\nload average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
