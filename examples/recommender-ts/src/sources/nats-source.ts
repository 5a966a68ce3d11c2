import { connect } from '@nats-io/transport-node';
import { yieldEvery, type LineHandler, type StreamSource } from './stream-source.js';

export interface NatsSourceOptions {
  servers: string[];
  /** prodsim's NATS transport publishes topic T of team X on `prodsim.X.T`. */
  subject: string;
}

/**
 * Subscribes to a movielog subject on NATS. A plain subscription sees lines published while the
 * service runs (JetStream publishes reach it too); it does not replay older ones.
 */
export function natsSource(options: NatsSourceOptions, onLine: LineHandler): StreamSource {
  let close: () => Promise<void> = async () => {};
  const ready = (async () => {
    const nc = await connect({ servers: options.servers, name: 'recommender-ts' });
    const sub = nc.subscribe(options.subject);
    const loop = (async () => {
      let i = 0;
      for await (const msg of sub) {
        onLine(msg.string());
        await yieldEvery(++i);
      }
    })();
    await nc.flush();
    close = async () => {
      await nc.drain();
      await loop;
    };
  })();
  return {
    ready,
    close: async () => {
      await ready.catch(() => undefined);
      await close();
    },
  };
}
