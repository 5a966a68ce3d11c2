import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Clock, type QueueKind, RandomStream, Scheduler } from '@prodsim/core';
import { machine, mib, table } from '../report.js';
import { BareHeap } from './bare-heap.js';

/**
 * Scheduler throughput against a bare binary heap, in one run: N events pending, each dispatched
 * no-op handler schedules one follow-up, so the queue stays at N.
 * - hold: the follow-up comes a random (exponential, mean one minute) number of ms later;
 * - bursty: the same, rounded up to the next whole minute, so that every minute is one timestamp
 *   holding many events (as day starts produce).
 * - day start: N events at random milliseconds of one day, planned at once (as a day start plans
 *   its sessions) and then dispatched, no follow-ups: one by one with `at`, or as one batch with
 *   `Scheduler.plan`; the rate counts the planning and the dispatching, and the bytes are what the
 *   queue and the batch hold once everything is planned.
 * Each figure is measured in a child process of its own, so that one queue's code never shares
 * the scheduler's call sites (and their inline caches) or the heap with the other's; the
 * repetitions alternate between the three, and rates are per CPU second of the process (user +
 * system), so that other work on a shared machine skews the ratios as little as it can.
 */
type Model = 'hold' | 'bursty';
type Subject = 'bare' | QueueKind;

const START = Date.UTC(2026, 0, 5);
const MINUTE = 60_000;
const INCREMENTS = (() => {
  const rng = new RandomStream('bench-increments');
  const a = new Float64Array(1 << 20);
  for (let i = 0; i < a.length; i++) a[i] = 1 + Math.floor(rng.exponential(1 / MINUTE));
  return a;
})();
const MASK = INCREMENTS.length - 1;

function later(model: Model, time: number, k: number): number {
  const t = time + INCREMENTS[k & MASK];
  return model === 'hold' ? t : Math.ceil(t / MINUTE) * MINUTE;
}

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

function bareHeap(model: Model, pending: number, dispatches: number): number {
  const heap = new BareHeap(pending);
  for (let i = 0; i < pending; i++) heap.push(later(model, START, i), i);
  let k = pending;
  const t0 = cpuSeconds();
  for (let d = 0; d < dispatches; d++) {
    const time = heap.times[0];
    const id = heap.pop();
    heap.push(later(model, time, k++), id);
  }
  return dispatches / (cpuSeconds() - t0);
}

async function scheduler(queue: QueueKind, model: Model, pending: number, dispatches: number): Promise<number> {
  const s = new Scheduler(new Clock({ mode: 'virtual', startTime: START }), { initialCapacity: pending, queue });
  let k = pending;
  const handler = s.register('noop-follow-up', (time, arg) => {
    s.at(later(model, time, k++), handler, arg);
  });
  for (let i = 0; i < pending; i++) s.at(later(model, START, i), handler, i);
  const t0 = cpuSeconds();
  const result = await s.run({ maxEvents: dispatches });
  if (result.dispatched !== dispatches) throw new Error(`dispatched ${result.dispatched}, expected ${dispatches}`);
  return dispatches / (cpuSeconds() - t0);
}

/** Bytes per queued event: the queue's arrays (capacity included), and what the process measurably grew by. */
function bytesPerEvent(queue: QueueKind, count: number): { arrays: number; measured: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  // Grown from the default capacity, as a run grows it (no initialCapacity).
  const s = new Scheduler(new Clock({ mode: 'virtual', startTime: START }), { queue });
  const h = s.register('noop', () => {});
  for (let i = 0; i < count; i++) s.at(later('hold', START, i) + i, h, i);
  // A dispatch puts the ladder in its working shape (rungs), so that its bucket arrays are counted.
  const first = s.register('first', () => {});
  s.at(START, first);
  void s.run({ maxEvents: 1 });
  gc?.();
  const after = process.memoryUsage();
  if (s.pending !== count) throw new Error('queue lost events');
  return { arrays: s.queueBytes / count, measured: (after.arrayBuffers - before.arrayBuffers + (after.heapUsed - before.heapUsed)) / count };
}

/** The day start's times, the same for every subject. */
function dayTimes(count: number): Float64Array {
  const rng = new RandomStream('bench-day-start');
  return Float64Array.from({ length: count }, () => START + rng.int(86_400_000));
}

/** [events per CPU second, bytes held per planned event]. */
async function dayStart(subject: 'bare' | 'at' | 'plan', count: number): Promise<[number, number]> {
  const times = dayTimes(count);
  const t0 = cpuSeconds();
  if (subject === 'bare') {
    const heap = new BareHeap(1024);
    for (let i = 0; i < count; i++) heap.push(times[i], i);
    const bytes = (heap.times.byteLength + heap.ids.byteLength) / count;
    for (let i = 0; i < count; i++) heap.pop();
    return [count / (cpuSeconds() - t0), bytes];
  }
  const s = new Scheduler(new Clock({ mode: 'virtual', startTime: START }));
  const h = s.register('session', () => {});
  if (subject === 'at') for (let i = 0; i < count; i++) s.at(times[i], h, i);
  else
    s.plan(
      h,
      (add) => {
        for (let i = 0; i < count; i++) add(times[i], i);
      },
      { expected: count },
    );
  const bytes = s.queueBytes / count;
  const result = await s.run();
  if (result.dispatched !== count) throw new Error(`dispatched ${result.dispatched}, expected ${count}`);
  return [count / (cpuSeconds() - t0), bytes];
}

/** One measurement in this process (the child's side). */
async function measure(subject: Subject, model: Model, pending: number, dispatches: number): Promise<number> {
  return subject === 'bare' ? bareHeap(model, pending, dispatches) : await scheduler(subject, model, pending, dispatches);
}

function inChild(args: string[]): number[] {
  const out = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', fileURLToPath(import.meta.url), ...args], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`bench child ${args.join(' ')} failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '[]') as number[];
}

async function main(): Promise<void> {
  console.log(`# bench/scheduler (${machine()})`);
  console.log('each dispatched no-op handler schedules one follow-up; hold: exponential delay (mean 1 min); bursty: the same on a one-minute grid');
  console.log('events per CPU second, best of 3 (2 at 10,000,000 pending), each measurement in a process of its own\n');
  const sizes = [
    [10_000, 5_000_000, 3],
    [1_000_000, 3_000_000, 3],
    [10_000_000, 3_000_000, 2],
  ] as const;
  for (const model of ['hold', 'bursty'] as const) {
    const rows: (string | number)[][] = [];
    for (const [pending, dispatches, reps] of sizes) {
      let bare = 0;
      let heap = 0;
      let ladder = 0;
      for (let rep = 0; rep < reps; rep++) {
        bare = Math.max(bare, inChild(['--one', 'bare', model, String(pending), String(dispatches)])[0]);
        heap = Math.max(heap, inChild(['--one', 'heap', model, String(pending), String(dispatches)])[0]);
        ladder = Math.max(ladder, inChild(['--one', 'ladder', model, String(pending), String(dispatches)])[0]);
      }
      rows.push([pending.toLocaleString('en-US'), bare, heap, ladder, (heap / bare).toFixed(2), (ladder / bare).toFixed(2), (ladder / heap).toFixed(2)]);
    }
    console.log(`${model} model`);
    console.log(table(['pending events', 'bare heap', 'EventQueue', 'LadderQueue', 'heap/bare', 'ladder/bare', 'ladder/heap'], rows));
    console.log('');
  }
  console.log('targets: >= 1.0x the bare heap at 1,000,000 pending, >= 0.8x at 10,000\n');

  const count = 10_000_000;
  const rows: (string | number)[][] = [];
  for (const queue of ['heap', 'ladder'] as const) {
    const [arrays, measured, rss] = inChild(['--bytes', queue, String(count)]);
    rows.push([queue === 'heap' ? 'EventQueue' : 'LadderQueue', arrays.toFixed(1), measured.toFixed(1), mib(rss)]);
  }
  console.log(table([`queue (${count.toLocaleString('en-US')} queued)`, 'arrays, bytes/event', 'measured heap+buffers, bytes/event', 'child RSS'], rows));
  console.log('target: <= 32 bytes per queued event (bare heap: 12 bytes of arrays, 16 at its doubling growth)\n');

  console.log(
    'day start: events at random milliseconds of one day, planned at once, then dispatched (rate: planning and dispatching, per CPU second, best of 3)',
  );
  const dayRows: (string | number)[][] = [];
  for (const count of [1_000_000, 5_000_000]) {
    const best = { bare: [0, 0], at: [0, 0], plan: [0, 0] };
    for (let rep = 0; rep < 3; rep++) {
      for (const subject of ['bare', 'at', 'plan'] as const) {
        const [rate, bytes] = inChild(['--day', subject, String(count)]);
        if (rate > best[subject][0]) best[subject] = [rate, bytes];
      }
    }
    dayRows.push([
      count.toLocaleString('en-US'),
      Math.round(best.bare[0]),
      Math.round(best.at[0]),
      Math.round(best.plan[0]),
      (best.at[0] / best.bare[0]).toFixed(2),
      (best.plan[0] / best.bare[0]).toFixed(2),
      best.bare[1].toFixed(1),
      best.at[1].toFixed(1),
      best.plan[1].toFixed(1),
    ]);
  }
  console.log(table(['planned events', 'bare heap', 'ladder, at', 'ladder, plan', 'at/bare', 'plan/bare', 'bytes/event: bare', 'at', 'plan'], dayRows));
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === '--one') {
  const [subject, model, pending, dispatches] = rest;
  console.log(JSON.stringify([await measure(subject as Subject, model as Model, Number(pending), Number(dispatches))]));
} else if (mode === '--day') {
  console.log(JSON.stringify(await dayStart(rest[0] as 'bare' | 'at' | 'plan', Number(rest[1]))));
} else if (mode === '--bytes') {
  const b = bytesPerEvent(rest[0] as QueueKind, Number(rest[1]));
  console.log(JSON.stringify([b.arrays, b.measured, process.memoryUsage().rss]));
} else await main();
