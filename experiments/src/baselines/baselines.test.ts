import { type InProcessPredictor, RandomStream, type InteractionObserver, type ResearchProbe } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { BaselineErrorCodes } from './baseline-errors.js';
import { BASELINES, RUN_BASELINES } from './baseline-names.js';
import { ConsumedItems } from './consumed-items.js';
import { baselinePredictor, makeRecommender } from './make-baseline.js';
import { topK, topKOf } from './top-k.js';

const ITEMS = 60;
/** A hidden value with structure (users prefer items near their own index mod ITEMS). */
const trueValue = (user: number, item: number) => -Math.abs(((user * 7) % ITEMS) - item) + (item % 5) * 0.1;

function probe(extra: Partial<ResearchProbe> = {}): ResearchProbe {
  return {
    userCount: 40,
    itemCount: ITEMS,
    userGroup: () => 'all',
    itemDistance: () => 1,
    tasteDrift: () => 0,
    trueValue,
    // Reads no ratings: mf-ratings, which needs the declaration, learns nothing here.
    streamRatings: { read: () => undefined },
    ...extra,
  };
}

/** A stream of interactions skewed toward low item indices (as popularity would have it); returns who consumed what. */
function feed(recommender: InteractionObserver, rng: RandomStream, n: number, users = 40): ConsumedItems {
  const consumed = new ConsumedItems();
  for (let t = 0; t < n; t++) {
    const user = rng.int(users);
    const item = Math.min(ITEMS - 1, Math.floor(rng.exponential(1 / 12)));
    recommender.interaction(t, user, item, false, 1 + rng.int(60), trueValue(user, item));
    consumed.add(user, item);
  }
  return consumed;
}

describe('built-in baselines', () => {
  it('topK returns the best k indices, ties to the lower index, skipping exclusions', () => {
    expect(topK([1, 5, 3, 5, 0], 5, 3)).toEqual([1, 3, 2]);
    expect(topK([1, 5, 3, 5, 0], 5, 2, (i) => i === 1)).toEqual([3, 2]);
    expect(topKOf([1, 5, 3, 5, 0, 9], [4, 3, 1, 0], 3)).toEqual([1, 3, 0]);
    expect(topKOf([1, 5, 3, 5, 0, 9], [4, 3, 1, 0], 3, (i) => i === 3)).toEqual([1, 0, 4]);
  });

  it('topK agrees with sorting everything (score descending, lower index on ties)', () => {
    const rng = new RandomStream('top-k-sort');
    for (let round = 0; round < 200; round++) {
      const n = 1 + rng.int(300);
      const k = rng.int(40);
      // Few distinct values: many ties.
      const scores = Array.from({ length: n }, () => rng.int(12) / 4);
      const excluded = (i: number) => i % 7 === round % 7;
      const sorted = [...scores.keys()].filter((i) => !excluded(i)).sort((a, b) => scores[b] - scores[a] || a - b);
      expect(topK(scores, n, k, excluded)).toEqual(sorted.slice(0, k));
    }
  });

  it('ConsumedItems keeps an exact sorted set per user and puts consumed candidates last', () => {
    const c = new ConsumedItems();
    for (const item of [9, 3, 7, 3, 1, 9, 12]) c.add(2, item);
    expect([...c.of(2)]).toEqual([1, 3, 7, 9, 12]);
    expect(c.count(2)).toBe(5);
    expect(c.add(2, 7)).toBe(false);
    expect(c.has(2, 7) && !c.has(2, 8) && !c.has(5, 7)).toBe(true);
    expect(c.lastIfConsumed(2, [7, 4, 3, 8], 3)).toEqual([4, 8, 7]);
    expect(c.withMask(2, 10, (mask) => [...mask.subarray(0, 10)])).toEqual([0, 1, 0, 1, 0, 0, 0, 1, 0, 1]);
    // The mask is cleared for the next user.
    expect(c.withMask(3, 10, (mask) => mask.subarray(0, 10).reduce((a, b) => a + b, 0))).toBe(0);
  });

  it('ConsumedItems.has agrees with a plain Set, items sharing a signature bit included', () => {
    const c = new ConsumedItems();
    const truth = new Set<string>();
    const rng = new RandomStream('consumed-signature');
    // Items 0..1,999 over 300 users (past the initial 64, so the arrays grow): many items share
    // a user's bit (item mod 256), so the signature alone would answer "yes" wrongly.
    for (let n = 0; n < 20_000; n++) {
      const user = rng.int(300);
      const item = rng.int(2_000);
      expect(c.add(user, item)).toBe(!truth.has(`${user}/${item}`));
      truth.add(`${user}/${item}`);
    }
    let wrong = 0;
    for (let user = 0; user < 320; user++) for (let item = 0; item < 2_000; item++) if (c.has(user, item) !== truth.has(`${user}/${item}`)) wrong++;
    expect(wrong).toBe(0);
  });

  it("ConsumedItems.has stays exact as a heavy user's bitmap comes, grows and goes", () => {
    const c = new ConsumedItems();
    const truth = new Set<number>();
    const rng = new RandomStream('consumed-bitmap');
    const check = (upTo: number) => {
      let wrong = 0;
      for (let item = -40; item < upTo; item++) if (c.has(0, item) !== truth.has(item)) wrong++;
      for (const item of truth) if (!c.has(0, item)) wrong++;
      return wrong;
    };
    const add = (item: number) => {
      expect(c.add(0, item)).toBe(!truth.has(item));
      truth.add(item);
    };
    // Dense low items (a bitmap as soon as it is no more than twice the list), then one far item
    // (too sparse: back to the list), then enough far items for a bitmap again, and negatives.
    for (let n = 0; n < 60; n++) add(rng.int(300));
    expect(check(400)).toBe(0);
    add(100_000);
    expect(check(400)).toBe(0);
    for (let n = 0; n < 3_000; n++) add(rng.int(120_000));
    expect(check(130_000)).toBe(0);
    add(-7);
    add(-1);
    for (let n = 0; n < 200; n++) add(rng.int(140_000));
    expect(check(150_000)).toBe(0);
    expect([...c.of(0)]).toEqual([...truth].sort((a, b) => a - b));
  });

  it('baselines sharing one record of consumption answer as those that keep their own', () => {
    const names = ['random', 'popularity', 'item-knn', 'mf', 'oracle'] as const;
    const shared = new ConsumedItems();
    const together = names.map((name) => makeRecommender(name, 'share', probe(), shared));
    const alone = names.map((name) => makeRecommender(name, 'share', probe()));
    const rng = new RandomStream('share-stream');
    const truth = new ConsumedItems();
    const answers = (set: typeof alone) => set.map((r) => Array.from({ length: 40 }, (_, user) => r.recommend(user, 5, ITEMS)));
    for (let round = 0; round < 4; round++) {
      // The same interactions, told to every baseline in turn, as an experiment's relay does;
      // some repeat a pair, which the record must still count once.
      for (let n = 0; n < 150; n++) {
        const user = rng.int(40);
        const item = Math.min(ITEMS - 1, Math.floor(rng.exponential(1 / 12)));
        for (const set of [together, alone]) for (const r of set) r.interaction(n, user, item, false, 5, trueValue(user, item));
        truth.add(user, item);
      }
      expect(answers(together)).toEqual(answers(alone));
    }
    for (let user = 0; user < 40; user++) expect([...shared.of(user)]).toEqual([...truth.of(user)]);
    // The answers leave out what each user consumed, so the record was read, not just kept.
    const user = 3;
    expect(shared.count(user)).toBeGreaterThan(0);
    for (const r of together) for (const item of r.recommend(user, 5, ITEMS)) expect(shared.has(user, item)).toBe(false);
  });

  it('popularity and item-kNN learn from observed consumption', () => {
    const pop = makeRecommender('popularity', 's');
    const knn = makeRecommender('item-knn', 's');
    for (const r of [pop, knn]) {
      for (let u = 0; u < 30; u++) {
        r.interaction(0, u, 7, false, 10, 0);
        r.interaction(0, u, 3, false, 10, 0);
      }
      r.interaction(0, 99, 5, false, 10, 0);
    }
    expect(pop.recommend(100, 2, 10)).toEqual([3, 7]);
    // A user who just watched 7 gets 3, its co-consumed neighbour, first.
    knn.interaction(0, 200, 7, false, 10, 0);
    expect(knn.recommend(200, 1, 10)).toEqual([3]);
  });

  it('popularity recommends the most consumed items the user has not consumed, in order', () => {
    const pop = makeRecommender('popularity', 's');
    // Item i is consumed by 40 - i users (0 most popular); user 0 consumed 0..4.
    for (let i = 0; i < 30; i++) for (let u = 1; u <= 40 - i; u++) pop.interaction(0, u, i, false, 1, 0);
    for (let i = 0; i < 5; i++) pop.interaction(0, 0, i, false, 1, 0);
    expect(pop.recommend(0, 4, 30)).toEqual([5, 6, 7, 8]);
    expect(pop.recommend(41, 4, 30)).toEqual([0, 1, 2, 3]);
    // User 1 consumed all 30: nothing is left.
    expect(pop.recommend(1, 4, 30)).toEqual([]);
  });

  it('popularity looks past its cached top list for a user who consumed all of it', () => {
    const pop = makeRecommender('popularity', 's');
    // 400 items, item i consumed 400 - i times; user 0 consumed the 230 most popular.
    for (let i = 0; i < 400; i++) for (let n = 0; n < 400 - i; n++) pop.interaction(0, 1000 + n, i, false, 1, 0);
    for (let i = 0; i < 230; i++) pop.interaction(0, 0, i, false, 1, 0);
    expect(pop.recommend(0, 5, 400)).toEqual([230, 231, 232, 233, 234]);
  });

  it.each(BASELINES)('%s never recommends an item the user has consumed', (name) => {
    const recommender = makeRecommender(name, 'seed', probe());
    const consumed = feed(recommender, new RandomStream('stream'), 1500);
    let recommended = 0;
    for (let user = 0; user < 40; user++) {
      const items = recommender.recommend(user, 20, ITEMS);
      expect(new Set(items).size).toBe(items.length);
      const left = ITEMS - consumed.count(user);
      expect(items.length).toBe(Math.min(20, left));
      for (const item of items) {
        expect(item).toBeGreaterThanOrEqual(0);
        expect(item).toBeLessThan(ITEMS);
        expect(consumed.has(user, item), `${name} recommended ${item} to user ${user}, who consumed it`).toBe(false);
      }
      recommended += items.length;
    }
    expect(recommended).toBeGreaterThan(40 * 15);
  });

  it.each(BASELINES)('%s returns fewer than k when fewer unconsumed items are left', (name) => {
    const recommender = makeRecommender(name, 'seed', probe({ itemCount: 8 }));
    for (let i = 0; i < 6; i++) recommender.interaction(0, 3, i, false, 5, 0);
    recommender.interaction(0, 4, 7, false, 5, 0);
    expect(recommender.recommend(3, 5, 8).sort()).toEqual([6, 7]);
  });

  it.each(BASELINES)("%s ranks only the request's own candidates, consumed ones last", (name) => {
    const recommender = makeRecommender(name, 'seed', probe());
    feed(recommender, new RandomStream('stream'), 400, 17);
    // User 30 is not in the stream above; they consumed exactly 40 and 3.
    recommender.interaction(0, 30, 40, false, 5, 0);
    recommender.interaction(0, 30, 3, false, 5, 0);
    const p = probe({
      slateEndpoint: {
        name: 'feed',
        size: 6,
        userOf: (r) => (r as { user: number }).user,
        candidatesOf: (r) => (r as { candidates: number[] }).candidates,
        answer: (items) => [...items],
      },
    });
    const predictor = baselinePredictor(recommender, p) as InProcessPredictor;
    const candidates = [40, 3, 17, 22, 9, 31, 44, 1];
    const endpoint = { name: 'feed', validate: (raw: unknown) => ({ ok: true as const, value: raw as number[], dropped: 0 }) };
    const outcome = predictor.predict(endpoint as never, { user: 30, candidates }, { deadlineMs: 100 });
    expect(outcome.kind).toBe('ok');
    const ranked = (outcome as { value: number[] }).value;
    expect(ranked.length).toBe(6);
    for (const item of ranked) expect(candidates).toContain(item);
    expect(new Set(ranked).size).toBe(6);
    // All eight, so both consumed candidates are in and come last.
    const all = recommender.rank(30, candidates, 8);
    expect(all.slice(6).sort((a, b) => a - b)).toEqual([3, 40]);
  });

  it('popularity ranks candidates by what was consumed most', () => {
    const pop = makeRecommender('popularity', 's');
    for (let i = 0; i < 5; i++) pop.interaction(0, i, 9, false, 1, 0);
    for (let i = 0; i < 3; i++) pop.interaction(0, i, 4, false, 1, 0);
    expect(pop.rank(7, [1, 4, 9, 2], 3)).toEqual([9, 4, 1]);
    // User 0 consumed 9 and 4: they go last.
    expect(pop.rank(0, [1, 4, 9, 2], 4)).toEqual([1, 2, 9, 4]);
  });

  it('oracle ranks unconsumed items by the hidden true value, best first, ties to the lower index', () => {
    const values = [0.5, 2, 1, 2, 3, -1, 2.5, 0];
    const oracle = makeRecommender('oracle', 's', probe({ itemCount: values.length, trueValue: (_u, i) => values[i] }));
    expect(oracle.recommend(0, 4, values.length)).toEqual([4, 6, 1, 3]);
    oracle.interaction(0, 0, 4, false, 1, 3);
    oracle.interaction(0, 0, 1, false, 1, 2);
    expect(oracle.recommend(0, 4, values.length)).toEqual([6, 3, 2, 0]);
    // Another user's consumption changes nothing for user 1.
    expect(oracle.recommend(1, 2, values.length)).toEqual([4, 6]);
    // Candidates by true value; consumed ones last.
    expect(oracle.rank(0, [0, 4, 5, 6, 2], 5)).toEqual([6, 2, 0, 5, 4]);
  });

  it('oracle reads the true value of this user, not a global one', () => {
    const oracle = makeRecommender('oracle', 's', probe());
    for (const user of [0, 3, 8]) {
      const best = oracle.recommend(user, 1, ITEMS)[0];
      let argmax = 0;
      for (let i = 1; i < ITEMS; i++) if (trueValue(user, i) > trueValue(user, argmax)) argmax = i;
      expect(best).toBe(argmax);
    }
  });

  it('oracle on a domain without true values is a coded error', () => {
    expect(() => makeRecommender('oracle', 's', probe({ trueValue: undefined }))).toThrow(
      expect.objectContaining({ code: BaselineErrorCodes.NO_TRUE_VALUE, name: 'BaselineError' }),
    );
    expect(() => makeRecommender('oracle', 's')).toThrow(/trueValue/);
  });

  it('mf-ratings needs a domain that reads ratings off its stream', () => {
    expect(() => makeRecommender('mf-ratings', 's', probe({ streamRatings: undefined }))).toThrow(
      expect.objectContaining({ code: BaselineErrorCodes.NO_STREAM_RATINGS, message: expect.stringMatching(/streamRatings/) }),
    );
  });

  it('plain runs get every baseline but the oracle and mf-ratings (a plain run routes no ratings to it)', () => {
    expect([...RUN_BASELINES]).toEqual(BASELINES.filter((b) => b !== 'oracle' && b !== 'mf-ratings'));
  });
});
