export type { EventOutput, ReceivedMessage, SubscribeOptions, Subscription, Transport, TransportFactory } from './transport.js';
export { MemoryTransport } from './memory-transport.js';
export type { MemoryTransportOptions } from './memory-transport.js';
export { FileSink } from './file-sink.js';
export { TransportRegistry } from './transport-registry.js';
export { memoryTransport } from './memory-transport-factory.js';
