import { createHash } from 'node:crypto';
import { InProcessPredictor, parseScenario, type Predictor } from '@prodsim/core';
import { runWorld } from '@prodsim/core/testing';
import { checkEvent } from '@prodsim/media';
import { describe, expect, it } from 'vitest';
import { audioDomain } from './audio-domain.js';
import type { AudioWorld } from './audio-world.js';
import { AUDIO_EVENT_SCHEMA } from './events/audio-events.js';
import { SMALL_WORLD as SMALL } from './testing/small-world.js';
import { decodeWav } from './wav/wav-decode.js';

type Line = Record<string, unknown> & { kind: string };
const lines = (values: string[]): Line[] => values.map((l) => JSON.parse(l) as Line);

async function wavHashes(seed: string): Promise<{ hashes: string[]; world: AudioWorld }> {
  const { sim } = await runWorld(audioDomain, { seed, days: 1, domainConfig: SMALL });
  const world = sim.domainWorld as AudioWorld;
  const route = world.routes.find((r) => r.path === '/audio/:id.wav')!;
  const hashes: string[] = [];
  for (const id of world.catalog.get('audio')!.sampleIds(12)) {
    const res = await route.handler({ id }, {});
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('audio/wav');
    const bytes = res.body as Uint8Array;
    const wav = decodeWav(bytes);
    expect(wav.sampleRate).toBe(16_000);
    expect(wav.samples.length % 16_000).toBe(0);
    expect(wav.samples.length / 16_000).toBeGreaterThanOrEqual(2);
    expect(wav.samples.length / 16_000).toBeLessThanOrEqual(10);
    hashes.push(createHash('sha256').update(bytes).digest('hex'));
  }
  return { hashes, world };
}

describe('audio/v1 world', () => {
  it('serves the same WAV bytes for the same seed, other bytes for another, and 404/400 for unknown or bad ids', async () => {
    const a = await wavHashes('wav-a');
    expect(a.hashes.length).toBeGreaterThanOrEqual(8);
    expect((await wavHashes('wav-a')).hashes).toEqual(a.hashes);
    const c = await wavHashes('wav-c');
    expect(c.hashes.filter((h) => a.hashes.includes(h))).toEqual([]);
    const route = a.world.routes[0];
    expect((await route.handler({ id: '999999' }, {})).status).toBe(404);
    expect((await route.handler({ id: '../etc' }, {})).status).toBe(400);
    const meta = a.world.catalog.get('audio')!.get('0') as Record<string, unknown>;
    expect(meta).toMatchObject({ id: 0, url: '/audio/0.wav' });
    expect(Object.keys(meta).sort()).toEqual(['completes', 'creator', 'id', 'label', 'likes', 'plays', 'published', 'reviewed', 'seconds', 'url', 'version']);
  });

  it('records bad predictor answers (malformed, unknown ids, throwing, too slow) and runs on', async () => {
    let n = 0;
    let asked = 0;
    const bad: Predictor = new InProcessPredictor(
      {
        next: (r: { candidates: number[] }) => {
          n++;
          if (n % 4 === 0) return { not: 'a list' };
          if (n % 4 === 1) return [123456, ...r.candidates.slice(0, 3), r.candidates[0]];
          if (n % 4 === 2) throw new Error('service crashed');
          return 'garbage';
        },
        classify: () => ({ label: 'banana' }),
      },
      { name: 'bad', latencyMs: (endpoint) => (endpoint === 'next' && ++asked % 7 === 0 ? 10_000 : 5) },
    );
    const { capture, summary, sim } = await runWorld(audioDomain, { seed: 'bad', days: 1, domainConfig: SMALL, predictor: bad });
    expect(summary.reason).toBe('until');
    const events = lines(capture.events.map((e) => e.value));
    for (const e of events) expect(checkEvent(AUDIO_EVENT_SCHEMA, JSON.stringify(e))).toBeUndefined();
    // Every event is stamped when it happens: the stream is in time order.
    const times = events.map((e) => String(e.t));
    expect(times.every((t, i) => i === 0 || times[i - 1] <= t)).toBe(true);
    const classified = events.filter((e) => e.kind === 'classification');
    expect(classified.length).toBeGreaterThan(20);
    for (const e of classified) {
      expect(e.label).toBeUndefined();
      expect(String(e.error)).toContain('banana');
    }
    const nexts = events.filter((e) => e.kind === 'next');
    const statuses = new Set(nexts.map((e) => `${e.status}:${e.error === undefined ? 'ok' : 'failed'}`));
    expect(statuses).toContain('200:ok');
    expect(statuses).toContain('500:failed');
    expect(statuses).toContain('200:failed');
    expect(statuses).toContain('0:failed');
    expect(summary.predictions.timeout).toBeGreaterThan(0);
    expect(nexts.some((e) => (e.dropped as number) >= 2)).toBe(true);
    // Failed requests still play a queue (request order), and the summary counts them.
    expect(events.filter((e) => e.kind === 'play').length).toBeGreaterThan(50);
    expect(summary.predictions.malformed).toBeGreaterThan(0);
    expect(summary.predictions['http-error']).toBeGreaterThan(0);
    const world = sim.domainWorld as AudioWorld;
    // Unlabelled clips are never offered to safe-mode listeners.
    const { catalogue } = world.research();
    expect(catalogue.talkSafe.size + catalogue.musicSafe.size).toBeLessThanOrEqual(events.filter((e) => e.kind === 'review').length);
  });

  it('feedback loop: ranking by listen-through beats a random ranking, from the same seed', async () => {
    const ltr = async (defaultRanker: string) => {
      const { sim } = await runWorld(audioDomain, { seed: 'loop', days: 2, domainConfig: { ...SMALL, defaultRanker } });
      return (sim.domainWorld as AudioWorld).figures().listenThrough;
    };
    const popular = await ltr('popular');
    const random = await ltr('random');
    expect(popular).toBeGreaterThan(random + 0.05);
  });

  it('applies scenario drift: new recording conditions and a new genre for later uploads', async () => {
    const scenario = [
      { day: 0, action: 'recording', params: { share: 1, sampleRate: 8000, noise: 0.05, level: 0.4 } },
      { day: 0, action: 'new-genre', params: { name: 'gamelan', share: 1 } },
    ];
    const { sim } = await runWorld(audioDomain, { seed: 'drift', days: 1, domainConfig: { ...SMALL, musicShare: 0.8, uploadsPerDay: 3 }, scenario });
    const { catalogue } = (sim.domainWorld as AudioWorld).research();
    const later = catalogue.descriptions.slice(SMALL.initialClips);
    expect(later.length).toBeGreaterThan(5);
    for (const d of later) expect(d.recording).toEqual({ sampleRate: 8000, noise: 0.05, level: 0.4 });
    expect(later.filter((d) => d.kind === 'music').every((d) => d.kind === 'music' && d.genre === 'gamelan')).toBe(true);
    expect(catalogue.descriptions.slice(0, SMALL.initialClips).some((d) => d.recording.noise !== 0.05)).toBe(true);
  });

  it('rejects bad configuration and scenario steps with coded errors that name the field', () => {
    const step =
      (action: string, params: Record<string, unknown> = {}) =>
      () =>
        parseScenario([{ day: 1, action, params }], audioDomain, 2);
    expect(step('earthquake')).toThrow(expect.objectContaining({ code: 'PRODSIM_ERR_CONFIG_INVALID', message: expect.stringContaining('scenario[0].action') }));
    expect(() => audioDomain.config.parse({ voice: 'sam' }, 'audio')).toThrow(
      expect.objectContaining({ code: 'PRODSIM_ERR_CONFIG_INVALID', message: expect.stringContaining('audio.voice') }),
    );
    expect(step('new-genre', { name: 'polka' })).toThrow(expect.objectContaining({ message: expect.stringContaining('scenario[0].params.name') }));
    expect(step('truth-shift', { strength: 1.5 })).toThrow(
      expect.objectContaining({ code: 'PRODSIM_ERR_CONFIG_INVALID', message: expect.stringContaining('scenario[0].params.strength') }),
    );
    expect(step('truth-shift')).not.toThrow();
    // One timeline: the scenario. The config has no schedule of its own.
    expect(() => audioDomain.config.parse({ schedule: [] }, 'audio')).toThrow(expect.objectContaining({ message: expect.stringContaining('audio.schedule') }));
  });
});
