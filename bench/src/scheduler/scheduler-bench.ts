import { Clock, RandomStream, Scheduler } from '@prodsim/core';
import { machine, mib, table } from '../report.js';
import { BareHeap } from './bare-heap.js';

/**
 * Scheduler throughput in the "hold" model: N events pending, each dispatched handler schedules
 * one follow-up at a random later time, so the queue stays at N. The same increments drive a
 * bare typed-array heap in the same process: prodsim's figure is printed beside it.
 */
const START = Date.UTC(2026, 0, 5);
const INCREMENTS = (() => {
  const rng = new RandomStream('bench-increments');
  const a = new Float64Array(1 << 20);
  for (let i = 0; i < a.length; i++) a[i] = 1 + Math.floor(rng.exponential(1 / 60_000));
  return a;
})();
const MASK = INCREMENTS.length - 1;

function bareHeap(pending: number, dispatches: number): number {
  const heap = new BareHeap(pending);
  for (let i = 0; i < pending; i++) heap.push(START + INCREMENTS[i & MASK], i);
  let k = pending;
  const t0 = performance.now();
  for (let d = 0; d < dispatches; d++) {
    const time = heap.times[0];
    const id = heap.pop();
    heap.push(time + INCREMENTS[k++ & MASK], id);
  }
  return dispatches / ((performance.now() - t0) / 1000);
}

async function prodsim(pending: number, dispatches: number): Promise<number> {
  const scheduler = new Scheduler(new Clock({ mode: 'virtual', startTime: START }), { initialCapacity: pending });
  let k = pending;
  const handler = scheduler.register('noop-follow-up', (time, arg) => {
    scheduler.at(time + INCREMENTS[k++ & MASK], handler, arg);
  });
  for (let i = 0; i < pending; i++) scheduler.at(START + INCREMENTS[i & MASK], handler, i);
  const t0 = performance.now();
  const result = await scheduler.run({ maxEvents: dispatches });
  if (result.dispatched !== dispatches) throw new Error(`dispatched ${result.dispatched}, expected ${dispatches}`);
  return dispatches / ((performance.now() - t0) / 1000);
}

function bytesPerQueuedEvent(count: number): { bytes: number; heapDelta: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  const scheduler = new Scheduler(new Clock({ mode: 'virtual', startTime: START }));
  const h = scheduler.register('noop', () => {});
  for (let i = 0; i < count; i++) scheduler.at(START + INCREMENTS[i & MASK] + i, h, i);
  (globalThis as { gc?: () => void }).gc?.();
  const after = process.memoryUsage();
  const measured = after.arrayBuffers - before.arrayBuffers + (after.heapUsed - before.heapUsed);
  if (scheduler.pending !== count) throw new Error('queue lost events');
  return { bytes: scheduler.queueBytes / count, heapDelta: measured / count };
}

async function main(): Promise<void> {
  console.log(`# bench/scheduler (${machine()})`);
  console.log('hold model: each dispatched no-op handler schedules one follow-up; best of 3 runs\n');
  const rows: (string | number)[][] = [];
  for (const [pending, dispatches] of [
    [10_000, 5_000_000],
    [1_000_000, 3_000_000],
  ] as const) {
    let bare = 0;
    let ours = 0;
    for (let rep = 0; rep < 3; rep++) {
      bare = Math.max(bare, bareHeap(pending, dispatches));
      ours = Math.max(ours, await prodsim(pending, dispatches));
    }
    rows.push([pending.toLocaleString('en-US'), Math.round(bare), Math.round(ours), (ours / bare).toFixed(2)]);
  }
  console.log(table(['pending events', 'bare heap events/s', 'prodsim events/s', 'ratio'], rows));
  console.log('targets: prodsim >= 4,000,000/s at 10,000 pending and >= 2,000,000/s at 1,000,000 pending\n');

  const count = 10_000_000;
  const memory = bytesPerQueuedEvent(count);
  console.log(
    table(
      ['queued events', 'queue arrays, bytes/event', 'measured heap+buffers, bytes/event'],
      [[count.toLocaleString('en-US'), memory.bytes.toFixed(1), memory.heapDelta.toFixed(1)]],
    ),
  );
  console.log(`target: <= 32 bytes per queued event at 10 million (bare heap: 16 bytes); RSS now ${mib(process.memoryUsage().rss)}`);
}

await main();
