import { describe, expect, it } from 'vitest';
import { Clock } from '../clock/clock.js';
import { ErrorCodes } from '../errors.js';
import { RandomStream } from '../rng/random-stream.js';
import { DAY_MS, Priority, type QueueKind, Scheduler } from './scheduler.js';

const START = Date.UTC(2026, 0, 5, 7);
const PRIORITIES = [Priority.DAY_START, Priority.HIGH, Priority.NORMAL, Priority.NORMAL, Priority.LOW];

/**
 * A busy world on a scheduler: agents that act at random later times, at coarse grid points and at
 * the same instant; a day start that wakes every agent at midnight (a burst at one timestamp) and
 * plans a visit for each at a random minute of the day, with `at` or as one batch (`plan`);
 * cancellations by handle (enough to make the scheduler compact them) and a recurring event.
 * Everything it dispatches is recorded, so two runs can be compared event for event.
 */
function busyWorld(queue: QueueKind, agents: number, visits: 'at' | 'plan' = 'at') {
  const s = new Scheduler(new Clock({ mode: 'virtual', startTime: START }), { queue, initialCapacity: 16 });
  const rng = new RandomStream('busy-world');
  const trace: string[] = [];
  const handles: number[] = [];
  const act = s.register('act', (time, agent) => {
    trace.push(`act ${time - START} ${agent}`);
    const u = rng.next();
    const priority = PRIORITIES[rng.int(PRIORITIES.length)];
    if (u < 0.4) handles.push(s.at(time + 1 + Math.floor(rng.exponential(1 / 60_000)), act, agent, priority));
    else if (u < 0.55)
      handles.push(s.at(time, act, agent, Priority.LOW)); // again at this instant, after the others
    else if (u < 0.75)
      handles.push(s.at(Math.ceil((time + 1) / 60_000) * 60_000, act, agent, priority)); // on the minute
    else if (u < 0.95 && handles.length > 0) {
      // Cancel a random earlier handle (perhaps one that already ran: that must be harmless).
      s.cancel(handles[rng.int(handles.length)]);
      handles.push(s.at(time + rng.exponential(1 / 3_000), act, agent, priority));
    }
  });
  const tick = s.register('tick', (time) => trace.push(`tick ${time - START}`));
  const visit = s.register('visit', (time, agent) => trace.push(`visit ${time - START} ${agent}`));
  s.onDayStart((dayStart, day) => {
    trace.push(`day ${day}`);
    const planned = (add: (time: number, agent: number) => number) => {
      for (let a = 0; a < agents; a++) {
        // On the minute, so that many visits share a time with each other and with acts; some
        // before the run's start (not added), and an act queued between two visits' handles.
        const time = dayStart + rng.int(1440) * 60_000;
        if (time >= s.now) handles.push(add(time, a));
        if (a % 7 === 0) handles.push(s.at(time, act, a, Priority.NORMAL));
      }
    };
    if (visits === 'plan') s.plan(visit, planned, { expected: agents });
    else planned((time, agent) => s.at(time, visit, agent));
    for (let a = 0; a < agents; a++) handles.push(s.at(dayStart, act, a, Priority.NORMAL));
  });
  s.every(START + 500, 3_600_000, tick);
  return { s, trace, rng, handles };
}

describe('Scheduler queues', () => {
  it('dispatches the same events in the same order on the binary heap and on the ladder queue', async () => {
    const runs = [];
    for (const queue of ['heap', 'ladder'] as const) {
      const w = busyWorld(queue, 3000);
      const result = await w.s.run({ until: START + 2 * DAY_MS });
      runs.push({ trace: w.trace, result, pending: w.s.pending });
    }
    const [heap, ladder] = runs;
    expect(heap.trace.length).toBeGreaterThan(50_000);
    expect(heap.trace.filter((line) => line.startsWith('day')).length).toBe(3);
    expect(ladder.result.dispatched).toBe(heap.result.dispatched);
    expect(ladder.pending).toBe(heap.pending);
    expect(ladder.trace).toEqual(heap.trace);
  });

  it("continues on either queue from the other's snapshot, as the uninterrupted run", async () => {
    const whole = busyWorld('heap', 500);
    await whole.s.run({ until: START + DAY_MS + 3_600_000 });
    expect(whole.trace.length).toBeGreaterThan(10_000);
    for (const [from, to] of [
      ['heap', 'ladder'],
      ['ladder', 'heap'],
    ] as const) {
      const first = busyWorld(from, 500);
      await first.s.run({ until: START + DAY_MS / 2 });
      // A checkpoint: the scheduler's state, and the world's own (its random stream and handles).
      const second = busyWorld(to, 500);
      second.s.restore(structuredClone(first.s.snapshot()));
      second.rng.restore(first.rng.snapshot());
      second.handles.splice(0, second.handles.length, ...first.handles);
      second.trace.splice(0, second.trace.length);
      expect(second.s.queueKind).toBe(to);
      expect(second.s.pending).toBe(first.s.pending);
      await second.s.run({ until: START + DAY_MS + 3_600_000 });
      expect(first.trace.length).toBeGreaterThan(1000);
      expect([...first.trace, ...second.trace]).toEqual(whole.trace);
    }
  });

  it('dispatches a planned batch exactly as the same events scheduled one by one, on either queue', async () => {
    const one = busyWorld('heap', 3000, 'at');
    await one.s.run({ until: START + 2 * DAY_MS });
    expect(one.trace.filter((line) => line.startsWith('visit')).length).toBeGreaterThan(4000);
    for (const queue of ['heap', 'ladder'] as const) {
      const planned = busyWorld(queue, 3000, 'plan');
      await planned.s.run({ until: START + 2 * DAY_MS });
      expect(planned.s.pending).toBe(one.s.pending);
      expect(planned.trace).toEqual(one.trace);
    }
  });

  it('continues from a snapshot taken halfway through a planned batch, as the uninterrupted run', async () => {
    const whole = busyWorld('ladder', 500, 'plan');
    await whole.s.run({ until: START + DAY_MS + 3_600_000 });
    for (const to of ['heap', 'ladder'] as const) {
      const first = busyWorld('ladder', 500, 'plan');
      await first.s.run({ until: START + DAY_MS / 2 });
      const state = structuredClone(first.s.snapshot());
      // The first day's batch is under way: its events are in the snapshot, not lost.
      expect(state.batches.length).toBe(1);
      expect(state.batches[0].times.length).toBeGreaterThan(100);
      const second = busyWorld(to, 500, 'plan');
      second.s.restore(state);
      second.rng.restore(first.rng.snapshot());
      second.handles.splice(0, second.handles.length, ...first.handles);
      second.trace.splice(0, second.trace.length);
      expect(second.s.pending).toBe(first.s.pending);
      await second.s.run({ until: START + DAY_MS + 3_600_000 });
      expect([...first.trace, ...second.trace]).toEqual(whole.trace);
    }
  });

  it('refuses an unknown queue kind with a coded error', () => {
    const clock = new Clock({ mode: 'virtual', startTime: START });
    expect(() => new Scheduler(clock, { queue: 'calendar' as QueueKind })).toThrow(expect.objectContaining({ code: ErrorCodes.SCHEDULER_QUEUE }));
  });
});
