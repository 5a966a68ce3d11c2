import { MemoryTransport, Simulation, checkDomainMetrics, runConfigFields, s, type InteractionObserver } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { moviesDomain } from '../movies-domain.js';
import type { MoviesWorld } from '../movies-world.js';
import { randomRecommender } from '../recommend/recommenders.js';
import { CERT_R } from '../world/catalogue.js';
import { MOVIES_METRICS } from './movies-metrics.js';

const START = Date.parse('2026-01-05T00:00:00Z');
const NOON = START + 12 * 3_600_000;

interface Seen {
  slates: { time: number; user: number; items: number[] }[];
  interactions: { time: number; user: number; item: number; recommended: boolean; engagement: number }[];
  counts: { time: number; user: number; counter: string; n: number }[];
}

/** One day of 1,500 users under random lists; at noon a fake-ratings attack and R-rated movies pushed to every minor. */
async function attackedDay(): Promise<{ world: MoviesWorld; seen: Seen; usersBefore: number }> {
  const seen: Seen = { slates: [], interactions: [], counts: [] };
  const observer: InteractionObserver = {
    slate: (time, user, items) => seen.slates.push({ time, user, items: Array.from(items) }),
    interaction: (time, user, item, recommended, engagement) => seen.interactions.push({ time, user, item, recommended, engagement }),
    outcome: () => {},
    count: (time, user, counter, n) => seen.counts.push({ time, user, counter, n }),
  };
  const config = s.object(runConfigFields).parse({ domain: 'movies', seed: 'metrics', days: 1, progress: false }, '');
  const sim = new Simulation({
    config,
    domainConfig: moviesDomain.config.parse({ users: 1500, movies: 300 }, 'movies'),
    plugin: moviesDomain,
    transport: new MemoryTransport(),
    observer,
  });
  const world = (await sim.init()) as MoviesWorld;
  sim.predictions.use(randomRecommender(world, { seed: 'metrics' }));
  let usersBefore = 0;
  sim.scheduler.call(NOON, () => {
    usersBefore = world.research().population.count;
    world.applyScenario('fake-ratings', moviesDomain.scenarioActions!['fake-ratings'].params.parse({ accounts: 40, hours: 2 }, 'p'));
    world.applyScenario('r-rated-to-minors', { share: 1 });
  });
  await sim.run();
  return { world, seen, usersBefore };
}

const total = (seen: Seen, counter: string, from = -Infinity) =>
  seen.counts.filter((c) => c.counter === counter && c.time >= from).reduce((a, c) => a + c.n, 0);

describe('the movie domain metrics', () => {
  it('are valid declarations', () => {
    expect(() => checkDomainMetrics(moviesDomain.id, moviesDomain.metrics!)).not.toThrow();
    expect(moviesDomain.metrics).toBe(MOVIES_METRICS);
  });

  it('count attacked movies in lists and watches, and what minors watch, exactly as the observer saw them', async () => {
    const { world, seen, usersBefore } = await attackedDay();
    const { population, catalogue } = world.research();
    // The fake accounts' ratings reach the observer as interactions: not from the list, no minutes watched.
    const fake = seen.interactions.filter((i) => i.user >= usersBefore && i.engagement === 0);
    expect(fake.length).toBe(40);
    const targets = new Set(fake.map((i) => i.item));
    expect(targets.size).toBe(1);
    const [target] = targets;
    for (const i of fake) expect(i.recommended).toBe(false);

    // Nothing is attacked before the step; after it, every listed copy of the target counts.
    expect(total(seen, 'attackedSlateItems', -Infinity)).toBe(total(seen, 'attackedSlateItems', NOON));
    const listed = seen.slates.filter((sl) => sl.time >= NOON).reduce((a, sl) => a + sl.items.filter((m) => m === target).length, 0);
    expect(listed).toBeGreaterThan(0);
    expect(total(seen, 'attackedSlateItems')).toBe(listed);

    const watches = seen.interactions.filter((i) => !(i.user >= usersBefore && i.engagement === 0));
    // A movie is attacked from the step on: earlier watches of it do not count.
    expect(total(seen, 'attackedWatches')).toBe(watches.filter((i) => i.time >= NOON && i.item === target).length);
    const minors = watches.filter((i) => population.age[i.user] < 18);
    expect(minors.length).toBeGreaterThan(20);
    expect(total(seen, 'minorWatches')).toBe(minors.length);
    const rated = (from: number) => minors.filter((i) => i.time >= from && catalogue.certificate[i.item] === CERT_R).length;
    expect(total(seen, 'minorRRatedWatches')).toBe(rated(-Infinity));
    // Every minor's list starts with R-rated movies after noon: their share of minors' watches rises.
    const share = (from: number, to: number) => {
      const inWindow = minors.filter((i) => i.time >= from && i.time < to);
      return inWindow.filter((i) => catalogue.certificate[i.item] === CERT_R).length / inWindow.length;
    };
    expect(share(NOON + 3_600_000, Infinity)).toBeGreaterThan(share(-Infinity, NOON) + 0.1);
    // Counts are only ever reported when there is something to count.
    for (const c of seen.counts) expect(c.n).toBeGreaterThan(0);
  });
});
