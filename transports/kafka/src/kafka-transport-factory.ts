import type { TransportFactory } from '@prodsim/core';
import { parseKafkaOptions, type KafkaTransportInput } from './kafka-options.js';
import { KafkaTransport } from './kafka-transport.js';

/** `--transport kafka`: options from `transport.options` (brokers, linger, compression, partitions, ...). */
export const kafkaTransport: TransportFactory<KafkaTransportInput> = {
  name: 'kafka',
  coreVersion: '^0.1.0',
  description: 'Apache Kafka via kafkajs: idempotent producer, acks=all, batching (dev broker: transports/kafka/dev-broker/start.sh)',
  create(options) {
    return new KafkaTransport(parseKafkaOptions(options));
  },
};
