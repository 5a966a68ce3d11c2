// A composition root for worker-thread tests: the toy domain only.
import { DomainRegistry } from '@prodsim/core';
import { toyDomain } from '@prodsim/domain-toy';

export const domains = new DomainRegistry().register(toyDomain);
