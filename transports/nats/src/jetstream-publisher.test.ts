import { StreamRefusal } from './ack-channel.js';
import { describe, expect, it } from 'vitest';
import { FakeJetStream } from '../test/fake-nats.js';
import { NatsErrorCodes } from './errors.js';
import { JetStreamPublisher } from './jetstream-publisher.js';

function make(js: FakeJetStream, o: Partial<ConstructorParameters<typeof JetStreamPublisher>[1]> = {}) {
  const lines: string[] = [];
  const p = new JetStreamPublisher(
    js.channel,
    { keys: true, maxInFlight: 8, maxBufferedMessages: 1000, ackTimeout: 1000, deliveryTimeout: 60_000, runId: 'r', where: '127.0.0.1:4222', ...o },
    (l) => lines.push(l),
  );
  return { p, lines };
}

const timeout = () => Object.assign(new Error('TIMEOUT'), { name: 'TimeoutError' });

describe('JetStreamPublisher (fake JetStream)', () => {
  it('pipelines at most maxInFlight publishes, each with a message id and the key header', async () => {
    const js = new FakeJetStream();
    js.mode = 'manual';
    const { p } = make(js, { maxInFlight: 4 });
    for (let i = 0; i < 10; i++) p.publish('prodsim.t.log', i % 2 ? `u${i}` : null, `v${i}`);
    expect(js.inFlight).toBe(4);
    const done = p.flush();
    while (js.stored.length < 10) {
      js.settle();
      await Promise.resolve();
    }
    await done;
    expect(js.stored.map((m) => m.value)).toEqual(Array.from({ length: 10 }, (_, i) => `v${i}`));
    expect(js.stored.map((m) => m.msgID)).toEqual(Array.from({ length: 10 }, (_, i) => `r-${i}`));
    expect(js.stored[1].key).toBe('u1');
    expect(js.stored[0].key).toBeUndefined();
    expect(p.stats()).toMatchObject({ published: 10, acked: 10, unacked: 0 });
  });

  it('a resumed run numbers on from where its checkpoint was: the ids its crashed run sent after it come again, and the stream drops those copies', async () => {
    const js = new FakeJetStream();
    // The crashed run: 5 events before its checkpoint, 3 after it, then killed.
    const crashed = make(js, { runId: 'run7' }).p;
    for (let i = 0; i < 8; i++) crashed.publish('s', 'k', `v${i}`);
    await crashed.flush();
    // Resumed from the checkpoint (5 published): the same events 5..7 again, then new ones.
    const resumed = make(js, { runId: 'run7', firstId: 5 }).p;
    for (let i = 5; i < 10; i++) resumed.publish('s', 'k', `v${i}`);
    await resumed.flush();
    expect(js.stored.map((m) => m.msgID)).toEqual(Array.from({ length: 10 }, (_, i) => `run7-${i}`));
    expect(resumed.stats()).toMatchObject({ published: 5, acked: 5, deduplicated: 3 });
  });

  it('re-sends failed publishes with the same ids, in order, before anything newer: nothing lost or duplicated in the stream', async () => {
    const js = new FakeJetStream();
    // Attempts 3..9 fail; 3 and 4 were stored before failing (ack lost), the rest never arrived.
    js.storeThenFail = false;
    js.failWith = (_m, n) => (n >= 3 && n < 10 ? timeout() : undefined);
    const stored = new Set([3, 4]);
    const orig = js.failWith;
    js.failWith = (m, n) => {
      const f = orig(m, n);
      if (f && stored.has(n)) {
        js.storeThenFail = true;
        queueMicrotask(() => (js.storeThenFail = false));
      }
      return f;
    };
    const { p, lines } = make(js, { maxInFlight: 4 });
    for (let i = 0; i < 40; i++) {
      const w = p.publish('s', 'k', String(i));
      if (w) await w;
    }
    await p.flush();
    expect(js.stored.map((m) => Number(m.value))).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(p.stats().resent).toBeGreaterThan(0);
    expect(lines.some((l) => l.includes('cannot publish to JetStream'))).toBe(true);
    expect(lines.some((l) => l.includes('acknowledges again'))).toBe(true);
  });

  it('makes the publisher wait beyond maxBufferedMessages', async () => {
    const js = new FakeJetStream();
    js.mode = 'manual';
    const { p } = make(js, { maxInFlight: 10, maxBufferedMessages: 50 });
    let wait: void | Promise<void>;
    let n = 0;
    do wait = p.publish('s', null, String(n++));
    while (!wait);
    expect(n).toBe(50);
    let released = false;
    void wait.then(() => (released = true));
    js.settle(3); // 47 unacknowledged: above the resume mark (50 - half the window of 10)
    await new Promise((r) => setTimeout(r, 0));
    expect(released).toBe(false);
    while (!released) {
      js.settle();
      await new Promise((r) => setTimeout(r, 0));
    }
    expect(p.stats().unacked).toBeLessThanOrEqual(45); // released once half a window (5) has room
  });

  it('fails for good, with a coded error, when the stream refuses a message', async () => {
    const js = new FakeJetStream();
    js.failWith = () => new StreamRefusal('message size exceeds maximum allowed', 400, 10054);
    const { p } = make(js);
    p.publish('s', null, 'x');
    await expect(p.flush()).rejects.toMatchObject({ code: NatsErrorCodes.DELIVERY });
    expect(() => p.publish('s', null, 'y')).toThrow(/maximum allowed/);
  });

  it('gives up after deliveryTimeout without acknowledgements', async () => {
    const js = new FakeJetStream();
    js.failWith = () => timeout();
    const { p } = make(js, { deliveryTimeout: 300 });
    p.publish('s', null, 'x');
    const error = await p.flush().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: NatsErrorCodes.DELIVERY });
    expect((error as Error).message).toMatch(/could not deliver 1 events to JetStream at 127\.0\.0\.1:4222/);
  });
});

describe('JetStreamPublisher with keys: false', () => {
  it('sends only the message id header', async () => {
    const js = new FakeJetStream();
    const p = new JetStreamPublisher(
      js.channel,
      { keys: false, maxInFlight: 8, maxBufferedMessages: 100, ackTimeout: 1000, deliveryTimeout: 60_000, runId: 'r', where: 'x' },
      () => {},
    );
    p.publish('s', 'u1', 'v');
    await p.flush();
    expect(js.stored).toEqual([{ subject: 's', value: 'v', msgID: 'r-0', key: undefined }]);
  });
});

describe('JetStreamPublisher and JetStream restarts', () => {
  it('retries a 503 from the stream (JetStream coming back) instead of failing', async () => {
    const js = new FakeJetStream();
    let n = 0;
    js.failWith = () => (n++ < 2 ? new StreamRefusal('JetStream system temporarily unavailable', 503, 10008) : undefined);
    const { p } = make(js);
    p.publish('s', null, 'x');
    await p.flush();
    expect(js.stored.map((m) => m.value)).toEqual(['x']);
  });
});
