export type { DomainConformanceHints, DomainContext, DomainPlugin, DomainWorld } from './domain-plugin.js';
export { DomainRegistry } from './domain-registry.js';
export { satisfies } from './semver.js';
