import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Transport } from '../transport/transport.js';
import type { CliIo } from './cli-io.js';
import { untilSignal } from './run-signals.js';
import { stopMessages } from './stop-messages.js';

/** A transport that holds `held` events its broker has not acknowledged, and gives up after 120 s. */
function holding(held: number, deliveryTimeoutMs: number | undefined = 120_000): Transport {
  return {
    name: 'kafka',
    deliveryTimeoutMs,
    connect: async () => {},
    publish: () => {},
    flush: async () => {},
    close: async () => {},
    subscribe: () => {
      throw new Error('not here');
    },
    stats: () => ({ published: 1000 + held, delivered: 1000, unacked: held }),
  };
}

function io(): { io: CliIo; signals: EventEmitter; stderr: () => string } {
  const signals = new EventEmitter();
  const err = new PassThrough();
  let text = '';
  err.on('data', (d) => (text += String(d)));
  const out = new PassThrough();
  return { io: { stdout: out, stderr: err, env: {}, signals: signals as unknown as CliIo['signals'] }, signals, stderr: () => text };
}

describe('stopping a run in two stages', () => {
  it('the first signal stops and says what it waits for and how long; the second abandons and says how many are dropped; a third is left to the process', async () => {
    const { io: cli, signals, stderr } = io();
    const seen: string[] = [];
    const { result, signalled } = await untilSignal(
      cli,
      async ({ stop, abandon }) => {
        stop.addEventListener('abort', () => seen.push('stop'));
        abandon.addEventListener('abort', () => seen.push('abandon'));
        signals.emit('SIGINT');
        expect(stop.aborted).toBe(true);
        expect(abandon.aborted).toBe(false);
        signals.emit('SIGTERM');
        expect(abandon.aborted).toBe(true);
        // A third signal is the process's again (it would end it): no handler of the run hears it.
        expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
        return 'done';
      },
      stopMessages([holding(2345)], '/tmp/ckpt'),
    );
    expect(result).toBe('done');
    expect(signalled).toBe('SIGINT');
    expect(seen).toEqual(['stop', 'abandon']);
    expect(stderr().split('\n').slice(0, -1)).toEqual([
      'SIGINT: stopping at the next event, writing a checkpoint to /tmp/ckpt and flushing the outputs; waiting for kafka to deliver the 2,345 events it holds (at most 120 s while its broker does not answer). Ctrl-C again to stop waiting for the transport: what it holds is dropped, the event file is still written to its end.',
      "SIGTERM again: no longer waiting for the transport; dropping the 2,345 events it holds (the summary counts them); writing the event file's tail (SIGTERM once more ends prodsim at once).",
    ]);
    // The handlers are gone once the work is done.
    expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
  });

  it('with nothing held, the first signal says only that it stops and flushes', async () => {
    const { io: cli, signals, stderr } = io();
    await untilSignal(
      cli,
      async () => {
        signals.emit('SIGTERM');
      },
      stopMessages([holding(0, undefined)], undefined),
    );
    expect(stderr()).toBe(
      'SIGTERM: stopping at the next event and flushing the outputs. SIGTERM again to stop waiting for the transport: what it holds is dropped, the event file is still written to its end.\n',
    );
  });
});
