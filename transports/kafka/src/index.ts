export { kafkaTransport } from './kafka-transport-factory.js';
export { KafkaTransport } from './kafka-transport.js';
export type { KafkaTransportDeps } from './kafka-transport.js';
export { kafkaOptionsSchema, parseKafkaOptions } from './kafka-options.js';
export type { KafkaTransportOptions, KafkaTransportInput } from './kafka-options.js';
export { KafkaErrorCodes, KafkaTransportError } from './errors.js';
export type { KafkaErrorCode } from './errors.js';
