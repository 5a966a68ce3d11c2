import { describe, expect, it } from 'vitest';
import { runWorld } from '@prodsim/core/testing';
import { moviesDomain } from '../movies-domain.js';
import type { MoviesWorld } from '../movies-world.js';
import { writeMlLatest } from '../movielens/fixtures.js';

const RATE = /^[^,]+,(\d+),GET \/rate\/([^=]+)=(\d+)$/;
const DAYS = 30;

/**
 * A MovieLens-fitted world with nobody watching (no sessions, unless `extra` says otherwise), so
 * that every rate line is a rating visit's. The fixture's 40 users rate 12 of 200 movies each on 4 days three days apart
 * (3 a day); the world has two copies of each.
 */
async function visitsOnly(ratingDays: number, extra: Record<string, unknown> = {}) {
  const f = writeMlLatest(40, 200, ratingDays);
  const run = await runWorld<MoviesWorld>(moviesDomain, {
    days: DAYS,
    domainConfig: { source: f.dir, users: 80, sessionsPerDay: 0, newAccountRate: 0, releasesPerDay: 0, ...extra },
  });
  const rates = run.capture.events.flatMap((e) => {
    const m = RATE.exec(e.value);
    return m ? [{ user: Number(m[1]) - 1, movie: run.world.catalogue.indexOf(m[2]), value: Number(m[3]) }] : [];
  });
  return { ...run, rates };
}

describe('rating visits in a MovieLens-fitted world', () => {
  it("rate as many movies as the source users' calendars hold after their sign-up day", async () => {
    const { world, rates } = await visitsOnly(4);
    const { counters } = world.research();
    expect(rates.length).toBe(counters.visitRatings);
    // Each source rates 9 movies after sign-up in a cycle of 9 + 30 days; 80 copies enter it at
    // random points. With the sign-up day counted it would be 12 per cycle (1.33 times as many).
    const expected = (80 * 9 * DAYS) / 39;
    const asked = counters.visitRatings + counters.visitRatingsNotFound;
    expect(asked).toBeGreaterThan(0.75 * expected);
    expect(asked).toBeLessThan(1.2 * expected);
    // The rest found no movie to rate among those that came to mind (a small fixture runs out of liked ones).
    expect(counters.visitRatings).toBeGreaterThan(0);
  });

  it('rate movies not rated before, each once, and mostly ones the user likes', async () => {
    const { world, rates } = await visitsOnly(4);
    const { truth, population, catalogue } = world.research();
    const history = world.probe.history!();
    const before = new Set<string>();
    for (let i = 0; i < history.count; i++) before.add(`${history.user[i]}/${history.item[i]}`);
    const rated = new Set<string>();
    let visitScore = 0;
    for (const r of rates) {
      const key = `${r.user}/${r.movie}`;
      expect(before.has(key), key).toBe(false);
      expect(rated.has(key), key).toBe(false);
      rated.add(key);
      visitScore += truth.score(r.user, r.movie, population, catalogue);
    }
    // Against every movie the users had not rated before the run: what a random pick would be worth.
    let allScore = 0;
    let all = 0;
    for (let u = 0; u < 80; u++)
      for (let m = 0; m < catalogue.count; m++)
        if (!before.has(`${u}/${m}`)) {
          allScore += truth.score(u, m, population, catalogue);
          all++;
        }
    expect(visitScore / rates.length - allScore / all).toBeGreaterThan(0.5);
  });

  it('are absent for users who rated on one day only (the sign-up), and when switched off', async () => {
    expect((await visitsOnly(1)).rates).toEqual([]);
    const off = await visitsOnly(4, { ratingVisits: false });
    expect(off.rates).toEqual([]);
    expect(off.world.research().counters.visitRatings).toBe(0);
  });

  it('are the same for the same seed, line for line', async () => {
    const a = await visitsOnly(4);
    const b = await visitsOnly(4);
    expect(b.capture.events.map((e) => e.value)).toEqual(a.capture.events.map((e) => e.value));
    expect(a.rates.length).toBeGreaterThan(100);
  });

  it("give a new account the sign-up ratings of a dataset user's first day, right after it is created", async () => {
    // Every fixture user rated 3 movies on their first day.
    const { capture } = await visitsOnly(4, { newAccountRate: 0.02, createAccountLines: true });
    const time = (line: string) => Date.parse(`${line.slice(0, 19)}Z`);
    const created = new Map<string, number>();
    const soon = new Map<string, number>();
    for (const e of capture.events) {
      const [, user] = e.value.split(',');
      if (e.value.endsWith('GET /create_account')) created.set(user, time(e.value));
      // Within ten minutes: a first viewing cannot have ended by then, so these are the sign-up's.
      else if (RATE.test(e.value) && created.has(user) && time(e.value) - created.get(user)! < 600_000) soon.set(user, (soon.get(user) ?? 0) + 1);
    }
    expect(created.size).toBeGreaterThan(20);
    for (const n of soon.values()) expect(n).toBeLessThanOrEqual(3);
    const total = [...soon.values()].reduce((a, b) => a + b, 0);
    // Without sign-ups there would be none; some of the 3 find no movie the new user would rate.
    expect(total).toBeGreaterThan(created.size);
  });

  it('leave copies of users who never came back to rate as viewers who do not rate', async () => {
    const watching = { sessionsPerDay: 1, newAccountRate: 0 };
    // Every source rated on one day only: their copies watch, and rate nothing.
    const once = await visitsOnly(1, watching);
    expect(once.summary.world.watches).toBeGreaterThan(500);
    expect(once.rates).toEqual([]);
    // Sources who came back: their copies rate what they watch as well as on visits.
    const back = await visitsOnly(4, watching);
    const { counters } = back.world.research();
    expect(counters.visitRatings).toBeGreaterThan(0);
    expect(back.rates.length - counters.visitRatings).toBeGreaterThan(50);
  });
});
