import type { RandomStream } from '@prodsim/core';
import { movieSlug, romanNumeral } from './slug.js';
import { ADJECTIVES, NAMES, NOUNS, PLACES, SEQUEL_MARKS } from './words.js';

/**
 * Invented movie titles with the punctuation real titles have (colons, commas, apostrophes,
 * ampersands, accents, periods), so that slugs on synthetic worlds exercise every slug rule.
 */
export function generateTitle(rng: RandomStream, previous: readonly string[]): string {
  const r = rng.next();
  const adj = () => rng.pick(ADJECTIVES);
  const noun = () => rng.pick(NOUNS);
  if (r < 0.06 && previous.length > 0) {
    const base = rng.pick(previous);
    if (base.length < 30 && !/(II|2|3|Return)/.test(base)) return base + rng.pick(SEQUEL_MARKS);
  }
  if (r < 0.22) return `The ${adj()} ${noun()}`;
  if (r < 0.32) return `${noun()} of the ${noun()}`;
  if (r < 0.4) return `${rng.pick(NAMES)}'s ${noun()}`;
  if (r < 0.48) return `${adj()} ${noun()}s`;
  if (r < 0.56) return `${noun()}: The ${adj()} ${noun()}`;
  if (r < 0.6) return `${noun()}s, Inc.`;
  if (r < 0.65) return `${noun()} & ${noun()}`;
  if (r < 0.71) return `${rng.pick(PLACES)} ${noun()}`;
  if (r < 0.75) return `${2 + rng.int(98)} ${adj()} ${noun()}s`;
  if (r < 0.8) return `${rng.pick(NAMES)} and the ${noun()}`;
  if (r < 0.83) return `Mr. ${rng.pick(NAMES)}`;
  if (r < 0.86) return `${noun()}, ${noun()}`;
  if (r < 0.89) return `What the ${noun()} Knew`;
  if (r < 0.92) return `${adj()}-${noun()}`;
  if (r < 0.95) return `${noun()}!`;
  return `${adj()} ${noun()}`;
}

/**
 * A generated title made unique within its year: a title that comes again is numbered as a
 * sequel would be ("The Silent Harbor II"), so that no two synthetic movies share a title and a
 * year, and so an id. `taken` says whether a movie id is in use. No random draw is spent, so the
 * rest of a seeded catalogue stays as it was. The numeral is found by doubling, then halving
 * (a short word list repeats a title hundreds of times a year in a large catalogue): the lowest
 * free one when the numbers in use run from II up, and always a free one.
 */
export function uniqueTitle(title: string, year: number, taken: (slug: string) => boolean): string {
  if (!taken(movieSlug(title, year))) return title;
  const numbered = (k: number) => `${title} ${romanNumeral(k)}`;
  const isTaken = (k: number) => taken(movieSlug(numbered(k), year));
  let lo = 1;
  let hi = 2;
  while (isTaken(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (isTaken(mid)) lo = mid;
    else hi = mid;
  }
  return numbered(hi);
}
