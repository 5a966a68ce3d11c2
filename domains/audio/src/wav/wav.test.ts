import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AudioErrorCodes } from '../errors.js';
import { decodeWav } from './wav-decode.js';
import { encodeWav } from './wav-encode.js';

describe('WAV encoding', () => {
  it('writes a 16-bit PCM mono RIFF header and samples that decode back within one step', () => {
    const samples = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 10) * 0.8);
    const bytes = encodeWav(samples, 16_000);
    expect(bytes.length).toBe(44 + 2000);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('RIFF');
    expect(String.fromCharCode(...bytes.subarray(8, 16))).toBe('WAVEfmt ');
    const view = new DataView(bytes.buffer);
    expect(view.getUint16(22, true)).toBe(1);
    expect(view.getUint32(24, true)).toBe(16_000);
    expect(view.getUint16(34, true)).toBe(16);
    const back = decodeWav(bytes);
    expect(back.sampleRate).toBe(16_000);
    expect(back.samples.length).toBe(1000);
    for (let i = 0; i < 1000; i++) expect(Math.abs(back.samples[i] - samples[i])).toBeLessThan(1 / 16_000);
  });

  it('clips out-of-range samples and gives the same bytes for the same samples', () => {
    const a = encodeWav(Float32Array.from([2, -2, 0.5, -0.5]), 16_000);
    const view = new DataView(a.buffer);
    expect(view.getInt16(44, true)).toBe(32767);
    expect(view.getInt16(46, true)).toBe(-32767);
    expect(view.getInt16(48, true)).toBe(16384);
    expect(view.getInt16(50, true)).toBe(-16384);
    const hash = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
    expect(hash(encodeWav(Float32Array.from([2, -2, 0.5, -0.5]), 16_000))).toBe(hash(a));
  });

  it('rounds every sample half away from zero, as Math.round of its magnitude', () => {
    // Float32 samples spread over [-1, 1] by bit pattern, and the neighbours of exact halves.
    const bits = new Uint32Array(1);
    const f32 = new Float32Array(bits.buffer);
    const values: number[] = [];
    for (let b = 0; b <= 0x3f800000; b += 40_009) {
      bits[0] = b;
      values.push(f32[0], -f32[0]);
    }
    for (let k = 0; k < 32767; k += 97) {
      const half = Math.fround((k + 0.5) / 32767);
      values.push(half, Math.fround(half + 2 ** -30), Math.fround(half - 2 ** -30), -half);
    }
    const samples = Float32Array.from(values);
    const view = new DataView(encodeWav(samples, 16_000).buffer);
    const got: number[] = [];
    const want: number[] = [];
    for (let i = 0; i < samples.length; i++) {
      const scaled = samples[i] * 32767;
      got.push(view.getInt16(44 + 2 * i, true));
      // (+ 0: a 16-bit sample has no -0.)
      want.push((scaled < 0 ? -Math.round(-scaled) : Math.round(scaled)) + 0);
    }
    expect(got).toEqual(want);
  });

  it('rejects non-finite samples and bad rates with a coded error', () => {
    expect(() => encodeWav(Float32Array.from([0, NaN]), 16_000)).toThrow(expect.objectContaining({ code: AudioErrorCodes.CLIP_INVALID }));
    expect(() => encodeWav(new Float32Array(4), 12.5)).toThrow(expect.objectContaining({ code: AudioErrorCodes.CLIP_INVALID }));
  });

  it('reads streaming WAVs (size 0xFFFFFFFF), stereo and skips unknown chunks', () => {
    const base = encodeWav(Float32Array.from([0.25, -0.25, 0.5]), 22_050);
    const view = new DataView(base.buffer);
    view.setUint32(40, 0xffffffff, true);
    expect(Array.from(decodeWav(base).samples)).toHaveLength(3);
    // A LIST chunk before data, and two channels.
    const stereo = new Uint8Array(44 + 12 + 8);
    stereo.set(base.subarray(0, 36));
    const sv = new DataView(stereo.buffer);
    sv.setUint16(22, 2, true);
    sv.setUint16(32, 4, true);
    stereo.set([76, 73, 83, 84], 36); // LIST
    sv.setUint32(40, 4, true);
    stereo.set([100, 97, 116, 97], 48); // data
    sv.setUint32(52, 8, true);
    sv.setInt16(56, 16384, true);
    sv.setInt16(58, 0, true);
    sv.setInt16(60, -16384, true);
    sv.setInt16(62, -16384, true);
    const d = decodeWav(stereo);
    expect(d.samples.length).toBe(2);
    expect(d.samples[0]).toBeCloseTo(0.25, 4);
    expect(d.samples[1]).toBeCloseTo(-0.5, 4);
  });

  it('rejects bytes that are not WAV with a coded error', () => {
    expect(() => decodeWav(new TextEncoder().encode('hello, this is not audio'))).toThrow(expect.objectContaining({ code: AudioErrorCodes.WAV_INVALID }));
    expect(() => decodeWav(new Uint8Array(3))).toThrow(expect.objectContaining({ code: AudioErrorCodes.WAV_INVALID }));
  });
});
