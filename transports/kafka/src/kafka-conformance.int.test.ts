import { runTransportConformance } from '@prodsim/core/testing';
import { parseKafkaOptions } from './kafka-options.js';
import { KafkaTransport } from './kafka-transport.js';

// Needs the dev broker: transports/kafka/dev-broker/start.sh (127.0.0.1:9092, or PRODSIM_KAFKA_BROKERS).
const brokers = process.env.PRODSIM_KAFKA_BROKERS ?? '127.0.0.1:9092';

runTransportConformance('kafka', () => new KafkaTransport(parseKafkaOptions({ brokers, clientId: 'prodsim-conformance' })), { messages: 3000 });
runTransportConformance(
  'kafka (3 partitions, gzip, from beginning)',
  () => new KafkaTransport(parseKafkaOptions({ brokers, clientId: 'prodsim-conformance-p3', partitions: 3, compression: 'gzip' })),
  {
    messages: 3000,
    from: 'beginning',
  },
);
let transactionalRuns = 0;
runTransportConformance(
  'kafka (in transactions, as a checkpointed run)',
  () => {
    const transport = new KafkaTransport(parseKafkaOptions({ brokers, clientId: 'prodsim-conformance-tx' }));
    transport.continueRun(`conformance-${process.pid}-${Date.now().toString(36)}-${transactionalRuns++}`, 0);
    return transport;
  },
  { messages: 3000 },
);

import { afterAll, describe, expect, it } from 'vitest';

describe('kafka subscriptions', () => {
  const transport = new KafkaTransport(parseKafkaOptions({ brokers, clientId: 'prodsim-subscribe-test', partitions: 2 }));
  afterAll(() => transport.close());

  it("from 'now' skips what the topic already holds and misses nothing published after ready", async () => {
    await transport.connect();
    const topic = `subscribe-now-${process.pid}-${Date.now().toString(36)}`;
    for (let i = 0; i < 50; i++) transport.publish(topic, `k${i % 4}`, `old-${i}`);
    await transport.flush();
    const sub = transport.subscribe(topic, { from: 'now' });
    await sub.ready;
    for (let i = 0; i < 50; i++) transport.publish(topic, `k${i % 4}`, `new-${i}`);
    await transport.flush();
    const got: string[] = [];
    for await (const m of sub) {
      got.push(m.value);
      if (got.length === 50) break;
    }
    expect(got.every((v) => v.startsWith('new-'))).toBe(true);
    expect(new Set(got).size).toBe(50);
    const beginning = transport.subscribe(topic, { from: 'beginning' });
    await beginning.ready;
    let count = 0;
    for await (const _ of beginning) if (++count === 100) break;
    expect(count).toBe(100);
  });
});
