import { describe, expect, it } from 'vitest';
import { RandomSource, RandomStream } from '@prodsim/core';
import { ZONE_OFFSETS } from '../world/places.js';
import { ActivityProfile } from './activity-profile.js';
import { AliasSampler } from './alias-sampler.js';
import { rateChance, ratingValue, stopHazard } from './rating-model.js';
import { geometric } from './viewing.js';

describe('activity profile', () => {
  const profile = new ActivityProfile();
  const peakUtcHour = (offset: number) => {
    const zone = ZONE_OFFSETS.indexOf(offset);
    const rng = new RandomStream('profile');
    const hours = new Array(24).fill(0);
    for (let i = 0; i < 20_000; i++) hours[Math.floor(profile.drawOffset(zone, 3, rng) / 3_600_000)]++;
    return hours.indexOf(Math.max(...hours));
  };

  it("peaks in each user's local evening", () => {
    // 20-21h local: 01-02 UTC in New York (UTC-5), 11-12 UTC in Tokyo (UTC+9).
    expect([1, 2]).toContain(peakUtcHour(-300));
    expect([11, 12]).toContain(peakUtcHour(540));
  });

  it('maps the uniform draw onto the hours in order, every hour reachable, the ends to the first and last', () => {
    // A source whose next() gives the chosen uniform for the hour and 0 for the time within it.
    class Fixed extends RandomSource {
      values: number[] = [];
      nextUint32(): number {
        return Math.floor((this.values.shift() ?? 0) * 4294967296);
      }
    }
    const fixed = new Fixed();
    const hourOf = (u: number) => {
      fixed.values = [u, 0];
      return profile.drawOffset(ZONE_OFFSETS.indexOf(0), 3, fixed) / 3_600_000;
    };
    const hours = Array.from({ length: 4_096 }, (_, i) => hourOf(i / 4_096));
    for (let i = 1; i < hours.length; i++) expect(hours[i]).toBeGreaterThanOrEqual(hours[i - 1]);
    expect(new Set(hours).size).toBe(24);
    expect(hourOf(0)).toBe(0);
    expect(hourOf(1 - 2 ** -32)).toBe(23);
  });

  it('has busier weekends', () => {
    const london = ZONE_OFFSETS.indexOf(0);
    expect(profile.factor(london, 6)).toBeGreaterThan(profile.factor(london, 2));
  });
});

describe('alias sampler', () => {
  it('draws in proportion to the weights', () => {
    const s = new AliasSampler();
    s.rebuild([1, 2, 0, 7], 4);
    const rng = new RandomStream('alias');
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 100_000; i++) counts[s.draw(rng)]++;
    expect(counts[2]).toBe(0);
    expect(counts[0] / 100_000).toBeCloseTo(0.1, 2);
    expect(counts[3] / 100_000).toBeCloseTo(0.7, 2);
  });
});

describe('rating model', () => {
  it('stops earlier when enjoying less, rates more when it was seen through', () => {
    expect(stopHazard(1.5)).toBeGreaterThan(stopHazard(3) * 3);
    expect(stopHazard(4.5)).toBeLessThan(stopHazard(3) / 3);
    const opts = { rateProbability: 0.6, ratingNoise: 0.6, ratingScale: 5 as const };
    expect(rateChance(4.5, 1, opts)).toBeGreaterThan(rateChance(4.5, 0.1, opts));
    expect(rateChance(4.5, 1, opts)).toBeGreaterThan(rateChance(3, 1, opts));
  });

  it('gives integer ratings within 1-5 or 1-10', () => {
    for (let e = -1; e <= 7; e += 0.05) {
      const five = ratingValue(e, 0, 5);
      const ten = ratingValue(e, 0, 10);
      expect(Number.isInteger(five) && five >= 1 && five <= 5).toBe(true);
      expect(Number.isInteger(ten) && ten >= 1 && ten <= 10).toBe(true);
    }
    expect(ratingValue(4.2, 0, 5)).toBe(4);
    expect(ratingValue(4.2, 0, 10)).toBe(8);
    expect(ratingValue(5.5, 0, 10)).toBe(10);
  });

  it('draws geometric waiting times from one uniform', () => {
    expect(geometric(1, 0.5)).toBe(1);
    expect(geometric(0.5, 0.74)).toBe(2);
    expect(geometric(0.01, 0.999999)).toBeLessThanOrEqual(65_535);
    const rng = new RandomStream('geo');
    let sum = 0;
    for (let i = 0; i < 20_000; i++) sum += geometric(0.05, rng.next());
    expect(sum / 20_000).toBeCloseTo(20, 0);
  });
});
