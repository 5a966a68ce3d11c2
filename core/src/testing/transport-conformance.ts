import type { Transport } from '../transport/transport.js';
import { transportConformance, type TransportConformanceOptions } from './transport-checks.js';
import { describeSuite } from './vitest-suite.js';

/** The transport conformance suite as vitest tests (one per check; see transport-checks.ts). */
export function runTransportConformance(name: string, makeTransport: () => Transport | Promise<Transport>, options: TransportConformanceOptions = {}): void {
  describeSuite(transportConformance(name, makeTransport, options));
}
