import { describe, expect, it } from 'vitest';
import { InProcessPredictor, RandomStream } from '@prodsim/core';
import { randomRecommender } from '../recommend/recommenders.js';
import { runWorld } from '@prodsim/core/testing';
import { moviesDomain } from '../movies-domain.js';
import type { MoviesWorld } from '../movies-world.js';
import type { MoviesState } from '../world/world-state.js';
import { WatchedSet } from '../world/watched-set.js';
import { ChoiceModel } from './choice-model.js';
import { NOTHING_TO_WATCH, nextMood, returnFactor, viewingValue } from './satisfaction.js';

const small = { users: 600, movies: 800, newAccountRate: 0, releasesPerDay: 0 };

/** A choice model over a built world's hidden state (tests only: the state is never public). */
async function choiceOver(config: Record<string, unknown> = {}): Promise<{ world: MoviesWorld; choice: ChoiceModel }> {
  const { world } = await runWorld<MoviesWorld>(moviesDomain, { seed: 'choice', maxEvents: 1, domainConfig: { ...small, ...config } });
  const { truth, population, catalogue } = world.research();
  const state = { truth, population, catalogue, config: world.config } as unknown as MoviesState;
  return { world, choice: new ChoiceModel(state) };
}

describe('the choice model', () => {
  it('starts a movie at even odds at the threshold, more often the better it is for the user', async () => {
    const { world, choice } = await choiceOver();
    const pairs: [number, number][] = [];
    for (let u = 0; u < 40; u++) for (let m = 0; m < 40; m++) pairs.push([choice.margin(u, m), choice.startChance(u, m, choice.margin(u, m))]);
    pairs.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < pairs.length; i++) expect(pairs[i][1]).toBeGreaterThanOrEqual(pairs[i - 1][1]);
    expect(choice.startChance(0, 0, 0)).toBeCloseTo(0.5, 10);
    // The default bar: a star and more above the user's own average, so most movies are poor for most users.
    expect(pairs.filter(([, p]) => p > 0.5).length / pairs.length).toBeLessThan(0.1);
    const { truth } = world.research();
    expect(choice.average(3)).toBeCloseTo(truth.mu + truth.userBias[3], 6);
  });

  it('rarely starts a movie again, and gives up on a list sooner after a poor movie', async () => {
    const { world, choice } = await choiceOver({ rewatchProbability: 0.05 });
    const fresh = choice.startChance(1, 7, 0.3);
    world.research().population.markWatched(1, 7);
    expect(choice.startChance(1, 7, 0.3)).toBeCloseTo(fresh * 0.05, 10);
    expect(choice.goOnChance(-3)).toBeLessThan(choice.goOnChance(-0.5) / 3);
    expect(choice.goOnChance(0)).toBeLessThanOrEqual(world.config.attention);
  });
});

describe('satisfaction', () => {
  it('moves the mood toward what sessions were worth, and the return rate with it, within bounds', () => {
    let good = 0;
    let bad = 0;
    for (let i = 0; i < 30; i++) {
      good = nextMood(good, viewingValue(1, 1));
      bad = nextMood(bad, NOTHING_TO_WATCH);
    }
    expect(good).toBeCloseTo(1, 2);
    expect(bad).toBeCloseTo(NOTHING_TO_WATCH, 2);
    expect(viewingValue(1, 0.2)).toBeLessThan(viewingValue(1, 1));
    expect(returnFactor(good, 0.4)).toBeGreaterThan(1.3);
    expect(returnFactor(bad, 0.4)).toBeLessThan(0.75);
    expect(returnFactor(100, 5)).toBeLessThanOrEqual(2);
    expect(returnFactor(-100, 5)).toBeGreaterThanOrEqual(0.25);
  });
});

describe('the exact watched set', () => {
  it('answers membership exactly over many users and movies while it grows', () => {
    const set = new WatchedSet(4);
    const rng = new RandomStream('watched');
    const truth = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const u = rng.int(3_000_000);
      const m = rng.int(2_000_000);
      set.add(u, m);
      truth.add(`${u}/${m}`);
    }
    expect(set.size).toBe(truth.size);
    // Three quarters full at most, and at least three eighths just after it doubled.
    expect(set.byteLength / set.size).toBeGreaterThanOrEqual(8 / 0.75);
    expect(set.byteLength / set.size).toBeLessThanOrEqual(8 / 0.375);
    for (const key of truth) {
      const [u, m] = key.split('/').map(Number);
      expect(set.has(u, m)).toBe(true);
    }
    let falseHits = 0;
    for (let i = 0; i < 20_000; i++) {
      const u = rng.int(3_000_000);
      const m = rng.int(2_000_000);
      if (!truth.has(`${u}/${m}`) && set.has(u, m)) falseHits++;
    }
    expect(falseHits).toBe(0);
  });
});

/** The 20 movies a user would like best (by the hidden truth), not yet watched: tests only. */
function bestFor(world: MoviesWorld): InProcessPredictor {
  const { truth, population, catalogue } = world.research();
  return new InProcessPredictor(
    {
      recommend: (request: unknown) => {
        const u = Number((request as { userId: string }).userId) - 1;
        const scored: [number, number][] = [];
        for (let m = 0; m < catalogue.count; m++) if (!population.hasWatched(u, m)) scored.push([truth.score(u, m, population, catalogue), m]);
        return scored
          .sort((a, b) => b[0] - a[0] || a[1] - b[1])
          .slice(0, 20)
          .map(([, m]) => catalogue.slugs[m]);
      },
    },
    { name: 'best', latencyMs: 10 },
  );
}

describe('a world where better recommendations win', () => {
  it('takes most of a list of movies that suit the user, passes over a random list, and watches more', async () => {
    const run = async (kind: 'best' | 'random') => {
      const { world, capture } = await runWorld<MoviesWorld>(moviesDomain, {
        seed: 'wins',
        days: 7,
        domainConfig: small,
        predictor: (w) => (kind === 'best' ? bestFor(w) : randomRecommender(w, { seed: '1' })),
      });
      const summary = world.summary();
      const minutes = capture.events.filter((e) => e.value.includes('GET /data/m/')).length;
      return { fromRecs: Number(String(summary['watches from recommendations']).replace('%', '')), minutes };
    };
    const best = await run('best');
    const random = await run('random');
    // Seeded figures: 99.6% vs 14.3% of watches from the list; 2.5x the minutes. Issue 12's
    // bound for random (under a fifth) is asserted as it stands.
    expect(best.fromRecs).toBeGreaterThan(90);
    expect(random.fromRecs).toBeLessThan(20);
    expect(best.minutes).toBeGreaterThan(1.5 * random.minutes);
  });
});
