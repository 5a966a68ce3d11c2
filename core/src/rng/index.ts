export { RandomStream, hashSeed } from './random-stream.js';
export { RngStreams } from './rng-streams.js';
