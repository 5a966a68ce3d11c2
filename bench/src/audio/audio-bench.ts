import { loadavg } from 'node:os';
import { MemoryTransport, RandomStream, RngStreams, runConfigFields, s, Simulation } from '@prodsim/core';
import {
  audioDomain,
  ClipRenderer,
  describeClip,
  encodeWav,
  musicStyle,
  STARTING_GENRES,
  TEXTURES,
  TruthOracle,
  type ClipDescription,
  type Recording,
} from '@prodsim/domain-audio';
import { AudioWorld, SAMPLE_RATE, SpeechDetector, syntheticClip, tone } from '@prodsim/ground-truth-models';
import { machine, table } from '../report.js';

/**
 * bench/audio: the audio domain's throughput.
 *
 *  1. synthesis: clips rendered per second and x real time, by kind (music loops, textures, formant
 *     babble, a creator-like mix), WAV encoding included; baselines in the same run: a plain tone
 *     of the same length and the ground-truth kit's calibration-clip generator (syntheticClip).
 *  2. truth: clips/s through the audio world (log-mel CNN) at batch 1 and 16, and through Silero
 *     VAD (SpeechDetector) at batch 1 and 16; 6 s clips, one session on this thread, 1 intra-op thread.
 *  3. simulation: audio events per second of wall time for a default world (voice off) with the
 *     built-in in-process predictor, whole run (uploads rendered and judged at each day start) and
 *     behaviour only (no uploads during the run); and events per CPU second of the process (build
 *     and run), the figure to compare on a shared machine.
 *
 *   npx tsc -b && node bench/dist/audio/audio-bench.js [--seconds S] [--days D] [--only synth|truth|events]
 */
const SECONDS = arg('seconds', 2);
const DAYS = arg('days', 3);
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

const rec: Recording = { sampleRate: 16_000, noise: 0.004, level: 0.7 };

/** Runs `make(i)` for about SECONDS; returns items per second and audio seconds per wall second. */
function rate(make: (i: number) => number): { perSecond: number; realTime: number } {
  make(0);
  const start = performance.now();
  let n = 0;
  let audio = 0;
  while (performance.now() - start < SECONDS * 1000) audio += make(++n);
  const wall = (performance.now() - start) / 1000;
  return { perSecond: n / wall, realTime: audio / wall };
}

function synthesis(): void {
  const renderer = new ClipRenderer();
  const streams = new RngStreams('bench');
  const rng = new RandomStream('bench-descriptions');
  const pools: Record<string, ClipDescription[]> = {
    'music loops': Array.from({ length: 40 }, (_, i) => describeClip(musicStyle(STARTING_GENRES[i % STARTING_GENRES.length], rng), rng, rec)),
    textures: Array.from({ length: 40 }, (_, i) =>
      describeClip({ kind: 'texture', texture: TEXTURES[i % TEXTURES.length], frequency: 300, density: 3 }, rng, rec),
    ),
    'formant babble': Array.from({ length: 40 }, () => describeClip({ kind: 'babble', pitchHz: rng.uniform(90, 230), syllableRate: 4.5, bed: 0 }, rng, rec)),
    'phone-band (8 kHz device) music': Array.from({ length: 40 }, (_, i) =>
      describeClip(musicStyle(STARTING_GENRES[i % STARTING_GENRES.length], rng), rng, { sampleRate: 8000, noise: 0.02, level: 0.6 }),
    ),
  };
  // What creators upload by default: half music, a fifth textures, the rest talk.
  pools['creator mix'] = Array.from(
    { length: 60 },
    (_, i) => (i % 10 < 5 ? pools['music loops'] : i % 10 < 7 ? pools.textures : pools['formant babble'])[i % 40],
  );
  const rows: (string | number)[][] = [];
  const baseSeconds = 6;
  const toneRate = rate(() => (encodeWav(tone(440, baseSeconds, 0.5, [0.5, 0.3]), SAMPLE_RATE), baseSeconds));
  const kitRng = new RandomStream('kit');
  const kitRate = rate(() => (encodeWav(syntheticClip(kitRng, baseSeconds), SAMPLE_RATE), baseSeconds));
  for (const [name, pool] of Object.entries(pools)) {
    const r = rate((i) => {
      const d = pool[i % pool.length];
      encodeWav(renderer.render(d, streams.derive('clip', i)), SAMPLE_RATE);
      return d.seconds;
    });
    rows.push([name, r.perSecond, `${Math.round(r.realTime)}x`, (r.realTime / toneRate.realTime).toFixed(2)]);
  }
  rows.push([`baseline: tone + WAV (${baseSeconds} s)`, toneRate.perSecond, `${Math.round(toneRate.realTime)}x`, '1.00']);
  rows.push([
    `baseline: kit syntheticClip + WAV (${baseSeconds} s)`,
    kitRate.perSecond,
    `${Math.round(kitRate.realTime)}x`,
    (kitRate.realTime / toneRate.realTime).toFixed(2),
  ]);
  console.log(`\n## Clip synthesis (render + 16-bit WAV encode; clips 2-10 s, mean 6 s)\n`);
  console.log(table(['kind', 'clips/s', 'x real time', 'speed vs tone'], rows));
}

async function truth(): Promise<void> {
  const renderer = new ClipRenderer();
  const rng = new RandomStream('bench-truth');
  const streams = new RngStreams('bench-truth');
  const clips = Array.from({ length: 32 }, (_, i) => {
    const d = describeClip(i % 3 === 0 ? { kind: 'babble', pitchHz: 140, syllableRate: 4.5, bed: 0 } : musicStyle(STARTING_GENRES[i % 5], rng), rng, rec);
    return renderer.render({ ...d, seconds: 6 } as ClipDescription, streams.derive('clip', i));
  });
  const world = await AudioWorld.load({ workers: 0, maxBatch: 16 });
  const vad = await SpeechDetector.load({ workers: 0, maxBatch: 16 });
  const oracle = await TruthOracle.load({ workers: 0 });
  const measure = async (f: (batch: Float32Array[]) => Promise<unknown>, batch: number) => {
    await f(clips.slice(0, batch));
    const start = performance.now();
    let n = 0;
    while (performance.now() - start < SECONDS * 1000) {
      const offset = (n * batch) % (clips.length - batch + 1);
      await f(clips.slice(offset, offset + batch));
      n += batch;
    }
    return n / ((performance.now() - start) / 1000);
  };
  const rows: (string | number)[][] = [];
  const w1 = await measure(async (b) => world.truth(b[0]), 1);
  const w16 = await measure((b) => world.truths(b), 16);
  const v1 = await measure(async (b) => vad.analyse(b[0]), 1);
  const v16 = await measure((b) => Promise.all(b.map((c) => vad.analyse(c))), 16);
  const both16 = await measure((b) => oracle.truths(b), 16);
  rows.push(['audio world (embedding, explicit, category)', w1, w16, (w16 / w1).toFixed(2)]);
  rows.push(['Silero VAD (speech), SpeechDetector', v1, v16, (v16 / v1).toFixed(2)]);
  rows.push(['both, as the domain runs them (TruthOracle.truths)', '', both16, '']);
  console.log(`\n## Ground-truth inferences (6 s clips, clips/s; one session on this thread, 1 intra-op thread)\n`);
  console.log(table(['model', 'batch 1', 'batch 16', 'batch 16 / batch 1'], rows));
  await Promise.all([world.close(), vad.close(), oracle.close()]);
}

async function events(): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const [label, world] of [
    ['default world, uploads rendered and judged each day', { voice: 'off' }],
    ['behaviour only (no uploads during the run)', { voice: 'off', uploadsPerDay: 0 }],
    ['10x listeners (6,000), behaviour only', { voice: 'off', uploadsPerDay: 0, users: 6000 }],
  ] as const) {
    const config = s.object(runConfigFields).parse({ domain: 'audio', seed: 'bench', days: DAYS, progress: false }, '');
    const domainConfig = audioDomain.config.parse(world, 'audio');
    const sim = new Simulation({ config, domainConfig, plugin: audioDomain, transport: new MemoryTransport() });
    const t0 = performance.now();
    // CPU of the whole process (onnxruntime's threads too): wall time on a shared machine says little.
    const cpu0 = process.cpuUsage();
    await sim.init();
    const built = (performance.now() - t0) / 1000;
    const summary = await sim.run();
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    rows.push([
      label,
      `${built.toFixed(1)} s`,
      summary.events,
      `${summary.wallSeconds.toFixed(1)} s`,
      summary.eventsPerSecond,
      `${cpuSeconds.toFixed(1)} s`,
      summary.events / cpuSeconds,
      String(summary.world['listen-through rate']),
    ]);
  }
  console.log(`\n## Simulated audio events (${DAYS} days, in-process predictor: popular + creator-history)\n`);
  console.log(table(['world', 'build (backlog truth)', 'events', 'run wall', 'events/s', 'CPU (build + run)', 'events per CPU s', 'listen-through'], rows));
}

console.log(
  `# bench/audio (${machine()}, load average ${loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')})`,
);
if (!ONLY || ONLY === 'synth') synthesis();
if (!ONLY || ONLY === 'truth') await truth();
if (!ONLY || ONLY === 'events') await events();
