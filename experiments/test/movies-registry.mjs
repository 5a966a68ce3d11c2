// A composition root for worker-thread tests with a domain that values answers (headroom): movies only.
import { DomainRegistry } from '@prodsim/core';
import { moviesDomain } from '@prodsim/domain-movies';

export async function registries() {
  return { domains: new DomainRegistry().register(moviesDomain), baselines: [] };
}
