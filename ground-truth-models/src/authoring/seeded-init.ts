import type { RandomStream } from '@prodsim/core';

/** `count` draws from N(0, sd^2) as float32. */
export function normalArray(rng: RandomStream, count: number, sd: number, mean = 0): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = rng.normal(mean, sd);
  return out;
}

/**
 * He (Kaiming) normal initialisation: N(0, 2/fanIn), which keeps the variance of activations
 * roughly constant through ReLU layers, so a randomly weighted network still responds to its
 * input instead of fading to zero or exploding.
 */
export function heNormal(rng: RandomStream, count: number, fanIn: number): Float32Array {
  return normalArray(rng, count, Math.sqrt(2 / fanIn));
}
