import { ErrorCodes, isProdsimError } from '../errors.js';
import type { ReceivedMessage, Subscription, Transport } from '../transport/transport.js';
import { ensure, type ConformanceSuite } from './conformance-check.js';

export interface TransportConformanceOptions {
  /** Messages per check (default 3000). */
  messages?: number;
  /** How subscriptions start; brokers with retention may use `beginning` (default `now`). */
  from?: 'now' | 'beginning';
  /** How long to wait for delivery, ms (default 20000). */
  receiveTimeoutMs?: number;
  /**
   * Each instance is its own world (the memory transport): the close check then reads through the
   * instance it closes, which must still deliver what was published before close.
   */
  isolatedInstances?: boolean;
}

let topicCounter = 0;
function freshTopic(): string {
  // Unique per run so that a broker's retained topics never mix in.
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
 * The suite every transport passes, without a test runner: per-key order, nothing lost, values
 * byte for byte, flush makes published messages deliverable, close flushes and refuses later
 * publishes. `makeTransport` is called once for the suite and once more for the close check.
 */
export function transportConformance(
  name: string,
  makeTransport: () => Transport | Promise<Transport>,
  options: TransportConformanceOptions = {},
): ConformanceSuite {
  const n = options.messages ?? 3000;
  const timeoutMs = options.receiveTimeoutMs ?? 20_000;
  const from = options.from ?? 'now';
  let transport: Transport | undefined;
  const shared = (): Transport => transport!;
  const received = (got: ReceivedMessage[], expected: number) => `received ${got.length} of ${expected} messages within ${timeoutMs} ms`;

  return {
    name: `transport conformance: ${name}`,
    async setup() {
      transport = await makeTransport();
      await transport.connect();
    },
    async teardown() {
      await transport?.close();
    },
    checks: [
      {
        name: 'delivers every message, keeping the order of each key',
        async run() {
          const topic = freshTopic();
          const sub = shared().subscribe(topic, { from });
          await sub.ready;
          const keys = ['alice', 'bob', 'carol', 'dave', 'erin'];
          const items = Array.from({ length: n }, (_, i) => ({ key: keys[i % keys.length], value: `${keys[i % keys.length]}:${i}` }));
          const receiving = collect(sub, n, timeoutMs);
          await publishAll(shared(), topic, items);
          await shared().flush();
          const got = await receiving;
          ensure(got.length === n, received(got, n));
          const lastByKey = new Map<string, number>();
          for (const m of got) {
            ensure(m.topic === topic, `a message came on topic ${m.topic}, not ${topic}`);
            const [key, seq] = m.value.split(':');
            ensure(m.key === key, `message ${m.value} came with key ${m.key}`);
            ensure(Number(seq) > (lastByKey.get(key) ?? -1), `message ${m.value} came after a later one of key ${key}`);
            lastByKey.set(key, Number(seq));
          }
          ensure(new Set(got.map((m) => m.value)).size === n, 'some messages came twice');
        },
      },
      {
        name: 'carries values byte for byte (commas, quotes, unicode, empty keys)',
        async run() {
          const topic = freshTopic();
          const sub = shared().subscribe(topic, { from });
          await sub.ready;
          const values = [
            '2020-06-25T13:44:14,601844,GET /data/m/goyas+ghosts+2006/17.mpg',
            '{"a":"é ü 漢字 🎬"}',
            'x'.repeat(10_000),
            ' leading and trailing ',
          ];
          const receiving = collect(sub, values.length, timeoutMs);
          for (const v of values) {
            const wait = shared().publish(topic, null, v);
            if (wait) await wait;
          }
          await shared().flush();
          const got = await receiving;
          ensure(got.length === values.length, received(got, values.length));
          for (const [i, m] of got.entries())
            ensure(m.value === values[i], `value ${i} came as ${JSON.stringify(m.value.slice(0, 60))}, not ${JSON.stringify(values[i].slice(0, 60))}`);
          ensure(
            got.every((m) => m.key === null || m.key === ''),
            'a message published without a key came with one',
          );
        },
      },
      {
        name: 'flush() resolves once everything published before it is delivered',
        async run() {
          const topic = freshTopic();
          const sub = shared().subscribe(topic, { from });
          await sub.ready;
          const receiving = collect(sub, 100, timeoutMs);
          await publishAll(
            shared(),
            topic,
            Array.from({ length: 100 }, (_, i) => ({ key: 'k', value: String(i) })),
          );
          await shared().flush();
          const got = await receiving;
          ensure(got.length === 100, received(got, 100));
          for (const [i, m] of got.entries()) ensure(Number(m.value) === i, `message ${i} came as ${m.value}`);
        },
      },
      {
        // A world skips writing lines to a topic its transport says nobody reads (EventSink.reads).
        name: 'reads a topic while a subscriber is on it, if it can say it does not (`reads`)',
        async run() {
          const t = shared();
          if (t.reads === undefined) return;
          const topic = freshTopic();
          const sub = t.subscribe(topic, { from });
          await sub.ready;
          ensure(t.reads(topic), `reads(${topic}) is false with a subscriber on it: a world would not write the events it waits for`);
          await sub.close();
        },
      },
      {
        name: 'close() flushes what was published, is idempotent, and refuses later publishes',
        async run() {
          const own = await makeTransport();
          await own.connect();
          const topic = freshTopic();
          const sub = (options.isolatedInstances ? own : shared()).subscribe(topic, { from });
          await sub.ready;
          const receiving = collect(sub, 50, timeoutMs);
          await publishAll(
            own,
            topic,
            Array.from({ length: 50 }, (_, i) => ({ key: 'k', value: String(i) })),
          );
          await own.close();
          await own.close();
          let refused: unknown;
          try {
            await own.publish(topic, 'k', 'late');
          } catch (error) {
            refused = error;
          }
          ensure(
            isProdsimError(refused) && refused.code === ErrorCodes.TRANSPORT_CLOSED,
            `publish after close() gave ${refused === undefined ? 'no error' : String(refused)}, not ${ErrorCodes.TRANSPORT_CLOSED}`,
          );
          const got = await receiving;
          ensure(got.length === 50, `${received(got, 50)} published before close()`);
        },
      },
    ],
  };
}
