import type { Transport } from '../transport/transport.js';
import type { StopMessages } from './run-signals.js';

/** Events a transport has taken but its broker has not acknowledged (by the `Transport.stats` convention). */
export function heldBy(transport: Transport): number {
  const s = transport.stats();
  if (typeof s.unacked === 'number') return s.unacked;
  const published = s.published ?? 0;
  const done = s.delivered ?? s.acked ?? s.confirmed ?? published;
  return Math.max(0, published - done);
}

/**
 * What the user is told when a run is stopped by a signal: at the first, what the run still waits
 * for and for how long at most; at the second, how many events are dropped by not waiting.
 */
export function stopMessages(transports: readonly Transport[], checkpointDir: string | undefined): StopMessages {
  const again = (signal: string) => (signal === 'SIGINT' ? 'Ctrl-C' : signal);
  return {
    stopping(signal) {
      const waits = transports
        .filter((t) => heldBy(t) > 0)
        .map((t) => {
          const limit = t.deliveryTimeoutMs === undefined ? '' : ` (at most ${Math.round(t.deliveryTimeoutMs / 1000)} s while its broker does not answer)`;
          return `${t.name} to deliver the ${heldBy(t).toLocaleString('en-US')} events it holds${limit}`;
        });
      const checkpoint = checkpointDir === undefined ? '' : `, writing a checkpoint to ${checkpointDir}`;
      const waiting = waits.length > 0 ? `; waiting for ${waits.join(', ')}` : '';
      return (
        `${signal}: stopping at the next event${checkpoint} and flushing the outputs${waiting}. ` +
        `${again(signal)} again to stop waiting for the transport: what it holds is dropped, the event file is still written to its end.`
      );
    },
    abandoning(signal) {
      const held = transports.reduce((n, t) => n + heldBy(t), 0);
      return `${signal} again: no longer waiting for the transport; dropping the ${held.toLocaleString('en-US')} events it holds (the summary counts them); writing the event file's tail (${again(signal)} once more ends prodsim at once).`;
    },
  };
}
