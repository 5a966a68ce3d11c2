import { runWorld } from '@prodsim/core/testing';
import { checkEvent } from '@prodsim/media';
import { describe, expect, it } from 'vitest';
import type { AudioWorld } from '../audio-world.js';
import { audioDomain } from '../audio-domain.js';
import { AUDIO_EVENT_SCHEMA } from '../events/audio-events.js';
import { SMALL_WORLD } from '../testing/small-world.js';
import { EMBEDDING_DIM } from './clip-catalogue.js';

type Run = Awaited<ReturnType<typeof run>>;
const QUARTER_DAY = 21_600_000;

// Half a day of a smaller world than SMALL_WORLD (rendering and the truth models dominate), the
// shift at a quarter day: every clip of the run is planned at the day start, before it.
async function run(strength?: number) {
  const scenario = strength === undefined ? [] : [{ day: 0.25, action: 'truth-shift', params: { strength } }];
  const domainConfig = { ...SMALL_WORLD, users: 60, creators: 6, initialClips: 16 };
  const r = await runWorld<AudioWorld>(audioDomain, { seed: 'truth-shift', days: 0.5, domainConfig, scenario });
  return { ...r, lines: r.capture.events.map((e) => e.value), events: r.capture.events.map((e) => JSON.parse(e.value) as Record<string, unknown>) };
}

describe('audio/v1 truth-shift: the hidden readout changes, unannounced', () => {
  it('changes what listeners like and which clips are explicit from the shift on, keeps the explicit share, announces nothing, is deterministic; strength 0 changes nothing', async () => {
    const still = await run();
    const shifted = await run(1);
    const again = await run(1);
    const none = await run(0);

    // Deterministic: the same seed and scenario give the same log byte for byte and the same truth.
    expect(again.lines).toEqual(shifted.lines);
    expect(again.world.research().catalogue.embedding).toEqual(shifted.world.research().catalogue.embedding);
    // Strength 0 changes nothing: the shift draws from a stream of its own.
    expect(none.lines).toEqual(still.lines);
    expect(none.world.research().catalogue.explicitScore).toEqual(still.world.research().catalogue.explicitScore);

    // Unannounced: until the shift the very same log, and after it events of the schema's kinds
    // that do not mention it.
    const start = Date.parse(still.events[0].t as string);
    const before = (r: Run) => r.lines.filter((_, i) => Date.parse(r.events[i].t as string) < start + QUARTER_DAY);
    expect(before(still).length).toBeGreaterThan(50);
    expect(before(shifted)).toEqual(before(still));
    expect(shifted.lines).not.toEqual(still.lines);
    for (const line of shifted.lines) expect(checkEvent(AUDIO_EVENT_SCHEMA, line)).toBeUndefined();
    expect(shifted.lines.filter((l) => /shift|truth|strength/i.test(l))).toEqual([]);

    // The clips nobody edited in either run now read differently. Compared through the same
    // tastes (the unshifted run's, which drift a little with what listeners hear), each
    // listener's affinities across clips are nearly unrelated to before.
    const a = still.world.research();
    const b = shifted.world.research();
    const edited = new Set([...still.events, ...shifted.events].filter((e) => e.kind === 'edit').map((e) => e.clip as number));
    const ids = Array.from({ length: a.catalogue.count }, (_, id) => id).filter((id) => !edited.has(id));
    expect(ids.length).toBeGreaterThan(15);
    const affinities = (r: Run, u: number) => ids.map((id) => a.listeners.pool.affinity(u, r.world.research().catalogue.embedding, id * EMBEDDING_DIM));
    const users = Array.from({ length: 40 }, (_, u) => u);
    const meanCorrelation = users.reduce((sum, u) => sum + correlation(affinities(still, u), affinities(shifted, u)), 0) / users.length;
    expect(meanCorrelation).toBeLessThan(0.5);
    // How much listeners like the app stays: the spread of affinities (tastes are rescaled) and
    // their mean (the turn leaves the embeddings' common part in place).
    const spread = (r: Run) =>
      meanSd(users.flatMap((u) => ids.map((id) => r.world.research().listeners.pool.affinity(u, r.world.research().catalogue.embedding, id * EMBEDDING_DIM))));
    expect(spread(shifted).sd / spread(still).sd).toBeGreaterThan(0.8);
    expect(spread(shifted).sd / spread(still).sd).toBeLessThan(1.25);
    expect(Math.abs(spread(shifted).mean - spread(still).mean)).toBeLessThan(0.3 * spread(still).sd);
    // Explicit scores are read anew, keeping their distribution: another order, the same share
    // over the threshold (a few clips here; truth/readout-shift.test.ts checks thousands).
    const scores = (r: Run) => ids.map((id) => r.world.research().catalogue.explicitScore[id]);
    expect(correlation(scores(still), scores(shifted))).toBeLessThan(0.8);
    const explicitCount = (r: Run) => ids.filter((id) => r.world.research().catalogue.explicit[id] === 1).length;
    expect(explicitCount(still)).toBeGreaterThan(0);
    expect(Math.abs(explicitCount(shifted) - explicitCount(still))).toBeLessThanOrEqual(1);
    // Speech is what the sound holds; a new readout leaves it.
    expect(ids.map((id) => b.catalogue.speech[id])).toEqual(ids.map((id) => a.catalogue.speech[id]));
  }, 60_000);
});

function meanSd(values: number[]): { mean: number; sd: number } {
  const mean = values.reduce((x, y) => x + y, 0) / values.length;
  return { mean, sd: Math.sqrt(values.reduce((x, v) => x + (v - mean) ** 2, 0) / values.length) };
}

function correlation(x: number[], y: number[]): number {
  const mx = meanSd(x).mean;
  const my = meanSd(y).mean;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
    syy += (y[i] - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}
