import { describe, expect, it } from 'vitest';
import { Clock } from '../clock/clock.js';
import { ErrorCodes } from '../errors.js';
import { RandomStream } from '../rng/random-stream.js';
import { sortByTime } from './event-batch.js';
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
