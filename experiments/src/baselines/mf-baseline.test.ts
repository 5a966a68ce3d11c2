import { RandomStream } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { MfBaseline, type MfOptions } from './mf-baseline.js';

const USERS = 300;
const ITEMS = 600;
const CLUSTERS = 3;
const PER_CLUSTER = ITEMS / CLUSTERS;

/**
 * Planted structure: user u belongs to taste cluster u % 3 and consumes `perUser` items, each
 * from its own cluster's 200 items with probability 0.9 (uniformly within the cluster, so that
 * item popularity says nothing about clusters), in a shuffled stream.
 */
function plantedStream(perUser: number, seed: string): [number, number][] {
  const rng = new RandomStream(seed);
  const events: [number, number][] = [];
  for (let u = 0; u < USERS; u++) {
    for (let n = 0; n < perUser; n++) {
      const cluster = rng.next() < 0.9 ? u % CLUSTERS : rng.int(CLUSTERS);
      events.push([u, cluster * PER_CLUSTER + rng.int(PER_CLUSTER)]);
    }
  }
  return rng.shuffle(events);
}

/** Share of top-10 recommendations (consumed items excluded) that fall in the user's cluster; chance is 1/3. */
function inClusterShare(options: MfOptions, perUser: number): number {
  const mf = new MfBaseline('planted', options);
  for (const [u, i] of plantedStream(perUser, 'stream')) mf.interaction(0, u, i, false, 30);
  let hits = 0;
  let total = 0;
  for (let u = 0; u < USERS; u++) {
    for (const item of mf.recommend(u, 10, ITEMS)) {
      total++;
      if (Math.floor(item / PER_CLUSTER) === u % CLUSTERS) hits++;
    }
  }
  expect(total).toBe(USERS * 10);
  return hits / total;
}

describe('MF baseline (BPR with item biases and replay)', () => {
  it('recommends in-cluster items far above chance on planted taste clusters', () => {
    expect(inClusterShare({}, 10)).toBeGreaterThan(0.85);
    expect(inClusterShare({}, 30)).toBeGreaterThan(0.95);
  });

  it('replaying past interactions is what makes it converge: one pass stays near chance', () => {
    const onePass = inClusterShare({ replay: 0 }, 10);
    expect(onePass).toBeLessThan(0.5);
    expect(inClusterShare({}, 10) - onePass).toBeGreaterThan(0.3);
  });

  it('with no personal signal its item biases make it recommend what is popular', () => {
    const mf = new MfBaseline('pop');
    const rng = new RandomStream('pop-stream');
    // Items 0-9 are consumed ten times as often as items 10-99, by users 0-199.
    for (let n = 0; n < 4000; n++) mf.interaction(0, rng.int(200), rng.next() < 0.5 ? rng.int(10) : 10 + rng.int(90), false, 30);
    // A user never seen before.
    const top = mf.recommend(500, 10, 100);
    expect(top.filter((i) => i < 10).length).toBeGreaterThanOrEqual(8);
  });

  it('recommends what ranking the whole catalogue by score gives, as training moves the rows its bounds rely on', () => {
    const mf = new MfBaseline('exact');
    const stream = plantedStream(10, 'exact');
    for (const [u, i] of stream.slice(0, 500)) mf.interaction(0, u, i, false, 30);
    // The first request builds the item blocks; 900 interactions (29,700 steps) later they are
    // not rebuilt yet, and only the bounds raised on the way keep the answers exact.
    mf.recommend(0, 20, ITEMS);
    for (const [u, i] of stream.slice(500, 1_400)) mf.interaction(0, u, i, false, 30);
    const all = Array.from({ length: ITEMS }, (_, i) => i);
    let differ = 0;
    for (let u = 0; u < USERS; u += 3) {
      // rank scores each candidate and puts consumed ones last: its top 20 are the fresh best.
      if (mf.recommend(u, 20, ITEMS).join() !== mf.rank(u, all, 20).join()) differ++;
    }
    expect(differ).toBe(0);
  });

  it('is deterministic for a seed, and another seed gives another model', () => {
    const run = (seed: string) => {
      const mf = new MfBaseline(seed);
      for (const [u, i] of plantedStream(5, 'stream')) mf.interaction(0, u, i, false, 30);
      return Array.from({ length: 20 }, (_, u) => mf.recommend(u, 10, ITEMS));
    };
    expect(run('a')).toEqual(run('a'));
    expect(run('b')).not.toEqual(run('a'));
  });
});
