import type { DomainContext } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { moviesConfigSchema } from '../config.js';
import { capacities } from './build-synthetic.js';

const START = Date.parse('2026-01-05T00:00:00Z');
const run = (hours: number) => ({ startTime: START, endTime: START + hours * 3_600_000 }) as DomainContext;

describe('capacities', () => {
  it("leaves room for a whole day's new accounts however short the run", () => {
    const config = moviesConfigSchema.parse({ users: 1_000_000 }, 'movies');
    // The first day start creates about users x newAccountRate accounts at once.
    const day = 1_000_000 * config.newAccountRate;
    for (const hours of [0.5, 6, 24]) expect(capacities(run(hours), config, 1_000_000, 2_000).users).toBeGreaterThan(1_000_000 + 1.2 * day);
    // A run that touches three calendar days has room for three days' accounts.
    expect(capacities(run(48), config, 1_000_000, 2_000).users).toBeGreaterThan(1_000_000 + 3 * day);
  });
});
