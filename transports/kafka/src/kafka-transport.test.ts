import { ErrorCodes, ProdsimError } from '@prodsim/core';
import { describe, expect, it } from 'vitest';
import { connectionError, FakeKafka, kafkaError } from '../test/fake-kafka.js';
import { KafkaErrorCodes } from './errors.js';
import { parseKafkaOptions, type KafkaTransportInput } from './kafka-options.js';
import { KafkaTransport } from './kafka-transport.js';

function make(options: KafkaTransportInput = {}, fake = new FakeKafka()) {
  const lines: string[] = [];
  const transport = new KafkaTransport(parseKafkaOptions(options), { makeKafka: fake.make, log: (l) => lines.push(l) });
  return { transport, fake, lines };
}

async function publishAll(t: KafkaTransport, n: number, topic = 't', keys = 3): Promise<number> {
  let waits = 0;
  for (let i = 0; i < n; i++) {
    const w = t.publish(topic, `u${i % keys}`, `u${i % keys}:${i}`);
    if (w) {
      waits++;
      await w;
    }
  }
  return waits;
}

describe('KafkaTransport (fake broker)', () => {
  it('batches synchronously published messages into few produce requests', async () => {
    const { transport, fake } = make({ batchMessages: 1000 });
    await transport.connect();
    await publishAll(transport, 2500);
    await transport.flush();
    expect(fake.delivered.length).toBe(2500);
    expect(fake.requests.length).toBeLessThanOrEqual(4);
    expect(fake.createdTopics).toEqual(['t']);
    expect(transport.stats()).toMatchObject({ published: 2500, delivered: 2500, unacked: 0 });
    await transport.close();
  });

  it('sends a lone message after the linger, without a flush', async () => {
    const { transport, fake } = make({ linger: 5 });
    await transport.connect();
    transport.publish('t', 'k', 'v');
    expect(fake.requests.length).toBe(0);
    for (let i = 0; i < 50 && fake.requests.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(fake.delivered).toEqual([{ topic: 't', key: 'k', value: 'v' }]);
    await transport.close();
  });

  it('makes the publisher wait beyond maxBufferedMessages instead of buffering on', async () => {
    const fake = new FakeKafka();
    let release!: () => void;
    fake.gate = new Promise((r) => (release = r));
    const { transport } = make({ maxBufferedMessages: 100, batchMessages: 10 }, fake);
    await transport.connect();
    let wait: void | Promise<void> = undefined;
    let accepted = 0;
    while (!wait) {
      wait = transport.publish('t', 'k', String(accepted));
      accepted++;
    }
    expect(accepted).toBe(100);
    let resolved = false;
    void wait.then(() => (resolved = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(resolved).toBe(false);
    fake.gate = null;
    release();
    await wait;
    expect(transport.stats().unacked).toBeLessThanOrEqual(90); // released once a request (10) has room
    await transport.flush();
    expect(fake.delivered.map((m) => Number(m.value))).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(transport.stats().waits).toBe(1);
    await transport.close();
  });

  it('retries a failed request with the same messages in the same order: nothing lost, nothing reordered', async () => {
    const fake = new FakeKafka();
    const { transport, lines } = make({ batchMessages: 50 }, fake);
    await transport.connect();
    fake.failures.push(connectionError(), connectionError(), kafkaError('NOT_LEADER_OR_FOLLOWER', true));
    await publishAll(transport, 500, 't', 7);
    await transport.flush();
    const got = fake.delivered;
    expect(got.length).toBe(500);
    expect(got.map((m) => Number(m.value.split(':')[1]))).toEqual(Array.from({ length: 500 }, (_, i) => i));
    expect(transport.stats().retries).toBe(3);
    expect(transport.stats().outages).toBeGreaterThanOrEqual(1);
    expect(lines.some((l) => l.includes('cannot deliver to 127.0.0.1:9092'))).toBe(true);
    expect(lines.some((l) => l.includes('resumed'))).toBe(true);
    await transport.close();
  });

  it('starts a new producer when the broker lost the idempotent session, and still delivers', async () => {
    const fake = new FakeKafka();
    const { transport } = make({}, fake);
    await transport.connect();
    fake.failures.push(kafkaError('UNKNOWN_PRODUCER_ID', false));
    await publishAll(transport, 10);
    await transport.flush();
    expect(fake.delivered.length).toBe(10);
    expect(fake.producersMade).toBe(2);
    expect(transport.stats().producerResets).toBe(1);
    await transport.close();
  });

  it('fails with a coded error, not a hang, when the broker refuses a batch for good', async () => {
    const fake = new FakeKafka();
    const { transport } = make({}, fake);
    await transport.connect();
    fake.failures.push(kafkaError('MESSAGE_TOO_LARGE', false));
    transport.publish('t', 'k', 'v');
    const error = await transport.flush().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProdsimError);
    expect((error as ProdsimError).code).toBe(KafkaErrorCodes.DELIVERY);
    expect((error as Error).message).toContain('MESSAGE_TOO_LARGE');
    expect(() => transport.publish('t', 'k', 'v2')).toThrow(/MESSAGE_TOO_LARGE/);
    await expect(transport.close()).rejects.toMatchObject({ code: KafkaErrorCodes.DELIVERY });
  });

  it('gives up after deliveryTimeout of failures, rejecting the waiting publisher', async () => {
    const fake = new FakeKafka();
    const { transport } = make({ deliveryTimeout: 1000, maxBufferedMessages: 5, batchMessages: 4 }, fake);
    await transport.connect();
    for (let i = 0; i < 1000; i++) fake.failures.push(connectionError());
    let wait: void | Promise<void> = undefined;
    for (let i = 0; i < 5 && !wait; i++) wait = transport.publish('t', 'k', String(i));
    expect(wait).toBeInstanceOf(Promise);
    const error = await (wait as Promise<void>).catch((e: unknown) => e);
    expect((error as ProdsimError).code).toBe(KafkaErrorCodes.DELIVERY);
    expect((error as Error).message).toMatch(/could not deliver 5 events to Kafka broker 127\.0\.0\.1:9092/);
  });

  it('rejects connect() within the connect timeout, naming host and port', async () => {
    const fake = new FakeKafka();
    fake.connectBehaviour = 'hang';
    const { transport } = make({ brokers: 'broker.invalid:9092', connectTimeout: 300 }, fake);
    const started = Date.now();
    const error = await transport.connect().catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((error as ProdsimError).code).toBe(ErrorCodes.TRANSPORT_CONNECT);
    expect((error as Error).message).toContain('broker.invalid:9092');
    expect(fake.disconnects).toBeGreaterThanOrEqual(2);
  });

  it('reports a refused connection with the broker address and a hint', async () => {
    const fake = new FakeKafka();
    fake.connectBehaviour = 'refuse';
    const { transport } = make({ brokers: '127.0.0.1:9' }, fake);
    const error = await transport.connect().catch((e: unknown) => e);
    expect((error as ProdsimError).code).toBe(ErrorCodes.TRANSPORT_CONNECT);
    expect((error as Error).message).toMatch(/127\.0\.0\.1:9 .*ECONNREFUSED.*dev-broker\/start\.sh/);
  });

  it('close() flushes, is idempotent, and refuses later publishes', async () => {
    const { transport, fake } = make();
    await transport.connect();
    await publishAll(transport, 20);
    await transport.close();
    await transport.close();
    expect(fake.delivered.length).toBe(20);
    expect(() => transport.publish('t', 'k', 'late')).toThrow(expect.objectContaining({ code: ErrorCodes.TRANSPORT_CLOSED }));
  });
});
