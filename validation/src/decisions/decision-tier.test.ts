import { describe, expect, it } from 'vitest';
import type { OfflineFigures } from '../offline/offline-tier.js';
import type { OnlineFigures } from '../online/online-figures.js';
import { decide } from './decision-tier.js';

const offline = (recommender: string, hitRate: number): OfflineFigures => ({ recommender, hitRate, ndcg: hitRate / 5, users: 100, k: 20 });
const online = (recommender: string, minutes: number[]): OnlineFigures => {
  const mean = minutes.reduce((a, b) => a + b, 0) / minutes.length;
  const figure = { mean, ci95: [mean, mean] as [number, number], values: minutes };
  return { recommender, watchMinutesPerUser: figure, uptake: figure, meanTrueValue: figure };
};

describe('the decisions tier', () => {
  it('ranks both tiers, agrees with itself, and finds no flips when the orders match', () => {
    const d = decide(
      [offline('random', 0.05), offline('popularity', 0.5), offline('mf', 0.6)],
      [online('random', [10, 11, 12]), online('popularity', [20, 22, 21]), online('mf', [30, 31, 33]), online('oracle', [50, 52, 51])],
    );
    expect(Object.keys(d.offline)).toEqual(['mf', 'popularity', 'random']);
    expect(Object.keys(d.online)).toEqual(['oracle', 'mf', 'popularity', 'random']);
    expect(d.offline.random.rank).toBe(3);
    expect(d.online.oracle.rank).toBe(1);
    expect(d.oracleFirst).toBe(true);
    expect(d.kendallTau).toBe(1);
    // Pairs among the recommenders of both tiers only: the oracle has no offline figure.
    expect(d.pairs.map((p) => `${p.a}-${p.b}`)).toEqual(['random-popularity', 'random-mf', 'popularity-mf']);
    expect(d.pairs.every((p) => p.signsAgree)).toBe(true);
    expect(d.signFlips).toEqual([]);
  });

  it('reports a flip only when the disagreeing online difference is significant after Holm', () => {
    // Online, random beats popularity by a wide, consistent margin; mf vs popularity disagrees too, but by noise.
    const d = decide(
      [offline('random', 0.05), offline('popularity', 0.5), offline('mf', 0.6)],
      [online('random', [40, 41, 42, 43, 44]), online('popularity', [20, 21, 22, 23, 24]), online('mf', [19, 25, 18, 26, 20])],
    );
    const pair = (a: string, b: string) => d.pairs.find((p) => p.a === a && p.b === b)!;
    expect(pair('random', 'popularity').signsAgree).toBe(false);
    expect(pair('random', 'popularity').significant).toBe(true);
    expect(pair('popularity', 'mf').signsAgree).toBe(false);
    expect(pair('popularity', 'mf').significant).toBe(false);
    expect(d.signFlips.map((p) => `${p.a}-${p.b}`)).toContain('random-popularity');
    expect(d.signFlips.map((p) => `${p.a}-${p.b}`)).not.toContain('popularity-mf');
    for (const p of d.pairs) expect(p.pHolm).toBeGreaterThanOrEqual(p.p);
    expect(d.kendallTau).toBeLessThan(0);
    expect(d.oracleFirst).toBeNull();
  });
});
