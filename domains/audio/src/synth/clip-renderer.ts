import type { RandomStream } from '@prodsim/core';
import { babble, SAMPLE_RATE } from '@prodsim/ground-truth-models';
import { AudioError, AudioErrorCodes } from '../errors.js';
import type { VoiceEngine } from '../voice/voice-engine.js';
import { MAX_SECONDS, MIN_SECONDS, type BabbleDescription, type ClipDescription, type VoiceDescription } from './clip-description.js';
import { renderMusic } from './music.js';
import { addNote, midiToHz, WavetableBank } from './oscillators.js';
import { applyRecording } from './recording.js';
import { renderTexture } from './textures.js';

/**
 * Turns a clip description into 16 kHz mono samples, exactly `seconds` long. All randomness comes
 * from the stream it is given (the domain derives one per clip), so a clip renders to the same
 * samples however often and in whatever order it is asked for.
 */
export class ClipRenderer {
  private readonly bank = new WavetableBank();

  constructor(private readonly voice?: VoiceEngine) {}

  get voiceEngine(): VoiceEngine | undefined {
    return this.voice;
  }

  render(d: ClipDescription, rng: RandomStream): Float32Array {
    if (!Number.isInteger(d.seconds) || d.seconds < MIN_SECONDS || d.seconds > MAX_SECONDS) {
      throw new AudioError(AudioErrorCodes.CLIP_INVALID, `clip length must be a whole number of seconds in ${MIN_SECONDS}..${MAX_SECONDS}, got ${d.seconds}`);
    }
    let dry: Float32Array;
    switch (d.kind) {
      case 'music':
        dry = renderMusic(d, rng, this.bank);
        break;
      case 'texture':
        dry = renderTexture(d, rng);
        break;
      case 'babble':
        dry = this.babble(d, rng);
        break;
      case 'voice':
        dry = this.speak(d);
        break;
      default:
        throw new AudioError(AudioErrorCodes.CLIP_INVALID, `unknown clip kind ${JSON.stringify((d as { kind: unknown }).kind)}`);
    }
    return applyRecording(dry, d.recording, rng);
  }

  private babble(d: BabbleDescription, rng: RandomStream): Float32Array {
    const voice = babble(rng, d.seconds, { pitchHz: d.pitchHz, syllableRate: d.syllableRate, amplitude: 0.1 });
    if (d.bed > 0) {
      // A soft pad under the talk: a podcast's music bed.
      const bed = new Float32Array(voice.length);
      const bar = 2 * SAMPLE_RATE;
      const roots = [48, 53, 55, 50];
      for (let at = 0, k = 0; at < bed.length; at += bar, k++) {
        for (const interval of [0, 4, 7]) addNote(bed, this.bank, 'pad', midiToHz(roots[k % roots.length] + interval), at, bar, 0.1);
      }
      for (let i = 0; i < voice.length; i++) voice[i] += d.bed * bed[i];
    }
    return voice;
  }

  private speak(d: VoiceDescription): Float32Array {
    if (!this.voice)
      throw new AudioError(AudioErrorCodes.VOICE_UNAVAILABLE, 'a voice clip needs a text-to-speech engine (espeak-ng or flite), and none was configured');
    const speech = this.voice.speak({ text: d.text, voice: d.voice, pitch: d.pitch, speed: d.speed });
    const out = new Float32Array(d.seconds * SAMPLE_RATE);
    const lead = Math.round(0.15 * SAMPLE_RATE);
    const n = Math.min(speech.length, out.length - lead);
    const fade = Math.round(0.05 * SAMPLE_RATE);
    for (let i = 0; i < n; i++) out[lead + i] = speech[i] * (speech.length > n && i > n - fade ? (n - i) / fade : 1);
    return out;
  }
}
