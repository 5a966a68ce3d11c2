import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCodes, ProdsimError } from '../errors.js';
import type { ReceivedMessage, Subscription, Transport } from '../transport/transport.js';

export interface TransportConformanceOptions {
  /** Messages per test (default 3000). */
  messages?: number;
  /** How subscriptions start; brokers with retention may use `beginning` (default `now`). */
  from?: 'now' | 'beginning';
  /** How long to wait for delivery, ms (default 20000). */
  receiveTimeoutMs?: number;
  /**
   * Each instance is its own world (the memory transport): the close test then reads through the
   * instance it closes, which must still deliver what was published before close.
   */
  isolatedInstances?: boolean;
}

let topicCounter = 0;
function freshTopic(): string {
  // Unique per test run so that a broker's retained topics never mix in.
  return `conformance-${process.pid}-${Date.now().toString(36)}-${topicCounter++}`;
}

async function collect(sub: Subscription, count: number, timeoutMs: number): Promise<ReceivedMessage[]> {
  const got: ReceivedMessage[] = [];
  const timer = setTimeout(() => void sub.close(), timeoutMs);
  try {
    for await (const m of sub) {
      got.push(m);
      if (got.length >= count) break;
    }
  } finally {
    clearTimeout(timer);
    await sub.close();
  }
  return got;
}

async function publishAll(transport: Transport, topic: string, items: { key: string; value: string }[]): Promise<void> {
  for (const { key, value } of items) {
    const wait = transport.publish(topic, key, value);
    if (wait) await wait;
  }
}

/**
 * The suite every transport passes: per-key order, nothing lost, flush makes published messages
 * deliverable, close flushes and refuses later publishes.
 */
export function runTransportConformance(name: string, makeTransport: () => Transport | Promise<Transport>, options: TransportConformanceOptions = {}): void {
  const n = options.messages ?? 3000;
  const timeoutMs = options.receiveTimeoutMs ?? 20_000;
  const from = options.from ?? 'now';

  describe(`transport conformance: ${name}`, () => {
    let transport: Transport;
    beforeAll(async () => {
      transport = await makeTransport();
      await transport.connect();
    });
    afterAll(async () => {
      await transport?.close();
    });

    it('delivers every message, keeping the order of each key', async () => {
      const topic = freshTopic();
      const sub = transport.subscribe(topic, { from });
      await sub.ready;
      const keys = ['alice', 'bob', 'carol', 'dave', 'erin'];
      const items = Array.from({ length: n }, (_, i) => ({ key: keys[i % keys.length], value: `${keys[i % keys.length]}:${i}` }));
      const received = collect(sub, n, timeoutMs);
      await publishAll(transport, topic, items);
      await transport.flush();
      const got = await received;
      expect(got.length).toBe(n);
      const lastByKey = new Map<string, number>();
      for (const m of got) {
        expect(m.topic).toBe(topic);
        const [key, seq] = m.value.split(':');
        expect(m.key).toBe(key);
        const prev = lastByKey.get(key) ?? -1;
        expect(Number(seq)).toBeGreaterThan(prev);
        lastByKey.set(key, Number(seq));
      }
      expect(new Set(got.map((m) => m.value)).size).toBe(n);
    });

    it('carries values byte for byte (commas, quotes, unicode, empty keys)', async () => {
      const topic = freshTopic();
      const sub = transport.subscribe(topic, { from });
      await sub.ready;
      const values = ['2020-06-25T13:44:14,601844,GET /data/m/goyas+ghosts+2006/17.mpg', '{"a":"é ü 漢字 🎬"}', 'x'.repeat(10_000), ' leading and trailing '];
      const received = collect(sub, values.length, timeoutMs);
      for (const v of values) {
        const wait = transport.publish(topic, null, v);
        if (wait) await wait;
      }
      await transport.flush();
      const got = await received;
      expect(got.map((m) => m.value)).toEqual(values);
      expect(got.every((m) => m.key === null || m.key === '')).toBe(true);
    });

    it('flush() resolves once everything published before it is delivered', async () => {
      const topic = freshTopic();
      const sub = transport.subscribe(topic, { from });
      await sub.ready;
      const received = collect(sub, 100, timeoutMs);
      await publishAll(transport, topic, Array.from({ length: 100 }, (_, i) => ({ key: 'k', value: String(i) })));
      await transport.flush();
      const got = await received;
      expect(got.map((m) => Number(m.value))).toEqual(Array.from({ length: 100 }, (_, i) => i));
    });

    it('close() flushes what was published, is idempotent, and refuses later publishes', async () => {
      const own = await makeTransport();
      await own.connect();
      const topic = freshTopic();
      const sub = (options.isolatedInstances ? own : transport).subscribe(topic, { from });
      await sub.ready;
      const received = collect(sub, 50, timeoutMs);
      await publishAll(own, topic, Array.from({ length: 50 }, (_, i) => ({ key: 'k', value: String(i) })));
      await own.close();
      await own.close();
      let refused: unknown;
      try {
        await own.publish(topic, 'k', 'late');
      } catch (error) {
        refused = error;
      }
      expect(refused).toBeInstanceOf(ProdsimError);
      expect((refused as ProdsimError).code).toBe(ErrorCodes.TRANSPORT_CLOSED);
      expect((await received).length).toBe(50);
    });
  });
}
