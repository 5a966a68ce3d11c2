import { describe, expect, it } from 'vitest';
import { ErrorCodes } from '../errors.js';
import { runTransportConformance } from '../testing/transport-conformance.js';
import { MemoryTransport } from './memory-transport.js';

runTransportConformance('memory', () => new MemoryTransport({ capacity: 512 }), { isolatedInstances: true });
runTransportConformance('memory (from beginning)', () => new MemoryTransport({ retain: 10_000 }), { from: 'beginning', isolatedInstances: true });

describe('MemoryTransport', () => {
  it('makes publishers wait when a subscriber falls capacity messages behind, and releases them as it drains', async () => {
    const t = new MemoryTransport({ capacity: 4 });
    const sub = t.subscribe('topic');
    const results = [];
    for (let i = 0; i < 4; i++) results.push(t.publish('topic', null, String(i)));
    expect(results.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    const wait = results[3];
    expect(wait).toBeInstanceOf(Promise);
    let released = false;
    void (wait as Promise<void>).then(() => (released = true));
    const it = sub[Symbol.asyncIterator]();
    await it.next();
    await new Promise((r) => setImmediate(r));
    expect(released).toBe(false); // 3 queued: still above half capacity
    await it.next();
    await new Promise((r) => setImmediate(r));
    expect(released).toBe(true);
    await t.close();
  });

  it('counts messages nobody subscribed to, and keeps history only when asked', async () => {
    const t = new MemoryTransport();
    t.publish('nobody', 'k', 'v');
    expect(t.stats()).toEqual({ published: 1, unrouted: 1 });
    expect(() => t.subscribe('nobody', { from: 'beginning' })).toThrowError(expect.objectContaining({ code: ErrorCodes.TRANSPORT_UNSUPPORTED }));
    const kept = new MemoryTransport({ retain: 2 });
    for (const v of ['a', 'b', 'c']) kept.publish('t', null, v);
    const sub = kept.subscribe('t', { from: 'beginning' });
    await kept.close();
    const got = [];
    for await (const m of sub) got.push(m.value);
    expect(got).toEqual(['b', 'c']);
  });
});
