import { createHash } from 'node:crypto';
import { RandomStream, RngStreams } from '@prodsim/core';
import { SAMPLE_RATE } from '@prodsim/ground-truth-models';
import { describe, expect, it } from 'vitest';
import { AudioErrorCodes } from '../errors.js';
import { encodeWav } from '../wav/wav-encode.js';
import { TEXTURES, type ClipDescription, type Recording } from './clip-description.js';
import { ClipRenderer } from './clip-renderer.js';
import { describeClip, musicStyle } from './describe-clip.js';
import { ALL_GENRES } from './genres.js';
import { resampleAudio } from './resample.js';

const clean: Recording = { sampleRate: 16_000, noise: 0, level: 0.8 };

function sample(seed: string): ClipDescription[] {
  const rng = new RandomStream(seed);
  const out: ClipDescription[] = [];
  for (const g of ALL_GENRES) out.push(describeClip(musicStyle(g, rng), rng, clean));
  for (const t of TEXTURES)
    out.push(describeClip({ kind: 'texture', texture: t, frequency: 300, density: 3 }, rng, { sampleRate: 8000, noise: 0.01, level: 0.5 }));
  out.push(describeClip({ kind: 'babble', pitchHz: 120, syllableRate: 4.5, bed: 0.3 }, rng, { sampleRate: 11_025, noise: 0.02, level: 1.3 }));
  return out;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('clip synthesis', () => {
  it('renders every kind to finite 16 kHz samples of the described length, audible and within -1..1', () => {
    const renderer = new ClipRenderer();
    const streams = new RngStreams('synth-test');
    sample('kinds').forEach((d, i) => {
      const x = renderer.render(d, streams.derive('clip', i));
      expect(x.length, d.kind).toBe(d.seconds * SAMPLE_RATE);
      let peak = 0;
      let energy = 0;
      let finite = true;
      for (const v of x) {
        finite &&= Number.isFinite(v);
        peak = Math.max(peak, Math.abs(v));
        energy += v * v;
      }
      expect(finite).toBe(true);
      expect(peak).toBeLessThanOrEqual(1);
      expect(Math.sqrt(energy / x.length), `${d.kind} ${JSON.stringify(d).slice(0, 80)}`).toBeGreaterThan(0.005);
    });
  });

  it('gives identical WAV bytes for the same seed, and different bytes for another seed', () => {
    const wavs = (seed: string) => {
      const renderer = new ClipRenderer();
      const streams = new RngStreams(seed);
      return sample(seed).map((d, i) => sha(encodeWav(renderer.render(d, streams.derive('clip', i)), SAMPLE_RATE)));
    };
    const a = wavs('seed-a');
    expect(wavs('seed-a')).toEqual(a);
    const b = wavs('seed-b');
    expect(b.filter((h, i) => h === a[i])).toEqual([]);
  });

  it('renders a clip the same whether it is first or after others (no shared state between clips)', () => {
    const d = sample('order')[2];
    const alone = new ClipRenderer().render(d, new RngStreams('o').derive('clip', 7));
    const busy = new ClipRenderer();
    for (const other of sample('other')) busy.render(other, new RngStreams('o').derive('clip', 1));
    expect(sha(encodeWav(busy.render(d, new RngStreams('o').derive('clip', 7)), SAMPLE_RATE))).toBe(sha(encodeWav(alone, SAMPLE_RATE)));
  });

  it('rejects a clip length outside 2-10 whole seconds with a coded error', () => {
    const d = { ...sample('len')[0], seconds: 11 } as ClipDescription;
    expect(() => new ClipRenderer().render(d, new RandomStream('x'))).toThrow(expect.objectContaining({ code: AudioErrorCodes.CLIP_INVALID }));
  });

  it('says a voice clip needs a TTS engine when none is configured', () => {
    const d = describeClip({ kind: 'voice', voice: 'en-us', pitch: 50, speed: 160 }, new RandomStream('v'), clean);
    expect(() => new ClipRenderer().render(d, new RandomStream('x'))).toThrow(expect.objectContaining({ code: AudioErrorCodes.VOICE_UNAVAILABLE }));
  });

  it('band-limits: an 8 kHz recording keeps a 1 kHz tone and removes a 6 kHz one', () => {
    const tone = (f: number) => Float32Array.from({ length: 16_000 }, (_, i) => Math.sin((2 * Math.PI * f * i) / 16_000));
    const rms = (x: Float32Array) => Math.sqrt(x.slice(2000, 14_000).reduce((a, v) => a + v * v, 0) / 12_000);
    const through = (x: Float32Array) => resampleAudio(resampleAudio(x, 16_000, 8000), 8000, 16_000);
    expect(rms(through(tone(1000)))).toBeGreaterThan(0.65);
    expect(rms(through(tone(6000)))).toBeLessThan(0.05);
  });
});
