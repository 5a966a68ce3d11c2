/** The number of set bits of a 32-bit word (a genre mask, a word of a bitset). */
export function popcount(word: number): number {
  let m = word - ((word >>> 1) & 0x55555555);
  m = (m & 0x33333333) + ((m >>> 2) & 0x33333333);
  return (((m + (m >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}
