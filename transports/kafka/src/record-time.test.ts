import { describe, expect, it } from 'vitest';
import { FakeKafka } from '../test/fake-kafka.js';
import { parseKafkaOptions, type KafkaTransportInput } from './kafka-options.js';
import { KafkaTransport } from './kafka-transport.js';

function make(options: KafkaTransportInput = {}, fake = new FakeKafka()) {
  return { transport: new KafkaTransport(parseKafkaOptions(options), { makeKafka: fake.make, log: () => {} }), fake };
}

const JAN_5 = Date.UTC(2026, 0, 5, 13, 44, 14);

describe('Kafka record timestamps and topics made at the start', () => {
  it("stamps each record with the event's simulated time", async () => {
    const { transport, fake } = make();
    await transport.connect();
    transport.publish('movielog1', '5', 'a line', JAN_5);
    transport.publish('movielog1', '5', 'another line', JAN_5 + 60_000.25);
    await transport.flush();
    expect(fake.requests.flat().flatMap((r) => r.messages.map((m) => m.timestamp))).toEqual([String(JAN_5), String(JAN_5 + 60_000)]);
    await transport.close();
  });

  it("with timestamps: wall, leaves the stamp to the producer's clock", async () => {
    const { transport, fake } = make({ timestamps: 'wall' });
    await transport.connect();
    transport.publish('movielog1', '5', 'a line', JAN_5);
    await transport.flush();
    expect(fake.requests.flat()[0].messages[0]).toEqual({ key: '5', value: 'a line' });
    expect(fake.topicConfigs.get('movielog1')).not.toHaveProperty('message.timestamp.after.max.ms');
    await transport.close();
  });

  it('creates a declared topic at once, configured to keep simulated times, and the first publish waits for it', async () => {
    const fake = new FakeKafka();
    let release!: () => void;
    fake.createGate = new Promise((r) => (release = r));
    const { transport } = make({}, fake);
    await transport.connect();
    transport.declareTopic('movielog7');
    const wait = transport.publish('movielog7', '1', 'first line', JAN_5);
    expect(wait).toBeInstanceOf(Promise);
    let waited = false;
    void (wait as Promise<void>).then(() => (waited = true));
    await new Promise((r) => setImmediate(r));
    expect(waited).toBe(false);
    release();
    await wait;
    expect(fake.createdTopics).toEqual(['movielog7']);
    expect(fake.topicConfigs.get('movielog7')).toEqual({
      'retention.ms': '-1',
      'message.timestamp.type': 'CreateTime',
      'message.timestamp.before.max.ms': '9223372036854775807',
      'message.timestamp.after.max.ms': '9223372036854775807',
    });
    // Once they exist, publishing does not wait.
    expect(transport.publish('movielog7', '1', 'second line', JAN_5)).toBeUndefined();
    await transport.close();
  });

  it('takes a retention of its own for the topics it creates', async () => {
    const { transport, fake } = make({ retentionMs: 7 * 86_400_000 });
    transport.declareTopic('movielog2');
    await transport.publish('movielog2', '1', 'x', JAN_5);
    expect(fake.topicConfigs.get('movielog2')?.['retention.ms']).toBe(String(7 * 86_400_000));
    await transport.close();
  });
});
