export { RandomSource } from './random-source.js';
export { RandomStream, hashSeed } from './random-stream.js';
export type { RandomStreamState } from './random-stream.js';
export { KeyedRandom } from './keyed-random.js';
export type { KeyedRandomState } from './keyed-random.js';
export { RngStreams } from './rng-streams.js';
export type { RngStreamsState } from './rng-streams.js';
