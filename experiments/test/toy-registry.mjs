// A composition root for worker-thread tests: the toy domain only (no outside plugins).
import { DomainRegistry } from '@prodsim/core';
import { toyDomain } from '@prodsim/domain-toy';

export async function registries() {
  return { domains: new DomainRegistry().register(toyDomain) };
}
