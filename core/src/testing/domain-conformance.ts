import type { DomainPlugin } from '../domain/domain-plugin.js';
import { domainConformance, type DomainConformanceOptions } from './domain-checks.js';
import { describeSuite } from './vitest-suite.js';

/**
 * The domain conformance suite as vitest tests (one per check; see domain-checks.ts for what is
 * checked). Options default to the plugin's own `conformance` hints; `prodsim check` runs the same
 * checks without vitest.
 */
export function runDomainConformance(plugin: DomainPlugin, options: DomainConformanceOptions = {}): void {
  describeSuite(domainConformance(plugin, options));
}
