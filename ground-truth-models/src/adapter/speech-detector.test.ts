import { RandomStream } from '@prodsim/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GroundTruthErrorCodes } from '../errors.js';
import { babble, colouredNoise, mix, silence, tone, whiteNoise } from '../media/synthetic-audio.js';
import { SpeechDetector } from './speech-detector.js';

describe('SpeechDetector (Silero VAD v5 through the audio adapter)', () => {
  let vad: SpeechDetector;
  beforeAll(async () => {
    vad = await SpeechDetector.load();
  });
  afterAll(() => vad?.close());

  it('says speech for formant-synthesised babble from several voices', async () => {
    const rng = new RandomStream('vad-speech');
    const clips = [
      babble(rng, 3, { pitchHz: 100 }),
      babble(rng, 3, { pitchHz: 160 }),
      babble(rng, 5, { pitchHz: 220 }),
      mix(babble(rng, 3), whiteNoise(rng, 3, 0.01)),
    ];
    for (const a of await Promise.all(clips.map((c) => vad.analyse(c)))) {
      expect(a.containsSpeech).toBe(true);
      expect(a.speechProbability).toBeGreaterThan(0.8);
      expect(a.speechFraction).toBeGreaterThan(0.3);
    }
  });

  it('says no speech for tones, noise and silence', async () => {
    const rng = new RandomStream('vad-nonspeech');
    const clips = [
      tone(220, 3, 0.3),
      tone(1000, 3, 0.3),
      tone(150, 3, 0.3, [0.6, 0.4, 0.3, 0.2]),
      whiteNoise(rng, 3, 0.1),
      whiteNoise(rng, 3, 0.3),
      colouredNoise(rng, 3, 300, 0.1),
      silence(3),
    ];
    for (const a of await Promise.all(clips.map((c) => vad.analyse(c)))) {
      expect(a.containsSpeech).toBe(false);
      expect(a.speechProbability).toBeLessThan(0.35);
    }
  });

  it('finds speech in a mostly silent clip, and a per-window series of 32 ms', async () => {
    const rng = new RandomStream('vad-mixed');
    const clip = new Float32Array(16_000 * 6);
    clip.set(babble(rng, 1), 16_000 * 4);
    const a = await vad.analyse(clip);
    expect(a.probabilities).toHaveLength(Math.ceil(clip.length / 512));
    expect(a.containsSpeech).toBe(true);
    expect(a.speechFraction).toBeLessThan(0.3);
  });

  it('is deterministic, alone or batched with other clips', async () => {
    const rng = new RandomStream('vad-determinism');
    const clip = babble(rng, 2);
    const alone = await vad.analyse(clip);
    const [, batched] = await Promise.all([vad.analyse(tone(300, 2)), vad.analyse(clip), vad.analyse(whiteNoise(rng, 2))]);
    expect(Buffer.from(batched.probabilities.buffer).equals(Buffer.from(alone.probabilities.buffer))).toBe(true);
  });

  it('gives each clip of a batch of different lengths what it gives alone', async () => {
    const rng = new RandomStream('vad-lengths');
    // Lengths that end mid-window and clips that leave the batch at different steps.
    const clips = [babble(rng, 1.3), tone(300, 3), mix(babble(rng, 2.2), whiteNoise(rng, 2.2, 0.02)), whiteNoise(rng, 0.5, 0.1), babble(rng, 3)];
    const alone: Awaited<ReturnType<typeof vad.analyse>>[] = [];
    for (const clip of clips) alone.push(await vad.analyse(clip));
    const together = await Promise.all(clips.map((c) => vad.analyse(c)));
    together.forEach((a, i) => {
      expect(a.probabilities).toHaveLength(Math.ceil(clips[i].length / 512));
      expect(Buffer.from(a.probabilities.buffer).equals(Buffer.from(alone[i].probabilities.buffer))).toBe(true);
    });
    expect(together[0].containsSpeech).toBe(true);
    expect(together[1].containsSpeech).toBe(false);
  });

  it('rejects a clip with non-finite samples with a coded error', async () => {
    const clip = new Float32Array(1000);
    clip[10] = Number.POSITIVE_INFINITY;
    await expect(vad.analyse(clip)).rejects.toMatchObject({ code: GroundTruthErrorCodes.INPUT_INVALID });
  });
});
