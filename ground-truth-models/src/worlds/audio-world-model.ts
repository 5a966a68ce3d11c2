import { ConfigError, RngStreams } from '@prodsim/core';
import { columnStats, designHead, principalAxes, standardise, type Matrix } from '../authoring/calibration.js';
import { GraphBuilder } from '../authoring/graph-builder.js';
import { evaluateGraph } from '../authoring/reference-evaluator.js';
import { heNormal, normalArray } from '../authoring/seeded-init.js';
import { syntheticClip } from '../media/synthetic-audio.js';
import { AUDIO_FRONT_END, stackedMelFilterbank, windowedDftMatrix } from './log-mel.js';
import type { AuthoredModel } from './image-world-model.js';

/** The names a domain needs to run the audio world model. */
export const AUDIO_WORLD = {
  id: 'audio-world/v1',
  input: 'audio',
  outputs: { embedding: 'embedding', explicit: 'explicit', categories: 'categories' },
  sampleRate: AUDIO_FRONT_END.sampleRate,
  /** The input length must be a multiple of this (one non-overlapping 16 ms frame). */
  frame: AUDIO_FRONT_END.frame,
  minSeconds: 2,
  maxSeconds: 10,
} as const;

export interface AudioWorldOptions {
  /** The secret: every weight, the calibration clips and the heads derive from it. */
  readonly seed: string;
  /** Channels of the three stride-2 1-D conv layers over time; the last is the embedding width. */
  readonly channels?: readonly [number, number, number];
  /** Number of latent categories (softmax head). */
  readonly categories?: number;
  /** Synthetic 2 s clips the features and heads are calibrated on. */
  readonly calibrationClips?: number;
}

export const AUDIO_WORLD_DEFAULTS = { channels: [64, 64, 64] as const, categories: 8, calibrationClips: 64 };

/** The explicit-content logit on the calibration clips: mean -1.4, sd 1.8 (~20% score above 0.5). */
const EXPLICIT_TARGET = { mean: -1.4, sd: 1.8 };
const CATEGORY_TARGET = { mean: 0, sd: 1.6 };
const HEAD_AXES = 8;
/** Added to mel power before the log, so digital silence gives a finite floor. */
const LOG_FLOOR = 1e-6;
const CALIBRATION_SECONDS = 2;

/**
 * Authors the audio world. The log-mel front end is inside the graph (frames of 256 samples
 * without overlap, Hann-windowed DFT as a MatMul, power, 40-band mel filterbank as a MatMul, log),
 * followed by per-band normalisation (calibrated), three 1-D conv + ReLU layers over time with
 * stride 2, and global average pooling over time, so clips of any length (a multiple of 256
 * samples) give a fixed-size embedding. Hidden heads: `explicit` (sigmoid) and `categories`
 * (softmax over K).
 */
export function buildAudioWorldModel(options: AudioWorldOptions): AuthoredModel {
  const o = resolveOptions(options);
  const fe = AUDIO_FRONT_END;
  const bins = fe.frame / 2 + 1;
  const rng = new RngStreams(`audio-world/v1\u0000${o.seed}`);
  const weights = rng.stream('weights');
  const [c1, c2, c3] = o.channels;

  const g = new GraphBuilder('audio_world_v1');
  const audio = g.input(AUDIO_WORLD.input, ['batch', 'samples']);
  const frames = g.reshape(audio, [0, -1, fe.frame], 'frames');
  const spectrum = g.matmul(frames, g.floats('dft', [fe.frame, 2 * bins], windowedDftMatrix(fe.frame)), 'spectrum');
  const power = g.mul(spectrum, spectrum, 'power');
  const mel = g.matmul(power, g.floats('mel_filterbank', [2 * bins, fe.melBands], stackedMelFilterbank(fe)), 'mel');
  const logmel = g.log(g.add(mel, g.floats('log_floor', [1], [LOG_FLOOR])), 'logmel');

  const calib = rng.stream('calibration');
  const n = o.calibrationClips;
  const len = CALIBRATION_SECONDS * fe.sampleRate;
  const batch = new Float64Array(n * len);
  for (let i = 0; i < n; i++) batch.set(syntheticClip(calib, CALIBRATION_SECONDS), i * len);
  const [lm] = evaluateGraph(g, { [audio]: { dims: [n, len], data: batch } }, [logmel]);
  const bandStats = columnStats({ rows: lm.data.length / fe.melBands, cols: fe.melBands, data: lm.data });

  const normalised = g.mul(
    g.sub(logmel, g.floats('band_mean', [fe.melBands], bandStats.mean)),
    g.floats(
      'band_inv_sd',
      [fe.melBands],
      Array.from(bandStats.sd, (v) => 1 / v),
    ),
    'logmel_normalised',
  );
  let x = g.transpose(normalised, [0, 2, 1], 'bands_by_time');
  let inC = fe.melBands;
  for (const [i, [outC, k]] of [
    [c1, 5],
    [c2, 3],
    [c3, 3],
  ].entries()) {
    const w = g.constant(`conv${i + 1}_w`, [outC, inC, k], heNormal(weights, outC * inC * k, inC * k));
    const b = g.constant(`conv${i + 1}_b`, [outC], normalArray(weights, outC, 0.05));
    x = g.relu(g.conv(x, w, b, { kernel: [k], strides: [2], pads: [(k - 1) / 2, (k - 1) / 2] }, `conv${i + 1}`), `conv${i + 1}_relu`);
    inC = outC;
  }
  const features = g.flatten(g.globalAveragePool(x, 'pooled'), 1, 'features');

  const [feat] = evaluateGraph(g, { [logmel]: lm }, [features]);
  const f: Matrix = { rows: n, cols: c3, data: feat.data };
  const stats = columnStats(f);
  const z = standardise(f, stats);
  const axes = principalAxes(z, Math.min(HEAD_AXES, c3), rng.stream('axes'));

  const embedding = g.mul(
    g.sub(features, g.floats('feature_mean', [c3], stats.mean)),
    g.floats(
      'feature_inv_sd',
      [c3],
      Array.from(stats.sd, (v) => 1 / v),
    ),
    AUDIO_WORLD.outputs.embedding,
  );
  const heads = rng.stream('heads');
  const explicitHead = designHead(z, axes, 1, EXPLICIT_TARGET, heads);
  const explicitLogit = g.gemm(
    embedding,
    g.constant('explicit_w', [c3, 1], explicitHead.weight),
    g.constant('explicit_b', [1], explicitHead.bias),
    'explicit_logit',
  );
  const explicit = g.reshape(g.sigmoid(explicitLogit, 'explicit_score'), [-1], AUDIO_WORLD.outputs.explicit);
  const categoryHead = designHead(z, axes, o.categories, CATEGORY_TARGET, heads);
  const categoryLogits = g.gemm(
    embedding,
    g.constant('category_w', [c3, o.categories], categoryHead.weight),
    g.constant('category_b', [o.categories], categoryHead.bias),
    'category_logits',
  );
  const categories = g.softmax(categoryLogits, -1, AUDIO_WORLD.outputs.categories);

  g.output(embedding, ['batch', c3]);
  g.output(explicit, ['batch']);
  g.output(categories, ['batch', o.categories]);

  const metadata = {
    'prodsim.world': AUDIO_WORLD.id,
    'prodsim.input': `${AUDIO_WORLD.input}: float32 [batch, samples], 16 kHz mono in -1..1, samples a multiple of ${fe.frame} (2-10 s)`,
    'prodsim.sample_rate': String(fe.sampleRate),
    'prodsim.frame': String(fe.frame),
    'prodsim.mel_bands': String(fe.melBands),
    'prodsim.embedding_dim': String(c3),
    'prodsim.categories': String(o.categories),
    'prodsim.channels': o.channels.join(','),
  };
  const bytes = g.toBytes({
    docString:
      'prodsim audio world v1: a seeded secret world. Outputs: embedding (standardised log-mel CNN features), explicit (hidden explicit-content score), categories (hidden latent category probabilities).',
    metadata,
  });
  return { bytes, metadata };
}

function resolveOptions(options: AudioWorldOptions): Required<AudioWorldOptions> {
  const o = { ...AUDIO_WORLD_DEFAULTS, ...options };
  if (typeof o.seed !== 'string' || o.seed.length === 0) throw new ConfigError('seed', o.seed, 'a non-empty string');
  if (!Array.isArray(o.channels) || o.channels.length !== 3 || o.channels.some((c) => !Number.isInteger(c) || c < 1 || c > 512)) {
    throw new ConfigError('channels', o.channels, 'three integers from 1 to 512');
  }
  if (!Number.isInteger(o.categories) || o.categories < 2 || o.categories > 1000)
    throw new ConfigError('categories', o.categories, 'an integer from 2 to 1000');
  if (!Number.isInteger(o.calibrationClips) || o.calibrationClips < 16) throw new ConfigError('calibrationClips', o.calibrationClips, 'an integer >= 16');
  return o as Required<AudioWorldOptions>;
}
