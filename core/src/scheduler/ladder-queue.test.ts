import { describe, expect, it } from 'vitest';
import { RandomStream } from '../rng/random-stream.js';
import { EventQueue } from './event-queue.js';
import { LadderQueue } from './ladder-queue.js';
import type { SchedulerQueue } from './scheduler-queue.js';

const START = Date.UTC(2026, 0, 5);
const DAY = 86_400_000;

function drain(q: SchedulerQueue): { time: number; handler: number; arg: number; seq: number }[] {
  const out = [];
  while (q.size > 0) {
    out.push({ time: q.peekTime(), handler: q.peekHandler(), arg: q.peekArg(), seq: q.peekSeq() });
    q.pop();
  }
  return out;
}

/** A time after `now` from a mixture: the same instant, near, far, coarse (bursts), fractional. */
function laterTime(rng: RandomStream, now: number): number {
  const u = rng.next();
  if (u < 0.05) return now;
  if (u < 0.35) return now + 1 + Math.floor(rng.exponential(1 / 60_000));
  if (u < 0.5) return now + rng.int(1000);
  if (u < 0.65) return (Math.floor(now / DAY) + 1 + rng.int(3)) * DAY; // a coming day start
  if (u < 0.75) return now + rng.int(30) * 60_000; // on a coarse grid
  if (u < 0.85) return now + rng.exponential(1 / 5_000); // fractional milliseconds
  if (u < 0.95) return now + Math.floor(rng.exponential(1 / (30 * DAY)));
  return now + rng.int(4) * 1e-9; // within a few ulps of now
}

const PRIORITIES = [0, 64, 128, 128, 128, 192, 255];

describe('LadderQueue', () => {
  it('orders by time, then priority, then insertion order', () => {
    const q = new LadderQueue(4);
    q.push(10, 128, 1, 0);
    q.push(5, 200, 2, 0);
    q.push(10, 5, 3, 0);
    q.push(10, 128, 4, 0);
    q.push(5, 200, 5, 0);
    expect(drain(q).map((e) => e.handler)).toEqual([2, 5, 3, 1, 4]);
    expect(q.peekTime()).toBe(Infinity);
  });

  it('matches a stable sort on (time, priority, seq) for 200,000 events with many ties, across growth', () => {
    const rng = new RandomStream('ladder-sort');
    const q = new LadderQueue(16);
    const events: { time: number; priority: number; seq: number }[] = [];
    for (let i = 0; i < 200_000; i++) {
      const time = rng.next() < 0.3 ? 1000 : rng.int(50_000);
      const priority = PRIORITIES[rng.int(PRIORITIES.length)];
      events.push({ time, priority, seq: q.push(time, priority, i % 65_535, i) });
    }
    events.sort((a, b) => a.time - b.time || a.priority - b.priority || a.seq - b.seq);
    const got = drain(q);
    expect(got.map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    expect(got.map((e) => e.arg)).toEqual(events.map((e) => e.seq));
    expect(got.map((e) => e.time)).toEqual(events.map((e) => e.time));
  });

  it('pops exactly as the binary heap over 1.5 million mixed pushes, pops, bursts at one timestamp and snapshots', () => {
    const rng = new RandomStream('ladder-differential');
    const heap = new EventQueue(16);
    const ladder = new LadderQueue(16);
    let now = START;
    let pops = 0;
    let bursts = 0;
    let restores = 0;
    // Plain comparisons in the loop (millions of expect calls would take minutes); the first difference ends it.
    let mismatch: string | undefined;
    let target = 1000; // the pending count the mix steers towards; it changes by phase
    for (let op = 0; op < 1_500_000 && mismatch === undefined; op++) {
      if (op % 100_000 === 0) target = [0, 10, 1000, 30_000, 120_000][rng.int(5)];
      const u = rng.next();
      if (u < 0.0001) {
        // A burst: many events at one timestamp, mostly one priority, as day starts produce.
        const time = rng.next() < 0.5 ? now : laterTime(rng, now);
        const n = 1 + rng.int(10_000);
        for (let i = 0; i < n; i++) {
          const priority = rng.next() < 0.9 ? 128 : PRIORITIES[rng.int(PRIORITIES.length)];
          if (ladder.push(time, priority, 7, i) !== heap.push(time, priority, 7, i)) mismatch = `op ${op}: handles differ in a burst`;
        }
        bursts++;
      } else if (u < 0.00013 && heap.size < 200_000) {
        // A snapshot of one queue restored into the other kind, and back.
        const fromLadder = ladder.snapshot();
        const fromHeap = heap.snapshot();
        if (fromLadder.nextSeq !== fromHeap.nextSeq) mismatch = `op ${op}: snapshots differ in nextSeq`;
        const a = Float64Array.from(fromLadder.keys).sort();
        const b = Float64Array.from(fromHeap.keys).sort();
        if (a.length !== b.length || a.some((k, i) => k !== b[i])) mismatch = `op ${op}: snapshots hold different events`;
        ladder.restore(fromHeap);
        heap.restore(fromLadder);
        restores++;
      } else if (heap.size > 0 && (heap.size > target ? u < 0.9 : u < 0.45)) {
        const time = heap.peekTime();
        if (
          ladder.peekTime() !== time ||
          ladder.peekSeq() !== heap.peekSeq() ||
          ladder.peekHandler() !== heap.peekHandler() ||
          ladder.peekArg() !== heap.peekArg()
        ) {
          mismatch = `op ${op}: heads differ: ladder (${ladder.peekTime()}, seq ${ladder.peekSeq()}), heap (${time}, seq ${heap.peekSeq()})`;
        }
        heap.pop();
        ladder.pop();
        now = time;
        pops++;
      } else {
        // Now and then an event before the last one popped: the queues themselves allow it.
        const time = rng.next() < 0.001 ? now - rng.int(10_000) : laterTime(rng, now);
        const priority = PRIORITIES[rng.int(PRIORITIES.length)];
        const handler = rng.int(65_535);
        const arg = rng.int(2 ** 31) - 2 ** 30;
        if (ladder.push(time, priority, handler, arg) !== heap.push(time, priority, handler, arg)) mismatch = `op ${op}: handles differ`;
      }
      if (ladder.size !== heap.size) mismatch = `op ${op}: sizes differ: ladder ${ladder.size}, heap ${heap.size}`;
    }
    expect(mismatch).toBeUndefined();
    expect(pops).toBeGreaterThan(500_000);
    expect(bursts).toBeGreaterThan(80);
    expect(restores).toBeGreaterThan(15);
    expect(drain(ladder)).toEqual(drain(heap));
  });

  it('collects the queued sequence numbers among a set, and none once popped', () => {
    const q = new LadderQueue();
    const seqs = [];
    for (let i = 0; i < 100; i++) seqs.push(q.push(START + (i % 10), 128, 0, i));
    const into = new Set<number>();
    q.collectSeqs(into, new Set([seqs[3], seqs[50], 10_000]));
    expect([...into].sort((a, b) => a - b)).toEqual([seqs[3], seqs[50]]);
    while (q.size > 50) q.pop();
    const after = new Set<number>();
    q.collectSeqs(after, new Set(seqs));
    expect(after.size).toBe(50);
    expect(after.has(seqs[3])).toBe(false); // START + 3 was among the first 50 popped
  });

  it('snapshots in heap order, so that the binary heap restores it as it is', () => {
    const rng = new RandomStream('ladder-snapshot');
    const q = new LadderQueue();
    for (let i = 0; i < 5000; i++) q.push(START + rng.int(100), PRIORITIES[rng.int(PRIORITIES.length)], 0, i);
    for (let i = 0; i < 1000; i++) q.pop();
    const { times, keys } = q.snapshot();
    expect(times.length).toBe(4000);
    for (let i = 1; i < times.length; i++) {
      const p = (i - 1) >> 1;
      expect(times[p] < times[i] || (times[p] === times[i] && keys[p] < keys[i])).toBe(true);
    }
  });

  it('restores a snapshot with its handles: new events get new sequence numbers', () => {
    const q = new LadderQueue();
    for (let i = 0; i < 1000; i++) q.push(START + (i % 7) * 1000, 128, 1, i);
    for (let i = 0; i < 10; i++) q.pop();
    const state = q.snapshot();
    const copy = new LadderQueue();
    copy.restore(state);
    expect(copy.push(START, 0, 2, 0)).toBe(1000);
    expect(copy.peekSeq()).toBe(1000);
    copy.pop();
    expect(drain(copy)).toEqual(drain(q));
  });

  it.each([
    ['heap', () => new EventQueue(16)],
    ['ladder', () => new LadderQueue(16)],
  ] as const)('%s: reserve makes room in one step, keeping what is queued and the order', (_kind, make) => {
    const reserved = make();
    const plain = make();
    const rng = new RandomStream('reserve');
    for (let i = 0; i < 100; i++) {
      const time = START + rng.int(1_000_000);
      reserved.push(time, 128, 1, i);
      plain.push(time, 128, 1, i);
    }
    reserved.reserve(50_000);
    expect(reserved.capacity).toBeGreaterThanOrEqual(50_000);
    const capacity = reserved.capacity;
    for (let i = 100; i < 50_000; i++) {
      const time = START + rng.int(1_000_000);
      reserved.push(time, 128, 1, i);
      plain.push(time, 128, 1, i);
    }
    // No growth after the reservation; the same events come out in the same order.
    expect(reserved.capacity).toBe(capacity);
    expect(drain(reserved)).toEqual(drain(plain));
  });

  it('holds a queued event in 26 bytes of pool and about 1 of buckets', () => {
    const q = new LadderQueue(1 << 16);
    for (let i = 0; i < 1 << 16; i++) q.push(START + i * 37, 128, 0, i);
    q.peekTime(); // spreads the top over rung 0
    expect(q.capacity).toBe(1 << 16);
    expect(q.byteLength / q.size).toBeLessThan(26 + 1.5);
    expect(q.byteLength / q.size).toBeGreaterThanOrEqual(26);
  });
});
