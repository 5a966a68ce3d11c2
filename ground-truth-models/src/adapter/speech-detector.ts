import { AudioAdapter } from './audio-adapter.js';
import type { AdapterOptions } from './image-adapter.js';
import { presetSpec } from './presets.js';

export interface SpeechDetectorOptions extends AdapterOptions {
  /** containsSpeech() when speechProbability >= threshold; 0.5 by default (Silero's own default). */
  readonly threshold?: number;
  /** The shortest stretch that counts as speech, in ms; 250 by default (Silero's min_speech_duration_ms). */
  readonly minSpeechMs?: number;
  /** Another spec for a streaming VAD with a per-window `speech` readout; Silero VAD v5 by default. */
  readonly spec?: unknown;
}

export interface SpeechAnalysis {
  /** Speech probability of every window (32 ms for Silero at 16 kHz). */
  readonly probabilities: Float32Array;
  /** The highest mean probability over any `minSpeechMs` stretch (the whole clip if shorter). */
  readonly speechProbability: number;
  /** Share of windows with probability >= threshold. */
  readonly speechFraction: number;
  readonly containsSpeech: boolean;
}

/**
 * Ground truth for "does this clip contain speech", from Silero VAD through the audio adapter.
 * A clip counts as speech if some quarter second of it is, on average, speech to the VAD.
 */
export class SpeechDetector {
  private constructor(
    private readonly adapter: AudioAdapter,
    readonly threshold: number,
    private readonly runWindows: number,
  ) {}

  static async load(options: SpeechDetectorOptions = {}): Promise<SpeechDetector> {
    const preset = options.spec === undefined ? presetSpec('silero-vad') : { spec: options.spec, baseDir: options.baseDir };
    const adapter = await AudioAdapter.load(preset.spec, { ...options, baseDir: preset.baseDir });
    const windowMs = (1000 * (adapter.spec.input.window ?? adapter.spec.input.sampleRate)) / adapter.spec.input.sampleRate;
    return new SpeechDetector(adapter, options.threshold ?? 0.5, Math.max(1, Math.ceil((options.minSpeechMs ?? 250) / windowMs)));
  }

  async analyse(clip: Float32Array): Promise<SpeechAnalysis> {
    const probabilities = (await this.adapter.read(clip)).speech;
    const run = Math.min(this.runWindows, probabilities.length);
    let sum = 0;
    for (let i = 0; i < run; i++) sum += probabilities[i];
    let best = sum;
    for (let i = run; i < probabilities.length; i++) {
      sum += probabilities[i] - probabilities[i - run];
      best = Math.max(best, sum);
    }
    const speechProbability = best / run;
    let above = 0;
    for (const p of probabilities) if (p >= this.threshold) above++;
    return { probabilities, speechProbability, speechFraction: above / probabilities.length, containsSpeech: speechProbability >= this.threshold };
  }

  async speechProbability(clip: Float32Array): Promise<number> {
    return (await this.analyse(clip)).speechProbability;
  }

  async containsSpeech(clip: Float32Array): Promise<boolean> {
    return (await this.analyse(clip)).containsSpeech;
  }

  get stats() {
    return this.adapter.stats;
  }

  close(): Promise<void> {
    return this.adapter.close();
  }
}
