import type { RandomStream } from '@prodsim/core';

const SUBJECTS = [
  'the river',
  'my neighbour',
  'a small robot',
  'the morning train',
  'our garden',
  'the old lighthouse',
  'this recipe',
  'the city council',
  'a yellow kite',
  'the night shift',
];
const VERBS = ['remembers', 'follows', 'explains', 'builds', 'forgets', 'paints', 'carries', 'describes', 'finds', 'answers'];
const OBJECTS = [
  'a quiet song',
  'the last bus home',
  'seven green apples',
  'the broken clock',
  'a letter from Lisbon',
  'the weather report',
  'an empty stadium',
  'the secret path',
  'two cups of tea',
  'the winter market',
];
const TAILS = [
  'before sunrise',
  'every single day',
  'without a sound',
  'in the rain',
  'after the meeting',
  'on the radio',
  'near the harbour',
  'just in time',
  'once again',
  'for the first time',
];
const OPENERS = ['Today', 'Honestly', 'Listen', 'So', 'Believe it or not', 'Last week', 'In this episode', 'Good evening'];

/** A seeded spoken sentence or two for "voice" creators (plain English, any TTS voice can read it). */
export function seededSentence(rng: RandomStream, sentences = 1 + rng.int(2)): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) {
    const opener = rng.bernoulli(0.4) ? `${rng.pick(OPENERS)}, ` : '';
    const s = `${opener}${rng.pick(SUBJECTS)} ${rng.pick(VERBS)} ${rng.pick(OBJECTS)} ${rng.pick(TAILS)}.`;
    out.push(s.charAt(0).toUpperCase() + s.slice(1));
  }
  return out.join(' ');
}
