// Shared between sibling packages but not part of the public API.
export { satisfies } from './domain/semver.js';
// The broker transports' plumbing (Kafka, NATS): the bounded queue behind subscriptions, the
// promise a waiting publisher or flush is given, and the duration fields of their options.
export { MessageQueue } from './transport/message-queue.js';
export { gate } from './transport/gate.js';
export type { Gate } from './transport/gate.js';
export { durationSchema } from './config/duration-schema.js';
