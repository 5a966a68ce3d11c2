import type { RandomStream } from '@prodsim/core';
import { CreatorPool } from '@prodsim/media';
import type { ClipDescription, DrumPattern, InstrumentName, Recording, ScaleName, TextureName } from '../synth/clip-description.js';
import { TEXTURES } from '../synth/clip-description.js';
import { describeClip, type CreatorStyle } from '../synth/describe-clip.js';
import { genreByName, STARTING_GENRES, type Genre } from '../synth/genres.js';
import type { VoiceEngineName } from '../voice/voice-engine.js';

export type CreatorKind = 'music' | 'texture' | 'babble' | 'voice';

const STYLE_DIM = 2;
const ESPEAK_VOICES = ['en-us', 'en-gb', 'en-us+f2', 'en-gb+f4', 'en-029', 'en-us+m3'];
const FLITE_VOICES = ['slt', 'kal', 'rms', 'awb'];

export interface CreatorMix {
  count: number;
  uploadsPerDay: number;
  musicShare: number;
  textureShare: number;
  /** Share of talkers who speak through the TTS engine (0 without one). */
  voiceShare: number;
  voiceEngine: VoiceEngineName | undefined;
}

/**
 * Creators of the audio world: the kit's CreatorPool (continuous style centre, upload rate, memory
 * of recent uploads, drift toward the best-liked one) plus what is categorical in sound: the kind
 * of clip, a musician's genre, instrument, scale and drums, a texture, a voice, and the recording
 * device (which drift scenarios change).
 */
export class AudioCreators {
  readonly pool: CreatorPool;
  readonly kind: CreatorKind[] = [];
  readonly genre: Genre[] = [];
  readonly instrument: InstrumentName[] = [];
  readonly scale: ScaleName[] = [];
  readonly drums: DrumPattern[] = [];
  readonly texture: TextureName[] = [];
  readonly voice: string[] = [];
  readonly device: Recording[] = [];
  private readonly scratch = new Float32Array(STYLE_DIM);

  constructor(mix: CreatorMix, rng: RandomStream) {
    for (let c = 0; c < mix.count; c++) {
      const r = rng.next();
      const kind: CreatorKind =
        r < mix.musicShare
          ? 'music'
          : r < mix.musicShare + mix.textureShare
            ? 'texture'
            : mix.voiceEngine && rng.bernoulli(mix.voiceShare)
              ? 'voice'
              : 'babble';
      this.kind.push(kind);
      const genre = rng.pick(STARTING_GENRES);
      this.genre.push(genre);
      this.instrument.push(rng.pick(genre.instruments));
      this.scale.push(rng.pick(genre.scales));
      this.drums.push(rng.pick(genre.drums));
      this.texture.push(rng.pick(TEXTURES));
      this.voice.push(rng.pick(mix.voiceEngine === 'flite' ? FLITE_VOICES : ESPEAK_VOICES));
      const sr = rng.next();
      this.device.push({
        sampleRate: sr < 0.8 ? 16_000 : sr < 0.95 ? 11_025 : 8000,
        noise: round(0.002 * Math.exp(rng.normal(0, 1))),
        level: round(rng.uniform(0.3, 0.95)),
      });
    }
    this.pool = new CreatorPool({ count: mix.count, styleDim: STYLE_DIM, uploadsPerDay: mix.uploadsPerDay, rateSpread: 0.8 }, rng, (c, out, offset) => {
      const k = this.kind[c];
      const g = this.genre[c];
      if (k === 'music') (out[offset] = rng.uniform(g.tempo[0], g.tempo[1]) / 100), (out[offset + 1] = 0);
      else if (k === 'texture') (out[offset] = rng.uniform(60, 900) / 1000), (out[offset + 1] = rng.uniform(0.5, 6) / 10);
      else if (k === 'babble') (out[offset] = rng.uniform(90, 230) / 100), (out[offset + 1] = rng.uniform(3.5, 5.5) / 5);
      else (out[offset] = rng.uniform(30, 70) / 50), (out[offset + 1] = rng.uniform(140, 185) / 160);
    });
  }

  get count(): number {
    return this.pool.count;
  }

  /** Creator c's current style, as the describer takes it. */
  style(c: number): CreatorStyle {
    const s0 = this.pool.style[c * STYLE_DIM];
    const s1 = this.pool.style[c * STYLE_DIM + 1];
    switch (this.kind[c]) {
      case 'music':
        return {
          kind: 'music',
          genre: this.genre[c],
          tempo: Math.max(40, Math.min(220, s0 * 100)),
          instrument: this.instrument[c],
          scale: this.scale[c],
          drums: this.drums[c],
        };
      case 'texture':
        return { kind: 'texture', texture: this.texture[c], frequency: Math.max(30, s0 * 1000), density: Math.max(0.1, s1 * 10) };
      case 'babble':
        return { kind: 'babble', pitchHz: Math.max(70, Math.min(300, s0 * 100)), syllableRate: Math.max(2, Math.min(8, s1 * 5)), bed: 0 };
      case 'voice':
        return {
          kind: 'voice',
          voice: this.voice[c],
          pitch: Math.max(0, Math.min(99, Math.round(s0 * 50))),
          speed: Math.max(80, Math.min(260, Math.round(s1 * 160))),
        };
    }
  }

  describe(c: number, rng: RandomStream): ClipDescription {
    return describeClip(this.style(c), rng, this.device[c]);
  }

  /**
   * Moves creator c toward its best-received recent clip: the continuous style (the kit's drift)
   * and, with chance `rate`, what is categorical (genre, instrument, scale, drums, texture).
   */
  drift(c: number, rate: number, score: (clip: number) => number, descriptionOf: (clip: number) => ClipDescription, rng: RandomStream): number {
    const best = this.pool.driftTowardLiked(c, rate, score, (clip, out) => styleVector(descriptionOf(clip), out), this.scratch);
    if (best < 0 || !rng.bernoulli(rate)) return best;
    const d = descriptionOf(best);
    if (d.kind === 'music') {
      this.genre[c] = genreByName(d.genre) ?? this.genre[c];
      this.instrument[c] = d.instrument;
      this.scale[c] = d.scale;
      this.drums[c] = d.drums;
    } else if (d.kind === 'texture') this.texture[c] = d.texture;
    return best;
  }
}

/** A clip's place in its creator's style space (the same axes as the creator's style centre). */
export function styleVector(d: ClipDescription, out: Float32Array): void {
  switch (d.kind) {
    case 'music':
      out[0] = d.tempo / 100;
      out[1] = 0;
      break;
    case 'texture':
      out[0] = d.frequency / 1000;
      out[1] = d.density / 10;
      break;
    case 'babble':
      out[0] = d.pitchHz / 100;
      out[1] = d.syllableRate / 5;
      break;
    case 'voice':
      out[0] = d.pitch / 50;
      out[1] = d.speed / 160;
      break;
  }
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
