import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { RandomStream } from '@prodsim/core';
import { runWorld } from '@prodsim/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audioDomain } from '../audio-domain.js';
import type { AudioWorld } from '../audio-world.js';
import { ClipRenderer } from '../synth/clip-renderer.js';
import { describeClip } from '../synth/describe-clip.js';
import { TruthOracle } from '../truth/truth-oracle.js';
import { encodeWav } from '../wav/wav-encode.js';
import { VoiceEngine } from './voice-engine.js';

// Runs where espeak-ng is installed (CI installs the Debian package `espeak-ng`); elsewhere the
// suite is reported as skipped under a name that says what it needs.
const installed = spawnSync('which', ['espeak-ng']).status === 0;

describe.skipIf(!installed)('voice clips through espeak-ng (needs espeak-ng installed: apt-get install espeak-ng)', () => {
  let oracle: TruthOracle;
  beforeAll(async () => {
    oracle = await TruthOracle.load();
  });
  afterAll(() => oracle?.close());

  it('detects espeak-ng and speaks seeded sentences at 16 kHz that the VAD truth calls speech', async () => {
    const engine = VoiceEngine.require('espeak-ng');
    expect(engine.name).toBe('espeak-ng');
    const renderer = new ClipRenderer(engine);
    const rng = new RandomStream('voices');
    const clips = ['en-us', 'en-gb+f4', 'en-029'].map((voice) =>
      describeClip({ kind: 'voice', voice, pitch: 50, speed: 160 }, rng, { sampleRate: 16_000, noise: 0.002, level: 0.7 }),
    );
    const samples = clips.map((d) => renderer.render(d, new RandomStream('r')));
    for (const [i, x] of samples.entries()) expect(x.length).toBe(clips[i].seconds * 16_000);
    const truths = await oracle.truths(samples);
    expect(truths.map((t) => t.speech)).toEqual([true, true, true]);
    // Same description, same bytes.
    const again = renderer.render(clips[0], new RandomStream('r'));
    const hash = (x: Float32Array) => createHash('sha256').update(encodeWav(x, 16_000)).digest('hex');
    expect(hash(again)).toBe(hash(samples[0]));
  });

  it('gives a world with voice creators, deterministic per seed', async () => {
    const config = { users: 60, creators: 6, initialClips: 8, uploadsPerDay: 0.5, musicShare: 0, textureShare: 0, voice: 'espeak-ng', voiceShare: 1 };
    const a = await runWorld(audioDomain, { seed: 'voice', days: 1, domainConfig: config });
    const world = a.sim.domainWorld as AudioWorld;
    expect(a.summary.world['voice engine']).toBe('espeak-ng');
    const { catalogue } = world.research();
    expect(catalogue.descriptions.every((d) => d.kind === 'voice')).toBe(true);
    const b = await runWorld(audioDomain, { seed: 'voice', days: 1, domainConfig: config });
    expect(b.capture.text()).toBe(a.capture.text());
  });
});

describe('voice engine selection', () => {
  it('says clearly when a required engine is missing', () => {
    // flite is not a dependency anywhere; when it happens to be installed this only checks detection.
    const flite = spawnSync('which', ['flite']).status === 0;
    if (flite) expect(VoiceEngine.require('flite').name).toBe('flite');
    else
      expect(() => VoiceEngine.require('flite')).toThrow(
        expect.objectContaining({ code: 'PRODSIM_ERR_AUDIO_VOICE_UNAVAILABLE', message: expect.stringContaining('apt-get install flite') }),
      );
  });
});
