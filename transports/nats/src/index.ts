export { natsTransport } from './nats-transport-factory.js';
export { NatsTransport } from './nats-transport.js';
export type { NatsTransportDeps } from './nats-transport.js';
export { natsOptionsSchema, parseNatsOptions, subjectFor } from './nats-options.js';
export type { NatsTransportOptions, NatsTransportInput } from './nats-options.js';
export { NatsErrorCodes, NatsTransportError } from './errors.js';
export type { NatsErrorCode } from './errors.js';
export { KEY_HEADER, KEY_HEADER_ENCODED, readKey } from './key-header.js';
