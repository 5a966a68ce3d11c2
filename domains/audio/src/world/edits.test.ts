import { runWorld } from '@prodsim/core/testing';
import { describe, expect, it } from 'vitest';
import type { AudioWorld } from '../audio-world.js';
import { audioDomain } from '../audio-domain.js';
import { SMALL_WORLD } from '../testing/small-world.js';

async function run(config: Record<string, unknown>, scenario: { day: number; action: string; params?: Record<string, unknown> }[] = []) {
  const r = await runWorld<AudioWorld>(audioDomain, { seed: 'edits', days: 1, domainConfig: { ...SMALL_WORLD, ...config }, scenario });
  return { ...r, events: r.capture.events.map((e) => JSON.parse(e.value) as Record<string, unknown>) };
}

describe('audio/v1 edits and flash crowds', () => {
  // Two one-day worlds of one seed: one still and calm, one where about half the clips are edited
  // and a flash crowd arrives at noon (audio worlds are slow to render, so one pair serves both).
  it('an edit replaces the served WAV and the hidden truth under the same id and is announced; a flash crowd multiplies next requests', async () => {
    const still = await run({ editsPerClipDay: 0 });
    const busy = await run({ editsPerClipDay: 0.5 }, [{ day: 0.5, action: 'flash-crowd', params: { factor: 6, hours: 3 } }]);
    expect(still.events.filter((e) => e.kind === 'edit')).toEqual([]);
    const edits = busy.events.filter((e) => e.kind === 'edit') as { clip: number; version: number; seconds: number; url: string }[];
    expect(edits.length).toBeGreaterThan(5);
    expect(busy.summary.world['edits (new audio, same id)']).toBe(edits.length);
    const wav = (r: typeof still, id: number) => r.world.routes[0].handler({ id: String(id) }, {});
    const embedding = (r: typeof still, id: number) => Array.from(r.world.research().catalogue.embedding.subarray(id * 64, id * 64 + 64));
    const clips = busy.world.catalog.get('audio')!;
    const backlog = [...new Set(edits.map((e) => e.clip))].filter((id) => id < SMALL_WORLD.initialClips);
    expect(backlog.length).toBeGreaterThan(3);
    for (const id of backlog) {
      const last = edits.filter((e) => e.clip === id).at(-1)!;
      const view = clips.get(String(id)) as { version: number; seconds: number };
      expect(last.url).toBe(`/audio/${id}.wav`);
      expect(view.version).toBe(last.version);
      expect(view.seconds).toBe(last.seconds);
      expect((await wav(busy, id)).body).not.toEqual((await wav(still, id)).body);
      expect(embedding(busy, id)).not.toEqual(embedding(still, id));
    }
    // A clip nobody edited keeps its audio, truth and version 0.
    const untouched = Array.from({ length: SMALL_WORLD.initialClips }, (_, id) => id).filter((id) => !edits.some((e) => e.clip === id));
    expect(untouched.length).toBeGreaterThan(0);
    for (const id of untouched) {
      expect((clips.get(String(id)) as { version: number }).version).toBe(0);
      expect(embedding(busy, id)).toEqual(embedding(still, id));
    }
    // Versions count up per clip, one per edit.
    const seen = new Map<number, number>();
    for (const e of edits) {
      expect(e.version).toBe((seen.get(e.clip) ?? 0) + 1);
      seen.set(e.clip, e.version);
    }
    const start = Date.parse(still.events[0].t as string);
    const inCrowd = (r: typeof still) =>
      r.events.filter((e) => e.kind === 'next' && Date.parse(e.t as string) >= start + 43_200_000 && Date.parse(e.t as string) < start + 54_000_000).length;
    expect(inCrowd(still)).toBeGreaterThan(5);
    expect(inCrowd(busy) / inCrowd(still)).toBeGreaterThan(2.5);
  }, 240_000);
});
