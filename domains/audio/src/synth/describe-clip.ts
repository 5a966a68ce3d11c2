import type { RandomStream } from '@prodsim/core';
import { seededSentence } from '../voice/sentences.js';
import {
  MAX_SECONDS,
  MIN_SECONDS,
  type BabbleDescription,
  type ClipDescription,
  type DrumPattern,
  type InstrumentName,
  type MusicDescription,
  type Recording,
  type ScaleName,
  type TextureDescription,
  type TextureName,
  type VoiceDescription,
} from './clip-description.js';
import type { Genre } from './genres.js';

/**
 * What a creator makes, as parameters that drift: a musician's genre and own tempo, instrument
 * and scale within it; a texture artist's texture; a talker's voice. `describe` draws one clip
 * from it.
 */
export type CreatorStyle =
  | { kind: 'music'; genre: Genre; tempo: number; instrument: InstrumentName; scale: ScaleName; drums: DrumPattern }
  | { kind: 'texture'; texture: TextureName; frequency: number; density: number }
  | { kind: 'babble'; pitchHz: number; syllableRate: number; bed: number }
  | { kind: 'voice'; voice: string; pitch: number; speed: number };

export function clipSeconds(rng: RandomStream): number {
  return MIN_SECONDS + rng.int(MAX_SECONDS - MIN_SECONDS + 1);
}

export function describeClip(style: CreatorStyle, rng: RandomStream, recording: Recording): ClipDescription {
  switch (style.kind) {
    case 'music':
      return describeMusic(style, rng, recording);
    case 'texture':
      return {
        kind: 'texture',
        seconds: clipSeconds(rng),
        texture: style.texture,
        frequency: round(style.frequency * rng.uniform(0.85, 1.15)),
        density: round(style.density * rng.uniform(0.7, 1.3)),
        recording,
      } satisfies TextureDescription;
    case 'babble':
      return {
        kind: 'babble',
        seconds: clipSeconds(rng),
        pitchHz: round(style.pitchHz * rng.uniform(0.95, 1.05)),
        syllableRate: round(style.syllableRate * rng.uniform(0.9, 1.1)),
        bed: style.bed,
        recording,
      } satisfies BabbleDescription;
    case 'voice':
      return {
        kind: 'voice',
        seconds: 3 + rng.int(MAX_SECONDS - 2),
        text: seededSentence(rng),
        voice: style.voice,
        pitch: style.pitch,
        speed: style.speed,
        recording,
      } satisfies VoiceDescription;
  }
}

function describeMusic(style: Extract<CreatorStyle, { kind: 'music' }>, rng: RandomStream, recording: Recording): MusicDescription {
  const g = style.genre;
  const pattern: number[] = [];
  let degree = rng.int(5);
  for (let s = 0; s < 16; s++) {
    // Strong beats sound more often; the melody walks by small steps.
    const p = s % 4 === 0 ? Math.min(1, g.density * 1.6) : g.density * 0.8;
    if (rng.bernoulli(p)) {
      degree = Math.max(0, Math.min(9, degree + rng.int(5) - 2));
      pattern.push(degree);
    } else pattern.push(-1);
  }
  if (pattern.every((x) => x < 0)) pattern[0] = 0;
  const progressions = [[0], [0, 3], [0, 5, 3, 4], [0, 4, 5, 3], [0, 0, 3, 4]];
  return {
    kind: 'music',
    seconds: clipSeconds(rng),
    genre: g.name,
    scale: style.scale,
    root: g.root[0] + rng.int(g.root[1] - g.root[0] + 1),
    tempo: Math.round(style.tempo * rng.uniform(0.95, 1.05)),
    instrument: style.instrument,
    pattern,
    progression: rng.pick(progressions),
    bass: rng.bernoulli(g.bass),
    drums: style.drums,
    swing: round(rng.uniform(g.swing[0], g.swing[1])),
    recording,
  };
}

/** A new musician's style in `genre`. */
export function musicStyle(genre: Genre, rng: RandomStream): CreatorStyle {
  return {
    kind: 'music',
    genre,
    tempo: Math.round(rng.uniform(genre.tempo[0], genre.tempo[1])),
    instrument: rng.pick(genre.instruments),
    scale: rng.pick(genre.scales),
    drums: rng.pick(genre.drums),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
