import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toyDomain } from '@prodsim/domain-toy';
import { describe, expect, it } from 'vitest';
import { s } from '../config/schema.js';
import { ErrorCodes, ProdsimError } from '../errors.js';
import { teamsSchema } from '../course/course-config.js';
import { Course } from '../course/course-runner.js';
import type { DomainPlugin } from '../domain/domain-plugin.js';
import type { Predictor } from '../prediction/predictor.js';
import { FileSink } from '../transport/file-sink.js';
import { MemoryTransport } from '../transport/memory-transport.js';
import type { EventOutput, Transport } from '../transport/transport.js';
import { runConfigFields } from './run-config.js';
import { formatSummary } from './run-summary.js';
import { Simulation } from './simulation.js';

const config = (over: Record<string, unknown> = {}) => s.object(runConfigFields).parse({ domain: 'toy', seed: '3', days: 2, progress: false, ...over }, '');
const lines = (path: string) => readFileSync(path, 'utf8').split('\n').length - 1;

/** The toy domain, telling `closed` when its world is closed. */
function watchedToy(closed: string[]): DomainPlugin {
  return {
    ...toyDomain,
    async create(ctx, c) {
      const world = await toyDomain.create(ctx, c);
      const close = world.close?.bind(world);
      world.close = async () => {
        closed.push('world');
        await close?.();
      };
      return world;
    },
  };
}

/** An output that throws from its `after`-th event on, as a disk that filled up would. */
function failingAfter(after: number): EventOutput {
  let n = 0;
  return {
    publish() {
      if (++n >= after) throw new Error('no space left on device (the test output)');
    },
    flush: async () => {},
    close: async () => {},
  };
}

/**
 * A transport whose broker stops answering after `accepts` events: later publishes ask the run to
 * wait, and flush waits for good, until it is told to stop waiting (`abandon`).
 */
class StuckTransport implements Transport {
  readonly name = 'stuck';
  readonly deliveryTimeoutMs = 120_000;
  published = 0;
  private release: ((error: Error) => void)[] = [];
  private onStuck!: () => void;
  readonly stuck = new Promise<void>((r) => (this.onStuck = r));
  private onFlushing!: () => void;
  readonly flushing = new Promise<void>((r) => (this.onFlushing = r));
  constructor(private readonly accepts: number) {}
  connect = async () => {};
  subscribe(): never {
    throw new Error('not here');
  }
  publish(): void | Promise<void> {
    this.published++;
    if (this.published <= this.accepts) return;
    this.onStuck();
    return this.waitForever();
  }
  flush(): Promise<void> {
    if (this.published <= this.accepts) return Promise.resolve();
    this.onFlushing();
    return this.waitForever();
  }
  close(): Promise<void> {
    return this.flush();
  }
  abandon(): number {
    const held = this.published - this.accepts;
    for (const r of this.release) r(new Error('abandoned'));
    this.release = [];
    return held;
  }
  stats() {
    const delivered = Math.min(this.published, this.accepts);
    return { published: this.published, delivered, unacked: this.published - delivered };
  }
  private waitForever(): Promise<void> {
    return new Promise<void>((_, reject) => this.release.push(reject));
  }
}

const DELIVERY = 'PRODSIM_ERR_TRANSPORT_DELIVERY' as const;

/** A transport whose broker takes `accepts` events, then refuses every publish and flush with a coded error. */
class FailingTransport implements Transport {
  readonly name = 'failing';
  published = 0;
  constructor(private readonly accepts: number) {}
  connect = async () => {};
  subscribe(): never {
    throw new Error('not here');
  }
  publish(): void {
    if (this.published >= this.accepts) throw new ProdsimError(DELIVERY, 'broker gone for good (the test transport)');
    this.published++;
  }
  async flush(): Promise<void> {
    if (this.published >= this.accepts) throw new ProdsimError(DELIVERY, 'broker gone for good (the test transport)');
  }
  close(): Promise<void> {
    return this.flush();
  }
  stats() {
    return { published: this.published, delivered: this.published };
  }
}

describe('a run that fails or is stopped ends cleanly', () => {
  it('an output that fails mid-run: the failure is in the summary, the event file has every line, world and predictor are closed', async () => {
    const closed: string[] = [];
    const path = join(mkdtempSync(join(tmpdir(), 'prodsim-fail-')), 'events.log');
    const file = new FileSink(path);
    const plugin = watchedToy(closed);
    // The toy's own predictor, wrapped to tell when the run closes it.
    let inner: Predictor | undefined;
    const predictor: Predictor = { target: 'in-process:toy', predict: (e, r, o) => inner!.predict(e, r, o), close: async () => void closed.push('predictor') };
    const sim = new Simulation({
      config: config(),
      domainConfig: plugin.config.parse({ users: 2000 }, 'toy'),
      plugin,
      transport: new MemoryTransport(),
      outputs: [file, failingAfter(700)],
      predictor,
    });
    inner = (await sim.init()).defaultPredictor();
    const summary = await sim.run();
    expect(summary.reason).toBe('error');
    expect(summary.error).toContain('no space left on device (the test output)');
    expect(summary.events).toBe(700);
    expect(lines(path)).toBe(700);
    expect(closed).toEqual(['world', 'predictor']);
    // A plain error of no code of its own, thrown where a handler emitted: the scheduler's code.
    expect(summary.errorCode).toBe(ErrorCodes.SCHEDULER_HANDLER);
    expect(summary.kept).toContainEqual({ output: `event file ${path}`, delivered: 700, held: 0, dropped: 0 });
  });

  it('a broker that stops answering: the first stop ends the run at once, the second drops what it holds, the file gets its tail', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'prodsim-stuck-')), 'events.log');
    const transport = new StuckTransport(500);
    const sim = new Simulation({
      config: config(),
      domainConfig: toyDomain.config.parse({ users: 2000 }, 'toy'),
      plugin: toyDomain,
      transport,
      outputs: [new FileSink(path)],
    });
    const stop = new AbortController();
    const abandon = new AbortController();
    const running = sim.run({ signal: stop.signal, abandon: abandon.signal });
    await transport.stuck; // the run now waits for room, which never comes
    stop.abort();
    await transport.flushing; // stopped, and waiting for the broker
    abandon.abort();
    const summary = await running;
    expect(summary.reason).toBe('stopped');
    expect(summary.events).toBe(501);
    expect(lines(path)).toBe(501);
    expect(summary.failures).toContainEqual({
      part: 'transport stuck',
      error: 'stopped waiting for it: 1 events it held were dropped',
      code: ErrorCodes.TRANSPORT_ABANDONED,
    });
    expect(summary.kept).toContainEqual({ output: 'transport stuck', delivered: 500, held: 0, dropped: 1 });
  });

  it('a transport that fails with a coded error: the code is in the summary once, under the transport, and every event is accounted for', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'prodsim-coded-')), 'events.log');
    const transport = new FailingTransport(300);
    const sim = new Simulation({
      config: config(),
      domainConfig: toyDomain.config.parse({ users: 2000 }, 'toy'),
      plugin: toyDomain,
      transport,
      outputs: [new FileSink(path)],
    });
    const summary = await sim.run();
    expect(summary.reason).toBe('error');
    expect(summary.errorCode).toBe(DELIVERY);
    expect(summary.failures).toEqual([{ part: 'transport failing', error: 'broker gone for good (the test transport)', code: DELIVERY }]);
    const text = formatSummary(summary);
    expect(text).toMatch(/^stopped because\s+error: broker gone for good \(the test transport\) \[PRODSIM_ERR_TRANSPORT_DELIVERY\]$/m);
    expect(text).toMatch(/^failed: transport failing\s+broker gone for good \(the test transport\) \[PRODSIM_ERR_TRANSPORT_DELIVERY\]$/m);
    // The event the transport refused is in the file, and counted as dropped by the transport.
    expect(lines(path)).toBe(summary.events);
    expect(summary.kept).toEqual([
      { output: 'transport failing', delivered: 300, held: 0, dropped: summary.events - 300 },
      { output: `event file ${path}`, delivered: summary.events, held: 0, dropped: 0 },
    ]);
    expect(summary.events).toBeGreaterThan(300);
  });

  it('course mode: a team whose transport fails does not cost the other teams their run or their summary', async () => {
    const teams = teamsSchema.parse([{ name: 'a' }, { name: 'b' }], 'teams');
    const failing: Transport = Object.assign(new MemoryTransport(), {
      publish() {
        throw new Error('broker gone (the test transport)');
      },
    });
    const course = new Course({
      config: config({ days: 1 }),
      domainConfig: toyDomain.config.parse({ users: 2000 }, 'toy'),
      plugin: toyDomain,
      teams,
      transport: new MemoryTransport(),
      transportOf: (team) => (team.name === 'b' ? failing : new MemoryTransport()),
    });
    await course.init();
    const summaries = await course.run();
    expect(summaries.map((t) => [t.team, t.summary.reason])).toEqual([
      ['a', 'until'],
      ['b', 'error'],
    ]);
    expect(summaries[1].summary.error).toContain('broker gone (the test transport)');
    expect(summaries[0].summary.events).toBeGreaterThan(1000);
  });
});
