import { describe, expect, it } from 'vitest';
import { Clock } from '../clock/clock.js';
import { ErrorCodes } from '../errors.js';
import { FakeWallClock } from '../testing/fake-wall-clock.js';
import { DAY_MS, Priority, QUEUE_KINDS, type QueueKind, Scheduler } from './scheduler.js';

const START = Date.UTC(2026, 0, 5, 0, 0, 0);

function virtual(queue: QueueKind): Scheduler {
  return new Scheduler(new Clock({ mode: 'virtual', startTime: START }), { queue });
}

describe.each(QUEUE_KINDS)('Scheduler (%s queue)', (queue) => {
  it('dispatches at/after events in (time, priority, seq) order with the time and argument', async () => {
    const s = virtual(queue);
    const seen: string[] = [];
    const h = s.register('record', (time, arg) => seen.push(`${time - START}:${arg}`));
    s.at(START + 20, h, 1);
    s.after(10, h, 2);
    s.at(START + 20, h, 3, Priority.HIGH);
    s.at(START + 20, h, 4);
    s.at(START + 10, h, 5, Priority.LOW);
    const result = await s.run();
    expect(seen).toEqual(['10:2', '10:5', '20:3', '20:1', '20:4']);
    expect(result).toMatchObject({ reason: 'empty', dispatched: 5, now: START + 20 });
  });

  it('lets handlers schedule follow-ups, including at the current time', async () => {
    const s = virtual(queue);
    const seen: number[] = [];
    const h = s.register('chain', (time, arg) => {
      seen.push(arg);
      if (arg < 5) s.at(time + (arg % 2), h, arg + 1);
    });
    s.at(START, h, 0);
    await s.run();
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(s.now).toBe(START + 2);
  });

  it('cancels a pending event and ignores cancelling one that already ran', async () => {
    const s = virtual(queue);
    const seen: number[] = [];
    const h = s.register('record', (_t, arg) => seen.push(arg));
    const first = s.at(START + 1, h, 1);
    const second = s.at(START + 2, h, 2);
    s.at(START + 3, h, 3);
    s.cancel(second);
    expect(s.pending).toBe(2);
    await s.run({ until: START + 1 });
    s.cancel(first);
    await s.run();
    expect(seen).toEqual([1, 3]);
  });

  it('runs recurring events until cancelled', async () => {
    const s = virtual(queue);
    const times: number[] = [];
    const h = s.register('tick', (time) => times.push(time - START));
    const r = s.every(START + 5, 10, h);
    const stopper = s.register('stop', () => s.cancelRecurring(r));
    s.at(START + 30, stopper, 0, Priority.HIGH);
    await s.run({ until: START + 100 });
    expect(times).toEqual([5, 15, 25]);
  });

  it('calls day-start hooks at the start and every UTC midnight, before other events', async () => {
    const s = new Scheduler(new Clock({ mode: 'virtual', startTime: START + 6 * 3_600_000 }), { queue });
    const seen: string[] = [];
    const h = s.register('midnight-event', () => seen.push('event'));
    s.at(START + DAY_MS, h);
    s.onDayStart((dayStart, day) => seen.push(`day ${day} @${(dayStart - START) / 3_600_000}h`));
    await s.run({ until: START + 3 * DAY_MS - 1 });
    expect(seen).toEqual(['day 0 @6h', 'day 1 @24h', 'event', 'day 2 @48h']);
  });

  it('stops at a time, after an event count, or on a stop signal', async () => {
    const s = virtual(queue);
    const controller = new AbortController();
    let count = 0;
    const h = s.register('tick', () => {
      count++;
      if (count === 7) controller.abort();
    });
    s.every(START, 1000, h);
    expect((await s.run({ until: START + 2500 })).reason).toBe('until');
    expect(count).toBe(3);
    expect(s.now).toBe(START + 2500);
    expect((await s.run({ maxEvents: 2 })).reason).toBe('max-events');
    expect(count).toBe(5);
    const stopped = await s.run({ signal: controller.signal });
    expect(stopped.reason).toBe('stopped');
    expect(count).toBe(7);
  });

  it('refuses to schedule in the past or at a non-finite time, with a coded error', async () => {
    const s = virtual(queue);
    const h = s.register('noop', () => {});
    s.at(START + 10, h);
    await s.run();
    expect(() => s.at(START + 5, h)).toThrowError(expect.objectContaining({ code: ErrorCodes.SCHEDULER_TIME }));
    expect(() => s.at(NaN, h)).toThrowError(/not a finite number/);
    expect(() => s.at(START + 20, h, 0, 999)).toThrowError(/priority/);
  });

  it('ends the run with a coded error naming the handler when a handler throws', async () => {
    const s = virtual(queue);
    const h = s.register('explodes', () => {
      throw new Error('boom');
    });
    s.at(START, h);
    const result = await s.run();
    expect(result.reason).toBe('error');
    expect(result.error?.code).toBe(ErrorCodes.SCHEDULER_HANDLER);
    expect(result.error?.message).toMatch(/handler "explodes" failed at 2026-01-05T00:00:00.000Z: boom/);
  });

  it('applies whenReady results at their simulated time, waiting for slow promises', async () => {
    const s = virtual(queue);
    const seen: string[] = [];
    const h = s.register('record', (time, arg) => seen.push(`${time - START}:${arg}`));
    let resolveSlow!: (v: string) => void;
    const slow = new Promise<string>((r) => (resolveSlow = r));
    s.whenReady(START + 100, slow, (v, time) => seen.push(`${time - START}:${v}`));
    s.whenReady(START + 50, Promise.resolve('fast'), (v, time) => seen.push(`${time - START}:${v}`));
    s.at(START + 99, h, 1);
    s.at(START + 101, h, 2);
    setTimeout(() => resolveSlow('slow'), 30);
    await s.run();
    expect(seen).toEqual(['50:fast', '99:1', '100:slow', '101:2']);
  });

  it('holds the run while an output applies backpressure', async () => {
    const s = virtual(queue);
    const seen: string[] = [];
    let release!: () => void;
    const h = s.register('emit', (_t, arg) => {
      seen.push(`event ${arg}`);
      if (arg === 1) s.hold(new Promise<void>((r) => (release = r)).then(() => void seen.push('released')));
    });
    for (let i = 1; i <= 3; i++) s.at(START + i, h, i);
    setTimeout(() => release(), 20);
    await s.run();
    expect(seen).toEqual(['event 1', 'released', 'event 2', 'event 3']);
  });
});

describe.each(QUEUE_KINDS)('Scheduler in paced mode (%s queue)', (queue) => {
  it('sleeps until each event is due and measures no lag when on time', async () => {
    const wall = new FakeWallClock();
    const s = new Scheduler(new Clock({ mode: 'paced', speed: 10, startTime: START, wall }), { queue });
    const wallAt: number[] = [];
    const h = s.register('record', () => wallAt.push(wall.now()));
    s.at(START + 1000, h);
    s.at(START + 3000, h);
    await s.run();
    // 10 simulated seconds per wall second: 1 s simulated = 100 ms wall.
    expect(wallAt).toEqual([100, 300]);
    expect(s.lag.maxMs).toBe(0);
    expect(s.lag.lateEvents).toBe(0);
  });

  it('accounts lag when handlers take longer than simulated time allows', async () => {
    const wall = new FakeWallClock();
    const s = new Scheduler(new Clock({ mode: 'paced', speed: 1, startTime: START, wall }), { queue });
    const slow = s.register('slow', () => wall.advance(250));
    for (let i = 0; i < 4; i++) s.at(START + i * 100, slow);
    await s.run();
    // Each event is due 100 ms after the previous one but takes 250 ms: lag grows by 150 ms per event.
    expect(s.lag.samples).toBe(4);
    expect(s.lag.lateEvents).toBe(3);
    expect(s.lag.maxMs).toBe(450);
    expect(s.lag.meanMs).toBeCloseTo((150 + 300 + 450) / 4);
  });
});
