import { CORE_VERSION } from '../version.js';
import { MemoryTransport, type MemoryTransportOptions } from './memory-transport.js';
import type { TransportFactory } from './transport.js';

/** `--transport memory`, the default: topics in this process, no broker. */
export const memoryTransport: TransportFactory<MemoryTransportOptions> = {
  name: 'memory',
  description: 'in-process topics (the embedded default; no broker needed)',
  coreVersion: `^${CORE_VERSION}`,
  create: (options) => new MemoryTransport(options),
};
