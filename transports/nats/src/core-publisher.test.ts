import { describe, expect, it } from 'vitest';
import { FakeNatsConnection } from '../test/fake-nats.js';
import { CorePublisher } from './core-publisher.js';

describe('CorePublisher (fake connection)', () => {
  it('publishes at once, with the key as a header only when there is one', async () => {
    const nc = new FakeNatsConnection();
    const p = new CorePublisher(nc.connection, { keys: true, flushEvery: 100, maxBufferedMessages: 1000, deliveryTimeout: 1000, where: 'x' }, () => {});
    p.publish('a', 'u1', 'v1');
    p.publish('a', null, 'v2');
    expect(nc.published).toEqual([
      { subject: 'a', value: 'v1', key: 'u1' },
      { subject: 'a', value: 'v2', key: undefined },
    ]);
    await p.flush();
    expect(p.stats()).toMatchObject({ published: 2, confirmed: 2 });
    const bare = new CorePublisher(nc.connection, { keys: false, flushEvery: 100, maxBufferedMessages: 1000, deliveryTimeout: 1000, where: 'x' }, () => {});
    bare.publish('a', 'u1', 'v3');
    expect(nc.published[2]).toEqual({ subject: 'a', value: 'v3', key: undefined });
  });

  it('waits for round trips once maxBufferedMessages are unconfirmed', async () => {
    const nc = new FakeNatsConnection();
    nc.autoFlush = false;
    const p = new CorePublisher(nc.connection, { keys: true, flushEvery: 10, maxBufferedMessages: 50, deliveryTimeout: 5000, where: 'x' }, () => {});
    let wait: void | Promise<void>;
    let n = 0;
    do wait = p.publish('a', null, String(n++));
    while (!wait);
    expect(n).toBe(50);
    expect(nc.pendingFlushes).toBe(5);
    nc.releaseFlushes();
    await wait;
    expect(p.stats().confirmed).toBe(50);
  });

  it('fails the waiting publisher when the server confirms nothing for deliveryTimeout', async () => {
    const nc = new FakeNatsConnection();
    nc.autoFlush = false;
    const p = new CorePublisher(
      nc.connection,
      { keys: true, flushEvery: 10, maxBufferedMessages: 20, deliveryTimeout: 200, where: '127.0.0.1:4222' },
      () => {},
    );
    let wait: void | Promise<void>;
    do wait = p.publish('a', null, 'x');
    while (!wait);
    await expect(wait).rejects.toThrow(/127\.0\.0\.1:4222 confirmed nothing/);
    expect(() => p.publish('a', null, 'y')).toThrow(/confirmed nothing/);
  });
});
