import { describe, expect, it } from 'vitest';
import { RandomStream } from '../rng/random-stream.js';
import { popcount } from './popcount.js';

describe('popcount', () => {
  it('counts the set bits of any 32-bit word, the sign bit included', () => {
    const rng = new RandomStream('popcount');
    const words = [0, 1, -1, 0x8000_0000, 0x7fff_ffff, 0xffff_ffff, ...Array.from({ length: 500 }, () => rng.nextUint32() | 0)];
    for (const word of words) expect(popcount(word)).toBe([...(word >>> 0).toString(2)].filter((c) => c === '1').length);
  });
});
