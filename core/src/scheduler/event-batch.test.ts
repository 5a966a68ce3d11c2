import { describe, expect, it } from 'vitest';
import { Clock } from '../clock/clock.js';
import { ErrorCodes } from '../errors.js';
import { RandomStream } from '../rng/random-stream.js';
import { type EventBatch, EventBatchBuilder, sortByTime } from './event-batch.js';
import { Priority, Scheduler } from './scheduler.js';

const START = Date.UTC(2026, 0, 5);

/** Records as the builder lays them out: time (two words), sequence number, argument. */
function records(times: number[]): Uint32Array {
  const words = new Uint32Array(4 * times.length);
  const view = new Float64Array(words.buffer);
  times.forEach((time, i) => {
    view[2 * i] = time + 0;
    words[4 * i + 2] = i;
    words[4 * i + 3] = 7 + i;
  });
  return words;
}

/** The reference: a comparison sort by time, ties by insertion index. */
function expectSorted(times: number[]): void {
  const want = times.map((time, i) => ({ time, i })).sort((a, b) => a.time - b.time || a.i - b.i);
  const got = sortByTime(records(times), times.length);
  const view = new Float64Array(got.buffer, got.byteOffset, 2 * times.length);
  expect(Array.from(times, (_, i) => got[4 * i + 2])).toEqual(want.map((e) => e.i));
  expect(Array.from(times, (_, i) => got[4 * i + 3])).toEqual(want.map((e) => 7 + e.i));
  expect(Array.from(times, (_, i) => view[2 * i])).toEqual(want.map((e) => e.time + 0));
}

describe('sortByTime', () => {
  it('orders a day of millisecond times, ties in the order added', () => {
    const rng = new RandomStream('batch-sort');
    // 20,000 times on 3,000 distinct minutes: many ties.
    expectSorted(Array.from({ length: 20_000 }, () => START + rng.int(3000) * 60_000));
  });

  it('orders any finite doubles: negative, fractional, zero, huge', () => {
    const rng = new RandomStream('batch-sort-any');
    const times = Array.from({ length: 5000 }, () => (rng.next() - 0.5) * 10 ** rng.int(15));
    times.push(0, -1e300, 1e300, 0.5, -0.5, 0, Number.MIN_VALUE, -Number.MIN_VALUE);
    expectSorted(times);
  });

  it('leaves a batch of one time in the order added', () => {
    expectSorted(Array.from({ length: 300 }, () => START));
  });
});

describe('EventBatch', () => {
  /** A batch of `times` (sequence numbers 1000 on, arguments 7 on), and the reference order of their indices. */
  function batchOf(times: number[], bucketRecords: number): { batch: EventBatch; want: number[] } {
    const builder = new EventBatchBuilder(0, 0, 16);
    times.forEach((time, i) => builder.add(time, 1000 + i, 7 + i));
    const want = times.map((time, i) => ({ time, i })).sort((a, b) => a.time - b.time || a.i - b.i);
    return { batch: builder.build(bucketRecords)!, want: want.map((e) => e.i) };
  }

  function expectOrder(times: number[], batch: EventBatch, want: number[]): void {
    expect(Array.from(times, (_, k) => batch.seq(k) - 1000)).toEqual(want);
    expect(Array.from(times, (_, k) => batch.arg(k) - 7)).toEqual(want);
    expect(Array.from(times, (_, k) => batch.time(k))).toEqual(want.map((i) => times[i] + 0));
  }

  it('hands out a large batch in dispatch order, sorting its buckets as they are reached', () => {
    const rng = new RandomStream('batch-buckets');
    // Skewed (most in the evening), many ties on the minute, some fractional milliseconds.
    const times = Array.from({ length: 20_000 }, () => START + Math.floor(1440 * Math.sqrt(rng.next())) * 60_000 + (rng.next() < 0.1 ? rng.next() : 0));
    const { batch, want } = batchOf(times, 256);
    expect(batch.sortedCount).toBeLessThan(1000);
    expectOrder(times, batch, want);
    expect(batch.sortedCount).toBe(times.length);
    // A checkpoint of one not read yet sorts what it has not sorted.
    const fresh = batchOf(times, 256).batch;
    expect(fresh.sortedCount).toBeLessThan(1000);
    const { seqs, args } = fresh.arrays(5000);
    expect(Array.from(seqs)).toEqual(want.slice(5000));
    expect(Array.from(args, (arg) => arg - 7)).toEqual(want.slice(5000));
  });

  it('sorts at once a batch of one instant, or of times too far apart to split evenly', () => {
    for (const times of [Array.from({ length: 3000 }, () => START), [-1.7e308, 1.7e308, ...Array.from({ length: 3000 }, (_, i) => (i % 2 ? -i : i) * 1e300)]]) {
      const { batch, want } = batchOf(times, 256);
      expect(batch.sortedCount).toBe(times.length);
      expectOrder(times, batch, want);
    }
  });
});

describe('Scheduler.plan', () => {
  const scheduler = () => new Scheduler(new Clock({ mode: 'virtual', startTime: START }), { initialCapacity: 16 });

  it('runs a cancelled planned event never, and the rest in order', async () => {
    const s = scheduler();
    const ran: number[] = [];
    const h = s.register('h', (_time, arg) => ran.push(arg));
    const handles: number[] = [];
    const count = s.plan(h, (add) => {
      for (let i = 0; i < 10_000; i++) handles.push(add(START + (9_999 - i) * 1000, i));
    });
    expect(count).toBe(10_000);
    expect(s.pending).toBe(10_000);
    // Enough cancellations to make the scheduler compact its tombstones, most of them of events
    // still waiting in the batch (not in the queue): they must stay cancelled.
    for (let i = 0; i < 10_000; i += 2) s.cancel(handles[i]);
    expect(s.pending).toBe(5000);
    await s.run();
    expect(ran).toEqual(Array.from({ length: 5000 }, (_, k) => 9_999 - 2 * k));
    expect(s.pending).toBe(0);
  });

  it('dispatches a batch large enough to be partitioned as the same events one by one, and resumes it from a snapshot', async () => {
    // 100,000 events: more than one bucket's worth (event-batch.ts), so the run sorts as it goes.
    const rng = new RandomStream('batch-large');
    const times = Array.from({ length: 100_000 }, () => START + rng.int(86_400) * 1000);
    const world = (planned: boolean) => {
      const s = scheduler();
      const ran: string[] = [];
      const h = s.register('h', (time, arg) => ran.push(`${time - START} ${arg}`));
      const other = s.register('other', (time, arg) => ran.push(`other ${time - START} ${arg}`));
      const schedule = () => {
        if (planned) s.plan(h, (add) => times.forEach((time, i) => add(time, i)));
        else times.forEach((time, i) => s.at(time, h, i));
        // Events of another handler among them, at the same times as some.
        for (let i = 0; i < 1000; i++) s.at(times[i * 100], other, i);
      };
      return { s, ran, schedule };
    };
    const one = world(false);
    one.schedule();
    await one.s.run();
    expect(one.ran.length).toBe(101_000);
    const planned = world(true);
    planned.schedule();
    await planned.s.run();
    expect(planned.ran).toEqual(one.ran);

    const first = world(true);
    first.schedule();
    await first.s.run({ maxEvents: 40_000 });
    const second = world(true);
    second.s.restore(structuredClone(first.s.snapshot()));
    await second.s.run();
    expect([...first.ran, ...second.ran]).toEqual(one.ran);
  });

  it('refuses a time before now, a gated handler and an unknown one, with coded errors', () => {
    const s = scheduler();
    const h = s.register('h', () => {});
    const gated = s.register(
      'gated',
      () => {},
      () => undefined,
    );
    expect(() => s.plan(h, (add) => add(START - 1, 0))).toThrow(expect.objectContaining({ code: ErrorCodes.SCHEDULER_TIME }));
    expect(() => s.plan(gated, () => {})).toThrow(
      expect.objectContaining({ code: ErrorCodes.SCHEDULER_HANDLER, message: expect.stringContaining('"gated" is gated') }),
    );
    expect(() => s.plan(99, () => {})).toThrow(expect.objectContaining({ code: ErrorCodes.SCHEDULER_HANDLER }));
    expect(() => s.plan(h, () => {}, { priority: 300 })).toThrow(expect.objectContaining({ code: ErrorCodes.SCHEDULER_TIME }));
    expect(s.plan(h, () => {})).toBe(0);
    expect(s.pending).toBe(0);
  });

  it('names the planned handler when it fails', async () => {
    const s = scheduler();
    const h = s.register('session', (_time, arg) => {
      if (arg === 3) throw new Error('boom');
    });
    s.plan(h, (add) => {
      for (let i = 0; i < 5; i++) add(START + i, i);
    });
    const result = await s.run();
    expect(result.reason).toBe('error');
    expect(result.error?.message).toContain('handler "session" failed');
  });

  it('keeps priorities: a planned LOW event runs after a NORMAL one at its time, a HIGH one before', async () => {
    const s = scheduler();
    const ran: string[] = [];
    const h = s.register('h', (_time, arg) => ran.push(String(arg)));
    s.plan(h, (add) => add(START + 10, 1), { priority: Priority.LOW });
    s.at(START + 10, h, 2);
    s.plan(h, (add) => add(START + 10, 3), { priority: Priority.HIGH });
    await s.run();
    expect(ran).toEqual(['3', '2', '1']);
  });
});
