import { runDomainConformance } from '@prodsim/core/testing';
import { describe, expect, it } from 'vitest';
import { registries } from '../bin/registry.js';

// The conformance suite over every domain the composition root registers, with each domain's own
// conformance hints (its small world, its event checker, example scenario parameters).
const { domains } = await registries();

describe('every built-in domain', () => {
  it('declares conformance hints', () => {
    expect(
      domains
        .list()
        .filter((d) => !d.conformance)
        .map((d) => d.id),
    ).toEqual([]);
  });
});

for (const domain of domains.list()) runDomainConformance(domain);
