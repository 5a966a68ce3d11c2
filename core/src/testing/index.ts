export { runDomainConformance } from './domain-conformance.js';
export type { DomainConformanceOptions } from './domain-conformance.js';
export { runTransportConformance } from './transport-conformance.js';
export type { TransportConformanceOptions } from './transport-conformance.js';
export { runWorld } from './run-world.js';
export type { RunWorldOptions } from './run-world.js';
export { CaptureOutput } from './capture-output.js';
export type { CapturedEvent } from './capture-output.js';
export { FakeWallClock } from './fake-wall-clock.js';
