// Shared between sibling packages but not part of the public API.
export { satisfies } from './domain/semver.js';
// The bounded queue behind broker subscriptions (Kafka, NATS).
export { MessageQueue } from './transport/message-queue.js';
