import { RandomStream } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import type { FeedRequest } from '@prodsim/media';
import { decodePng } from '../render/renderer.js';
import { count, runSmall } from '../test/small-world.js';
import type { ImagesWorld } from './images-world.js';
import type { ModerateRequest } from './images-state.js';
import { MAX_REPOSTS } from './uploads.js';

const randomFeed = (seed: string) => {
  const rng = new RandomStream(seed);
  return (r: FeedRequest) => rng.shuffle(r.candidates.slice());
};
const allowAll = () => ({ decision: 'allow' });
const blockAll = () => ({ decision: 'block' });
/** Reference policies that read the hidden truth (tests only: no service can). */
const oracleModerator = (w: ImagesWorld) => (r: ModerateRequest) => ({ decision: w.research().truth.harmful[r.image] ? 'block' : 'allow' });
const tasteFeed = (w: ImagesWorld) => (r: FeedRequest) => {
  const { viewers, truth } = w.research();
  const a = (id: number) => viewers.affinity(r.user, truth.embeddings, truth.offset(id));
  return r.candidates.slice().sort((x, y) => a(y) - a(x));
};
const DAY = 86_400_000;

describe('images/v1 world dynamics', () => {
  it('users like what matches their hidden taste: a feed ranked by it beats a random feed on like rate', async () => {
    const random = await runSmall({ days: 2, predictor: () => ({ feed: randomFeed('f'), moderate: allowAll }) });
    const taste = await runSmall({ days: 2, predictor: (w) => ({ feed: tasteFeed(w), moderate: allowAll }) });
    const rate = (r: typeof random) => count(r.events, 'like') / count(r.events, 'impression');
    expect(rate(taste)).toBeGreaterThan(rate(random) * 2);
    // Users' tastes drift toward what they like.
    expect(taste.world.probe.tasteDrift(0) + taste.world.probe.tasteDrift(1) + taste.world.probe.tasteDrift(2)).toBeGreaterThan(0);
  });

  it('harmful images that get through cause reports and users leaving', async () => {
    const open = await runSmall({ days: 2, predictor: () => ({ feed: randomFeed('f'), moderate: allowAll }) });
    const strict = await runSmall({ days: 2, predictor: (w) => ({ feed: randomFeed('f'), moderate: oracleModerator(w) }) });
    const per1k = (r: typeof open, kind: string) => (1000 * count(r.events, kind)) / count(r.events, 'impression');
    expect(per1k(open, 'report')).toBeGreaterThan(per1k(strict, 'report') * 1.5);
    expect(open.world.research().counters.usersLeftAfterHarm).toBeGreaterThan(strict.world.research().counters.usersLeftAfterHarm);
    expect(count(open.events, 'user-left')).toBe(open.world.research().counters.usersLeft);
    // Reported images go to human review; reviewers remove most harmful ones.
    const removed = open.events.filter((e) => e.kind === 'review' && e.decision === 'removed').map((e) => e.image as number);
    expect(removed.length).toBeGreaterThan(0);
    const harmful = open.world.research().truth.harmful;
    expect(removed.filter((id) => harmful[id]).length / removed.length).toBeGreaterThan(0.8);
  });

  it('wrongly blocked creators appeal, are reinstated on review, and upload less afterwards', async () => {
    const config = { adversarialShare: 0, harmfulShare: 0.01 };
    const allowed = await runSmall({ days: 3, config, predictor: () => ({ feed: randomFeed('f'), moderate: allowAll }) });
    const blocked = await runSmall({ days: 3, config, predictor: () => ({ feed: randomFeed('f'), moderate: blockAll }) });
    const c = blocked.world.research().counters;
    expect(c.wrongfulBlocks).toBeGreaterThan(20);
    expect(count(blocked.events, 'appeal')).toBe(c.appeals);
    expect(c.appeals).toBeGreaterThan(c.wrongfulBlocks * 0.5);
    expect(c.reinstated).toBeGreaterThan(0);
    expect(count(allowed.events, 'appeal')).toBe(0);
    const start = Date.parse(blocked.events[0].t as string);
    const lastDayUploads = (r: typeof allowed) =>
      r.events.filter((e) => e.kind === 'upload' && !e.backlog && Date.parse(e.t as string) >= start + 2 * DAY).length;
    expect(lastDayUploads(blocked)).toBeLessThan(lastDayUploads(allowed) * 0.6);
    // Blocked images are never shown; reinstated ones may be.
    const reinstated = new Set(blocked.events.filter((e) => e.kind === 'review' && e.decision === 'reinstated').map((e) => e.image));
    const shownBlocked = blocked.events.filter((e) => e.kind === 'impression' && (e.image as number) >= 80 && !reinstated.has(e.image));
    expect(shownBlocked).toEqual([]);
  });

  it('adversarial creators post a blocked harmful scene again, perturbed, with the same hidden truth', async () => {
    const run = await runSmall({ days: 2, config: { adversarialShare: 0.3 }, predictor: (w) => ({ feed: randomFeed('f'), moderate: oracleModerator(w) }) });
    const h = run.world.research();
    expect(h.counters.reuploads).toBeGreaterThan(0);
    const reuploads = [];
    for (let id = 0; id < h.catalogue.count; id++) if (h.catalogue.content[id] !== id && h.catalogue.isPublished(id)) reuploads.push(id);
    expect(reuploads.length).toBeGreaterThan(0);
    const route = run.world.routes[0];
    for (const id of reuploads.slice(0, 5)) {
      const original = h.catalogue.content[id];
      expect(h.truth.harmful[id]).toBe(h.truth.harmful[original]);
      expect(h.truth.embeddings[h.truth.offset(id)]).toBe(h.truth.embeddings[h.truth.offset(original)]);
      const a = (await decodePng((await route.handler({ id: String(id) }, {})).body as Uint8Array)).data;
      const b = (await decodePng((await route.handler({ id: String(original) }, {})).body as Uint8Array)).data;
      let diff = 0;
      for (let i = 0; i < a.length; i++) diff += Math.abs(a[i] - b[i]);
      expect(diff / a.length).toBeGreaterThan(5);
    }
  });

  it('an adversarial creator gives up on a scene after MAX_REPOSTS blocked re-posts (no endless chain)', async () => {
    // Every upload blocked: each block of an adversarial scene would be met by another post.
    const run = await runSmall({
      days: 2,
      config: { adversarialShare: 0.3 },
      predictor: () => ({ feed: randomFeed('f'), moderate: () => ({ decision: 'block' }) }),
    });
    const h = run.world.research();
    const posts = new Map<number, number>();
    for (let id = 0; id < h.catalogue.count; id++) {
      const scene = h.catalogue.content[id];
      if (scene !== id) posts.set(scene, (posts.get(scene) ?? 0) + 1);
    }
    expect(h.counters.reuploads).toBeGreaterThan(0);
    // Some scenes were tried the full number of times (the chain ran), none more often.
    expect(Math.max(...posts.values())).toBe(MAX_REPOSTS);
    expect(h.counters.reuploads).toBe([...posts.values()].reduce((a, b) => a + b, 0));
  });

  it('creators drift toward the styles that earn likes (a second feedback loop)', async () => {
    const config = { users: 600, styleDrift: 0, adversarialShare: 0 };
    const expectedLikeRate = (w: ImagesWorld, fromDay: number) => {
      const h = w.research();
      const start = h.catalogue.uploadedAt[80] - (h.catalogue.uploadedAt[80] % DAY);
      let sum = 0;
      let n = 0;
      for (let id = 80; id < h.catalogue.count; id++) {
        if (!h.catalogue.isPublished(id) || h.catalogue.uploadedAt[id] < start + fromDay * DAY) continue;
        for (let u = 0; u < h.viewers.count; u += 3) sum += 1 / (1 + Math.exp(-(-2.2 + 1.6 * h.viewers.affinity(u, h.truth.embeddings, h.truth.offset(id)))));
        n += Math.ceil(h.viewers.count / 3);
      }
      return sum / n;
    };
    const still = await runSmall({ seed: 'drift', days: 7, config, predictor: () => ({ feed: randomFeed('f'), moderate: allowAll }) });
    const drifting = await runSmall({
      seed: 'drift',
      days: 7,
      config: { ...config, styleDrift: 1 },
      predictor: () => ({ feed: randomFeed('f'), moderate: allowAll }),
    });
    const drift = (w: ImagesWorld) => Array.from({ length: 40 }, (_, c) => w.research().creators.styleDrift(c)).reduce((a, b) => a + b) / 40;
    expect(drift(still.world)).toBe(0);
    expect(drift(drifting.world)).toBeGreaterThan(0.2);
    expect(expectedLikeRate(drifting.world, 3)).toBeGreaterThan(expectedLikeRate(still.world, 3) + 0.005);
  });

  it('a lighting drift darkens what is served from then on, not the hidden truth', async () => {
    const plain = await runSmall({ days: 1, predictor: () => ({ feed: randomFeed('f'), moderate: allowAll }) });
    const dim = await runSmall({
      days: 1,
      scenario: [{ day: 0.5, action: 'lighting', params: { brightness: 0.5 } }],
      predictor: () => ({ feed: randomFeed('f'), moderate: allowAll }),
    });
    const a = plain.world.research();
    const b = dim.world.research();
    expect(b.catalogue.count).toBe(a.catalogue.count);
    const noon = Date.parse(plain.events[0].t as string) + DAY / 2;
    const served = async (w: ImagesWorld, id: number) => (await decodePng((await w.routes[0].handler({ id: String(id) }, {})).body as Uint8Array)).data;
    const mean = (px: Uint8Array) => px.reduce((x, y) => x + y, 0) / px.length;
    let before = 0;
    let after = 0;
    for (let id = 80; id < a.catalogue.count; id++) {
      if (!a.catalogue.isPublished(id)) continue;
      expect(b.truth.violation[id]).toBe(a.truth.violation[id]);
      const ratio = mean(await served(dim.world, id)) / mean(await served(plain.world, id));
      if (a.catalogue.uploadedAt[id] < noon) {
        expect(ratio).toBe(1);
        before++;
      } else {
        expect(ratio).toBeLessThan(0.7);
        after++;
      }
    }
    expect(before).toBeGreaterThan(5);
    expect(after).toBeGreaterThan(5);
  });
});
