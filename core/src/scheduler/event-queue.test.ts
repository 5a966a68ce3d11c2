import { describe, expect, it } from 'vitest';
import { RandomStream } from '../rng/random-stream.js';
import { EventQueue } from './event-queue.js';

function drain(q: EventQueue): { time: number; handler: number; arg: number; seq: number }[] {
  const out = [];
  while (q.size > 0) {
    out.push({ time: q.peekTime(), handler: q.peekHandler(), arg: q.peekArg(), seq: q.peekSeq() });
    q.pop();
  }
  return out;
}

describe('EventQueue', () => {
  it('orders by time, then priority, then insertion order', () => {
    const q = new EventQueue(4);
    q.push(10, 128, 1, 0);
    q.push(5, 200, 2, 0);
    q.push(10, 5, 3, 0);
    q.push(10, 128, 4, 0);
    q.push(5, 200, 5, 0);
    expect(drain(q).map((e) => e.handler)).toEqual([2, 5, 3, 1, 4]);
  });

  it('matches a stable sort on (time, priority, seq) for 20,000 random events, across growth', () => {
    const rng = new RandomStream('queue');
    const q = new EventQueue(16);
    const events: { time: number; priority: number; seq: number }[] = [];
    for (let i = 0; i < 20_000; i++) {
      const time = rng.int(500); // many ties
      const priority = rng.int(4) * 64;
      const seq = q.push(time, priority, i % 65_535, i);
      events.push({ time, priority, seq });
    }
    events.sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq);
    const got = drain(q);
    expect(got.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    expect(got.map((e) => e.arg)).toEqual(events.map((e) => e.seq));
  });

  it('keeps ordering when pushes interleave with pops', () => {
    const rng = new RandomStream('interleave');
    const q = new EventQueue(8);
    let last = -Infinity;
    let now = 0;
    for (let i = 0; i < 50_000; i++) {
      if (q.size > 0 && rng.next() < 0.5) {
        const t = q.peekTime();
        expect(t).toBeGreaterThanOrEqual(last);
        last = t;
        now = t;
        q.pop();
      } else {
        q.push(now + rng.int(1000), 128, 0, 0);
      }
    }
  });

  it('grows by a quarter once large, bounding spare capacity', () => {
    const q = new EventQueue(1 << 20);
    for (let i = 0; i <= 1 << 20; i++) q.push(i, 0, 0, 0);
    expect(q.capacity).toBe(Math.ceil((1 << 20) * 1.25));
    expect(q.byteLength / q.capacity).toBe(22);
  });
});
