import { runDomainConformance, type DomainConformanceOptions } from '@prodsim/core/testing';
import { LINE_PATTERNS } from '@prodsim/domain-movies';
import { describe, expect, it } from 'vitest';
import { registries } from '../bin/registry.js';

// The conformance suite over every domain the composition root registers, with each domain's own
// conformance hints (its small world, its event checker). movies/v1 declares none yet, so its
// options are given here.
const WITHOUT_HINTS: Record<string, DomainConformanceOptions> = {
  'movies/v1': {
    domainConfig: { users: 400, movies: 300, createAccountLines: true, newAccountRate: 0.01 },
    minEvents: 1000,
    validateEvent(value) {
      if (!Object.values(LINE_PATTERNS).some((p) => p.test(value))) throw new Error(`not a line of the contract: ${value}`);
    },
    scenarioParams: {
      'taste-shock': { genre: 'Drama', delta: -1 },
      release: { movies: 5 },
      'fake-ratings': { accounts: 5 },
      'r-rated-to-minors': { share: 0.5 },
      'truth-update': { everyDays: 1 },
      'schema-change': { variant: 'added-field' },
    },
  },
};

const { domains } = await registries();

describe('every built-in domain', () => {
  it('declares conformance hints, or has them here', () => {
    expect(domains.list().filter((d) => !d.conformance && !WITHOUT_HINTS[d.id]).map((d) => d.id)).toEqual([]);
  });
});

for (const domain of domains.list()) runDomainConformance(domain, WITHOUT_HINTS[domain.id]);
