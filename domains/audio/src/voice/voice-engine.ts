import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAMPLE_RATE } from '@prodsim/ground-truth-models';
import { AudioError, AudioErrorCodes } from '../errors.js';
import { resampleAudio } from '../synth/resample.js';
import { decodeWav } from '../wav/wav-decode.js';

export type VoiceEngineName = 'espeak-ng' | 'flite';

/** What a voice says and how. */
export interface Utterance {
  readonly text: string;
  readonly voice: string;
  /** 0-99 (espeak-ng's pitch scale). */
  readonly pitch: number;
  /** Words per minute. */
  readonly speed: number;
}

/**
 * Real speech from an installed text-to-speech program (espeak-ng, or flite), resampled to
 * 16 kHz mono in TypeScript. Optional: `detect` says which engine is installed (via `which`),
 * and worlds without one simply have no "voice" creators. Synthesis is synchronous (a child
 * process per clip), so a clip is rendered at a planned point in simulated time.
 */
export class VoiceEngine {
  private constructor(
    readonly name: VoiceEngineName,
    readonly version: string,
  ) {}

  /** The first installed engine of `preference`, or undefined. */
  static detect(preference: readonly VoiceEngineName[] = ['espeak-ng', 'flite']): VoiceEngine | undefined {
    for (const name of preference) {
      const which = spawnSync('which', [name], { encoding: 'utf8' });
      if (which.status !== 0 || which.stdout.trim() === '') continue;
      const v = spawnSync(name, ['--version'], { encoding: 'utf8', timeout: 10_000 });
      if (v.error) continue;
      return new VoiceEngine(name, (`${v.stdout ?? ''}${v.stderr ?? ''}`.trim().split('\n')[0] ?? name).split('  ')[0]);
    }
    return undefined;
  }

  /** An engine by name; a coded error if it is not installed. */
  static require(name: VoiceEngineName): VoiceEngine {
    const engine = VoiceEngine.detect([name]);
    if (!engine)
      throw new AudioError(
        AudioErrorCodes.VOICE_UNAVAILABLE,
        `${name} is not installed (Debian/Ubuntu: apt-get install ${name}); use voice: "auto" or "off" to run without it`,
      );
    return engine;
  }

  /** 16 kHz mono samples of the utterance (its natural length). */
  speak(u: Utterance): Float32Array {
    const wav = this.name === 'espeak-ng' ? this.espeak(u) : this.flite(u);
    const decoded = decodeWav(wav);
    return decoded.sampleRate === SAMPLE_RATE ? decoded.samples : resampleAudio(decoded.samples, decoded.sampleRate, SAMPLE_RATE);
  }

  private espeak(u: Utterance): Uint8Array {
    const r = spawnSync('espeak-ng', ['-v', u.voice, '-p', String(Math.round(u.pitch)), '-s', String(Math.round(u.speed)), '--stdout', u.text], {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 30_000,
    });
    if (r.error || r.status !== 0 || !r.stdout || r.stdout.length < 44) {
      throw new AudioError(AudioErrorCodes.VOICE_UNAVAILABLE, `espeak-ng failed (status ${r.status}): ${r.error?.message ?? String(r.stderr ?? '').trim()}`, {
        cause: r.error,
      });
    }
    return new Uint8Array(r.stdout.buffer, r.stdout.byteOffset, r.stdout.byteLength);
  }

  private flite(u: Utterance): Uint8Array {
    const dir = mkdtempSync(join(tmpdir(), 'prodsim-flite-'));
    try {
      const file = join(dir, 'out.wav');
      // flite has no pitch or rate flags of espeak's kind; its duration stretch stands in for speed.
      const stretch = (175 / Math.max(80, u.speed)).toFixed(3);
      const r = spawnSync('flite', ['-voice', u.voice.startsWith('en') ? 'slt' : u.voice, '--setf', `duration_stretch=${stretch}`, '-t', u.text, '-o', file], {
        timeout: 30_000,
      });
      if (r.error || r.status !== 0)
        throw new AudioError(AudioErrorCodes.VOICE_UNAVAILABLE, `flite failed (status ${r.status}): ${r.error?.message ?? String(r.stderr ?? '').trim()}`, {
          cause: r.error,
        });
      return new Uint8Array(readFileSync(file));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
