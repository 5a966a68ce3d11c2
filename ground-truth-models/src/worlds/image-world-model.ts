import { RngStreams } from '@prodsim/core';
import { columnStats, designHead, principalAxes, standardise, type Matrix } from '../authoring/calibration.js';
import { GraphBuilder } from '../authoring/graph-builder.js';
import { evaluateGraph } from '../authoring/reference-evaluator.js';
import { heNormal, normalArray } from '../authoring/seeded-init.js';
import { imageToTensor } from '../media/rgb-image.js';
import { syntheticImage } from '../media/synthetic-images.js';
import { ConfigError } from '@prodsim/core';

/** The names a domain needs to run the image world model. */
export const IMAGE_WORLD = {
  id: 'image-world/v1',
  input: 'image',
  outputs: { embedding: 'embedding', violation: 'violation', categories: 'categories' },
  /** Pixels are scaled to 0..1 before the graph; the graph normalises with these itself. */
  pixelMean: 0.5,
  pixelStd: 0.25,
} as const;

export interface ImageWorldOptions {
  /** The secret: every weight, the calibration images and the heads derive from it. */
  readonly seed: string;
  /** Input is size x size RGB; 64 by default. */
  readonly size?: number;
  /** Channels of the three stride-2 conv layers; the last is the embedding width. */
  readonly channels?: readonly [number, number, number];
  /** Number of latent categories (softmax head). */
  readonly categories?: number;
  /** Synthetic images the features and heads are calibrated on. */
  readonly calibrationImages?: number;
}

export const IMAGE_WORLD_DEFAULTS = { size: 64, channels: [16, 32, 64] as const, categories: 8, calibrationImages: 128 };

/** Where the violation logit sits on the calibration images: mean -1.2, sd 1.8 (so ~25% score above 0.5). */
const VIOLATION_TARGET = { mean: -1.2, sd: 1.8 };
/** Category logits: centred (balanced categories) with enough spread that the top one usually stands out. */
const CATEGORY_TARGET = { mean: 0, sd: 1.6 };
/** How many principal directions of content the heads mix. */
const HEAD_AXES = 8;

export interface AuthoredModel {
  readonly bytes: Uint8Array;
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * Authors the image world: a small CNN (normalise, three 3x3 stride-2 conv + ReLU, global
 * average pool) with He-initialised seeded weights, whose pooled features are standardised over
 * seeded synthetic calibration images to give the embedding; two hidden heads read the embedding:
 * `violation` (sigmoid of a projection) and `categories` (softmax over K projections).
 */
export function buildImageWorldModel(options: ImageWorldOptions): AuthoredModel {
  const o = resolveOptions(options);
  const rng = new RngStreams(`image-world/v1\u0000${o.seed}`);
  const weights = rng.stream('weights');
  const [c1, c2, c3] = o.channels;

  const g = new GraphBuilder('image_world_v1');
  const image = g.input(IMAGE_WORLD.input, ['batch', 3, o.size, o.size]);
  const centred = g.sub(image, g.floats('pixel_mean', [1, 3, 1, 1], [IMAGE_WORLD.pixelMean, IMAGE_WORLD.pixelMean, IMAGE_WORLD.pixelMean]), 'centred');
  let x = g.mul(centred, g.floats('pixel_inv_std', [1, 3, 1, 1], new Array(3).fill(1 / IMAGE_WORLD.pixelStd)), 'normalised');
  let inC = 3;
  for (const [i, outC] of [c1, c2, c3].entries()) {
    const w = g.constant(`conv${i + 1}_w`, [outC, inC, 3, 3], heNormal(weights, outC * inC * 9, inC * 9));
    const b = g.constant(`conv${i + 1}_b`, [outC], normalArray(weights, outC, 0.05));
    x = g.relu(g.conv(x, w, b, { kernel: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }, `conv${i + 1}`), `conv${i + 1}_relu`);
    inC = outC;
  }
  const features = g.flatten(g.globalAveragePool(x, 'pooled'), 1, 'features');

  // Calibrate on synthetic images drawn from the seed (so they too are part of the secret).
  const calib = rng.stream('calibration');
  const n = o.calibrationImages;
  const batch = new Float32Array(n * 3 * o.size * o.size);
  for (let i = 0; i < n; i++) imageToTensor(syntheticImage(calib, o.size, o.size), { width: o.size, height: o.size }, batch, i * 3 * o.size * o.size);
  const [feat] = evaluateGraph(g, { [IMAGE_WORLD.input]: { dims: [n, 3, o.size, o.size], data: Float64Array.from(batch) } }, [features]);
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
    IMAGE_WORLD.outputs.embedding,
  );
  const heads = rng.stream('heads');
  const violationHead = designHead(z, axes, 1, VIOLATION_TARGET, heads);
  const violationLogit = g.gemm(
    embedding,
    g.constant('violation_w', [c3, 1], violationHead.weight),
    g.constant('violation_b', [1], violationHead.bias),
    'violation_logit',
  );
  const violation = g.reshape(g.sigmoid(violationLogit, 'violation_score'), [-1], IMAGE_WORLD.outputs.violation);
  const categoryHead = designHead(z, axes, o.categories, CATEGORY_TARGET, heads);
  const categoryLogits = g.gemm(
    embedding,
    g.constant('category_w', [c3, o.categories], categoryHead.weight),
    g.constant('category_b', [o.categories], categoryHead.bias),
    'category_logits',
  );
  const categories = g.softmax(categoryLogits, -1, IMAGE_WORLD.outputs.categories);

  g.output(embedding, ['batch', c3]);
  g.output(violation, ['batch']);
  g.output(categories, ['batch', o.categories]);

  const metadata = {
    'prodsim.world': IMAGE_WORLD.id,
    'prodsim.input': `${IMAGE_WORLD.input}: float32 [batch, 3, ${o.size}, ${o.size}], RGB scaled to 0..1`,
    'prodsim.size': String(o.size),
    'prodsim.embedding_dim': String(c3),
    'prodsim.categories': String(o.categories),
    'prodsim.channels': o.channels.join(','),
  };
  const bytes = g.toBytes({
    docString:
      'prodsim image world v1: a seeded secret world. Outputs: embedding (standardised CNN features), violation (hidden policy-violation score), categories (hidden latent category probabilities).',
    metadata,
  });
  return { bytes, metadata };
}

function resolveOptions(options: ImageWorldOptions): Required<ImageWorldOptions> {
  const o = { ...IMAGE_WORLD_DEFAULTS, ...options };
  if (typeof o.seed !== 'string' || o.seed.length === 0) throw new ConfigError('seed', o.seed, 'a non-empty string');
  if (!Number.isInteger(o.size) || o.size < 16 || o.size > 512) throw new ConfigError('size', o.size, 'an integer from 16 to 512');
  if (!Array.isArray(o.channels) || o.channels.length !== 3 || o.channels.some((c) => !Number.isInteger(c) || c < 1 || c > 512)) {
    throw new ConfigError('channels', o.channels, 'three integers from 1 to 512');
  }
  if (!Number.isInteger(o.categories) || o.categories < 2 || o.categories > 1000)
    throw new ConfigError('categories', o.categories, 'an integer from 2 to 1000');
  if (!Number.isInteger(o.calibrationImages) || o.calibrationImages < 16) throw new ConfigError('calibrationImages', o.calibrationImages, 'an integer >= 16');
  return o as Required<ImageWorldOptions>;
}
