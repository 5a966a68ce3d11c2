import { AudioError, AudioErrorCodes } from '../errors.js';

export interface DecodedWav {
  readonly sampleRate: number;
  /** Mono samples in -1..1 (channels averaged). */
  readonly samples: Float32Array;
}

/**
 * Reads PCM RIFF/WAVE (8/16/24/32-bit integer or 32-bit float, any channel count, averaged to
 * mono): what espeak-ng and flite write, and what the domain serves. Chunks it does not know are
 * skipped; a streaming writer's 0xFFFFFFFF data size (espeak-ng --stdout) means "to the end".
 */
export function decodeWav(bytes: Uint8Array): DecodedWav {
  const fail = (why: string): never => {
    throw new AudioError(AudioErrorCodes.WAV_INVALID, `not a readable WAV file: ${why}`);
  };
  if (bytes.length < 12) fail(`${bytes.length} bytes is too short for a RIFF header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (ascii(bytes, 0) !== 'RIFF' || ascii(bytes, 8) !== 'WAVE') fail('no RIFF/WAVE header');
  let at = 12;
  let format: { tag: number; channels: number; rate: number; bits: number } | undefined;
  while (at + 8 <= bytes.length) {
    const id = ascii(bytes, at);
    let size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + 16 > bytes.length) fail('fmt chunk is truncated');
      let tag = view.getUint16(body, true);
      const channels = view.getUint16(body + 2, true);
      const rate = view.getUint32(body + 4, true);
      const bits = view.getUint16(body + 14, true);
      // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
      if (tag === 0xfffe && size >= 26) tag = view.getUint16(body + 24, true);
      if (channels < 1) fail('0 channels');
      if (rate < 1) fail('sample rate 0');
      if (!((tag === 1 && [8, 16, 24, 32].includes(bits)) || (tag === 3 && bits === 32))) fail(`unsupported encoding (format ${tag}, ${bits} bits)`);
      format = { tag, channels, rate, bits };
    } else if (id === 'data') {
      if (!format) fail('data chunk before fmt chunk');
      const f = format!;
      if (size === 0xffffffff || body + size > bytes.length) size = bytes.length - body;
      const frameBytes = (f.bits / 8) * f.channels;
      const frames = Math.floor(size / frameBytes);
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        let sum = 0;
        for (let c = 0; c < f.channels; c++) sum += readSample(view, body + i * frameBytes + (c * f.bits) / 8, f.tag, f.bits);
        samples[i] = sum / f.channels;
      }
      return { sampleRate: f.rate, samples };
    }
    at = body + size + (size & 1);
  }
  return fail('no data chunk');
}

function readSample(view: DataView, at: number, tag: number, bits: number): number {
  if (tag === 3) return view.getFloat32(at, true);
  switch (bits) {
    case 8:
      return (view.getUint8(at) - 128) / 128;
    case 16:
      return view.getInt16(at, true) / 32768;
    case 24: {
      const v = view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16);
      return v / 8388608;
    }
    default:
      return view.getInt32(at, true) / 2147483648;
  }
}

function ascii(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
}
