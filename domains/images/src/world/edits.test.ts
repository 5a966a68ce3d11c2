import { RandomStream } from '@prodsim/core';
import type { FeedRequest } from '@prodsim/media';
import { describe, expect, it } from 'vitest';
import { count, runSmall } from '../test/small-world.js';

const randomFeed = (seed: string) => {
  const rng = new RandomStream(seed);
  return (r: FeedRequest) => rng.shuffle(r.candidates.slice());
};
const allowAll = () => ({ decision: 'allow' });
const policies = () => ({ feed: randomFeed('f'), moderate: allowAll });

describe('images/v1 edits: same id, new picture, new hidden truth', () => {
  it('replaces the served PNG and the hidden truth of edited images only, and announces each edit', async () => {
    const still = await runSmall({ seed: 'edits', config: { editsPerImageDay: 0 }, predictor: policies });
    const edited = await runSmall({ seed: 'edits', config: { editsPerImageDay: 0.5 }, predictor: policies });
    expect(count(still.events, 'edit')).toBe(0);
    const edits = edited.events.filter((e) => e.kind === 'edit') as unknown as { image: number; version: number; url: string }[];
    expect(edits.length).toBeGreaterThan(20);
    expect(edited.world.research().counters.edits).toBe(edits.length);
    const images = edited.world.catalog.get('image')!;
    const png = (run: typeof still, id: number) => run.world.routes[0].handler({ id: String(id) }, {});
    const backlog = new Set(edited.events.filter((e) => e.kind === 'upload' && e.backlog).map((e) => e.image as number));
    const editedBacklog = [...new Set(edits.map((e) => e.image))].filter((id) => backlog.has(id));
    const untouched = [...backlog].filter((id) => !edits.some((e) => e.image === id));
    expect(editedBacklog.length).toBeGreaterThan(5);
    const dim = edited.world.research().truth.dim;
    const embedding = (run: typeof still, id: number) => Array.from(run.world.research().truth.embeddings.subarray(id * dim, (id + 1) * dim));
    for (const id of editedBacklog) {
      const last = edits.filter((e) => e.image === id).at(-1)!;
      expect(last.url).toBe(`/image/${id}.png`);
      expect((images.get(String(id)) as { version: number }).version).toBe(last.version);
      expect(embedding(edited, id)).not.toEqual(embedding(still, id));
      expect((await png(edited, id)).body).not.toEqual((await png(still, id)).body);
    }
    for (const id of untouched.slice(0, 20)) {
      expect((images.get(String(id)) as { version: number }).version).toBe(0);
      expect(embedding(edited, id)).toEqual(embedding(still, id));
    }
    // Versions count up per image, one per edit.
    const seen = new Map<number, number>();
    for (const e of edits) {
      expect(e.version).toBe((seen.get(e.image) ?? 0) + 1);
      seen.set(e.image, e.version);
    }
  }, 120_000);

  it('an edits step is an edit storm: the rest of the day gets the extra edits', async () => {
    const calm = await runSmall({ seed: 'storm', days: 1, config: { editsPerImageDay: 0.05 }, predictor: policies });
    const storm = await runSmall({
      seed: 'storm',
      days: 1,
      config: { editsPerImageDay: 0.05 },
      scenario: [{ day: 0.5, action: 'edits', params: { rate: 1 } }],
      predictor: policies,
    });
    const afternoon = (run: typeof calm) =>
      run.events.filter((e) => e.kind === 'edit' && Date.parse(e.t as string) >= Date.parse(run.events[0].t as string) + 43_200_000).length;
    expect(afternoon(storm)).toBeGreaterThan(5 * Math.max(1, afternoon(calm)));
  }, 120_000);

  it('a flash crowd multiplies the feed requests of its hours', async () => {
    const plain = await runSmall({ seed: 'crowd', predictor: policies });
    const crowd = await runSmall({ seed: 'crowd', scenario: [{ day: 0.5, action: 'flash-crowd', params: { factor: 6, hours: 2 } }], predictor: policies });
    const start = Date.parse(plain.events[0].t as string);
    const inWindow = (run: typeof plain) =>
      run.events.filter((e) => e.kind === 'feed' && Date.parse(e.t as string) >= start + 43_200_000 && Date.parse(e.t as string) < start + 50_400_000).length;
    expect(inWindow(plain)).toBeGreaterThan(10);
    expect(inWindow(crowd) / inWindow(plain)).toBeGreaterThan(3);
  }, 120_000);
});
