import { describe, expect, it, vi } from 'vitest';
import { FakeTransactionalKafka } from '../test/fake-transactions.js';
import { connectionError } from '../test/fake-kafka.js';
import { KafkaErrorCodes } from './errors.js';
import { parseKafkaOptions, type KafkaTransportInput } from './kafka-options.js';
import { KafkaTransport } from './kafka-transport.js';

const RUN = 'run1-team01';
const ID = `prodsim-${RUN}`;

function make(fake: FakeTransactionalKafka, options: KafkaTransportInput = {}) {
  const lines: string[] = [];
  const transport = new KafkaTransport(parseKafkaOptions({ linger: 0, transactionMs: 30_000, ...options }), {
    makeKafka: fake.make,
    log: (l) => lines.push(l),
  });
  return { transport, lines };
}

/** Events `from` to `to` - 1 of a deterministic run: what a resumed run publishes again is the same. */
async function publishRange(t: KafkaTransport, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i++) {
    const wait = t.publish('t', `u${i % 3}`, `e${i}`);
    if (wait) await wait;
  }
}

const values = (fake: FakeTransactionalKafka) => fake.committed.map((m) => m.value);
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `e${from + i}`);

describe('KafkaTransport in transactions (a checkpointed run, fake broker)', () => {
  it('commits at flush with the count of events published, and only then are they visible', async () => {
    const fake = new FakeTransactionalKafka();
    const { transport } = make(fake);
    transport.continueRun(RUN, 0);
    await transport.connect();
    await publishRange(transport, 0, 10);
    await vi.waitFor(() => expect(fake.openCount(ID)).toBe(10));
    expect(fake.committed).toEqual([]);
    await transport.flush();
    expect(values(fake)).toEqual(range(0, 10));
    expect(fake.groupOffsets.get(`${ID}-committed`)).toBe(10);
    expect(transport.stats()).toMatchObject({ published: 10, delivered: 10, unacked: 0, transactions: 1 });
    await transport.close();
  });

  it('a resumed run fences the crashed one and sends neither what Kafka committed after the checkpoint nor less', async () => {
    const fake = new FakeTransactionalKafka();
    // The first run: a checkpoint after 5 events (flush: committed), 5 more committed (a
    // transaction between checkpoints), then 4 sent in a transaction that never commits: killed.
    const first = make(fake).transport;
    first.continueRun(RUN, 0);
    await first.connect();
    await publishRange(first, 0, 5);
    await first.flush();
    await publishRange(first, 5, 10);
    await first.flush();
    await publishRange(first, 10, 14);
    await vi.waitFor(() => expect(fake.openCount(ID)).toBe(4));

    // Resumed from the checkpoint at 5: the same events from there on.
    const { transport: resumed, lines } = make(fake);
    resumed.continueRun(RUN, 5);
    await resumed.connect();
    expect(fake.aborted).toBe(1);
    expect(lines).toContain('kafka: resuming: 5 events after the checkpoint were already committed; they are not sent again');
    await publishRange(resumed, 5, 20);
    await resumed.close();
    expect(values(fake)).toEqual(range(0, 20));
    expect(resumed.stats()).toMatchObject({ published: 15, delivered: 15, alreadyCommitted: 5, unacked: 0 });
    // The crashed run's producer (were it still alive) is fenced: it commits nothing more, and fences nobody in turn.
    await expect(first.flush()).rejects.toThrow(/another producer of run prodsim-run1-team01 took over .*: 4 events not committed here/);
    expect(values(fake)).toEqual(range(0, 20));
  });

  it('a transaction cut short by the broker is sent again whole; one that committed despite an error is not', async () => {
    const fake = new FakeTransactionalKafka();
    const { transport } = make(fake);
    transport.continueRun(RUN, 0);
    await transport.connect();
    await publishRange(transport, 0, 6);
    await vi.waitFor(() => expect(fake.openCount(ID)).toBe(6));
    fake.commitFailures.push({ applied: false });
    await transport.flush(); // the commit fails, the new session finds the transaction aborted, sends it again
    expect(fake.aborted).toBe(1);
    expect(values(fake)).toEqual(range(0, 6));

    await publishRange(transport, 6, 9);
    fake.failures.push(connectionError()); // a request fails mid-transaction
    await publishRange(transport, 9, 12);
    fake.commitFailures.push({ applied: true });
    await transport.flush(); // ... and the commit went through though the client was told otherwise
    await transport.close();
    expect(values(fake)).toEqual(range(0, 12));
    expect(fake.groupOffsets.get(`${ID}-committed`)).toBe(12);
  });

  it('commits a busy run every transactionMs without waiting for a flush', async () => {
    const fake = new FakeTransactionalKafka();
    const { transport } = make(fake, { transactionMs: 10 });
    transport.continueRun(RUN, 0);
    await transport.connect();
    await publishRange(transport, 0, 3);
    await vi.waitFor(() => expect(values(fake)).toEqual(range(0, 3)));
    await transport.close();
  });

  it('refuses to resume when Kafka holds fewer committed events than the checkpoint published', async () => {
    const fake = new FakeTransactionalKafka();
    fake.groupOffsets.set(`${ID}-committed`, 3);
    const { transport } = make(fake);
    transport.continueRun(RUN, 7);
    await expect(transport.connect()).rejects.toMatchObject({
      code: KafkaErrorCodes.RESUME,
      message: expect.stringMatching(/holds 3 committed events .* says 7 were published/),
    });
    await transport.close();
  });

  it('without transactions (transactions: false, or idempotent: false) a checkpointed run keeps the idempotent producer', async () => {
    for (const options of [{ transactions: false }, { idempotent: false, acks: 1 }]) {
      const fake = new FakeTransactionalKafka();
      const { transport } = make(fake, options);
      transport.continueRun(RUN, 0);
      await transport.connect();
      await publishRange(transport, 0, 4);
      await transport.flush();
      expect(fake.committed).toEqual([]); // nothing went through a transaction...
      expect(fake.delivered.map((m) => m.value)).toEqual(range(0, 4)); // ... all through the plain producer
      expect(transport.stats()).not.toHaveProperty('transactions');
      await transport.close();
    }
  });
});
