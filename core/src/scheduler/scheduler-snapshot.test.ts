import { describe, expect, it } from 'vitest';
import { Clock } from '../clock/clock.js';
import { ErrorCodes } from '../errors.js';
import { RandomStream } from '../rng/random-stream.js';
import { Priority, QUEUE_KINDS, type QueueKind, Scheduler } from './scheduler.js';

const START = Date.UTC(2026, 0, 5);

/** A scheduler with two handlers that schedule follow-ups pseudo-randomly, recording what runs. */
function world(seen: string[], queue: QueueKind) {
  const s = new Scheduler(new Clock({ mode: 'virtual', startTime: START }), { queue });
  const rng = new RandomStream('queue');
  const tick = s.register('tick', (time, arg) => {
    seen.push(`tick ${time - START} ${arg}`);
    if (arg < 400) s.at(time + rng.int(3) * 1000, tick, arg + 1, rng.next() < 0.3 ? Priority.HIGH : Priority.NORMAL);
  });
  const tock = s.register('tock', (time, arg) => seen.push(`tock ${time - START} ${arg}`));
  return { s, rng, tick, tock };
}

describe.each(QUEUE_KINDS)('Scheduler snapshot (%s queue)', (queue) => {
  it('continues from a snapshot with the same events in the same order, ties, cancellations and recurring events included', async () => {
    const build = (seen: string[]) => {
      const w = world(seen, queue);
      for (let i = 0; i < 5; i++) w.s.at(START, w.tick, i * 100);
      const cancelled = w.s.at(START + 150_000, w.tock, 99);
      w.s.cancel(cancelled);
      w.s.every(START + 500, 7_000, w.tock, 1);
      w.s.onDayStart(() => seen.push('day'));
      return w;
    };
    const whole: string[] = [];
    await build(whole).s.run({ until: START + 300_000 });

    const first: string[] = [];
    const a = build(first);
    await a.s.run({ until: START + 100_000 });
    const state = structuredClone(a.s.snapshot());
    const rngState = a.rng.snapshot();

    const rest: string[] = [];
    const b = build(rest); // the same handlers in the same order; its own first events are replaced
    b.s.restore(state);
    b.rng.restore(rngState);
    await b.s.run({ until: START + 300_000 });
    expect(whole.length).toBeGreaterThan(400);
    expect(first.length).toBeGreaterThan(10);
    expect([...first, ...rest]).toEqual(whole);
    expect(b.s.now).toBe(START + 300_000);
  });

  it('refuses to snapshot a queued closure, and to restore into a world with other handlers', async () => {
    const s = new Scheduler(new Clock({ mode: 'virtual', startTime: START }), { queue });
    s.register('a', () => {});
    const handle = s.call(START + 10, () => {});
    expect(() => s.snapshot()).toThrow(expect.objectContaining({ code: ErrorCodes.CHECKPOINT_UNSUPPORTED }));
    s.cancel(handle);
    const state = s.snapshot();
    const other = new Scheduler(new Clock({ mode: 'virtual', startTime: START }), { queue });
    other.register('b', () => {});
    expect(() => other.restore(state)).toThrow(expect.objectContaining({ code: ErrorCodes.CHECKPOINT_INCOMPATIBLE }));
  });

  it('makes a gated handler wait for its gate before the event runs', async () => {
    const s = new Scheduler(new Clock({ mode: 'virtual', startTime: START }), { queue });
    const seen: string[] = [];
    let release!: () => void;
    let open: Promise<void> | undefined = new Promise<void>((r) => {
      release = () => {
        open = undefined;
        r();
      };
    });
    const gated = s.register(
      'gated',
      (time) => seen.push(`gated ${time - START}`),
      () => open,
    );
    const plain = s.register('plain', (time) => seen.push(`plain ${time - START}`));
    s.at(START + 1, gated);
    s.at(START + 2, plain);
    const run = s.run();
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([]);
    release();
    await run;
    expect(seen).toEqual(['gated 1', 'plain 2']);
  });
});
