import { createInbox, headers, type NatsConnection } from '@nats-io/transport-node';
import type { JetStreamClient } from '@nats-io/jetstream';
import { CompressionTypes, type Producer } from 'kafkajs';
import type { BenchMessage } from './messages.js';

/**
 * The baselines: each raw client sends the same messages as directly as it can, with the same
 * delivery guarantees as the prodsim transport it is compared with.
 */

/** kafkajs: an idempotent producer (acks -1, one request in flight), pre-cut batches sent back to back. */
export async function rawKafka(producer: Producer, topic: string, messages: BenchMessage[], batch: number): Promise<void> {
  for (let i = 0; i < messages.length; i += batch) {
    await producer.sendBatch({ topicMessages: [{ topic, messages: messages.slice(i, i + batch) }], acks: -1, compression: CompressionTypes.None });
  }
}

/**
 * JetStream: pipelined `js.publish` with at most `window` awaiting acknowledgement. `withIds`: a
 * message id and the key in a header, as the transport sends them; without: the bare payload.
 */
export async function rawJetStream(js: JetStreamClient, subject: string, messages: BenchMessage[], window: number, withIds: boolean): Promise<void> {
  let next = 0;
  let inFlight = 0;
  let failed: unknown;
  await new Promise<void>((resolve, reject) => {
    const pump = (): void => {
      while (inFlight < window && next < messages.length) {
        const m = messages[next];
        const id = next++;
        inFlight++;
        let p;
        if (withIds) {
          const h = headers();
          h.set('Prodsim-Key', m.key);
          p = js.publish(subject, m.value, { msgID: `raw-${id}`, headers: h });
        } else p = js.publish(subject, m.value);
        p.then(done, (e: unknown) => {
          failed = e;
          reject(e);
        });
      }
      if (inFlight === 0 && next === messages.length) resolve();
    };
    const done = (): void => {
      inFlight--;
      if (!failed) pump();
    };
    pump();
  });
}

/**
 * JetStream the way the Go client's PublishAsync does it, with the nats.js public API: plain
 * publishes with a message id and the key in headers, each with its own reply subject on one
 * shared inbox subscription; at most `window` awaiting acknowledgement. The strongest raw baseline.
 */
export async function rawJetStreamAsync(nc: NatsConnection, subject: string, messages: BenchMessage[], window: number): Promise<void> {
  const inbox = createInbox();
  let next = 0;
  let inFlight = 0;
  await new Promise<void>((resolve, reject) => {
    const pump = (): void => {
      while (inFlight < window && next < messages.length) {
        const m = messages[next];
        const h = headers();
        h.set('Nats-Msg-Id', `raw-async-${inbox}-${next}`);
        h.set('Prodsim-Key', m.key);
        nc.publish(subject, m.value, { reply: `${inbox}.${next++}`, headers: h });
        inFlight++;
      }
      if (inFlight === 0 && next === messages.length) {
        sub.unsubscribe();
        resolve();
      }
    };
    const sub = nc.subscribe(`${inbox}.*`, {
      callback: (error, msg) => {
        if (error || msg.data.length === 0 || msg.string().includes('"error"')) {
          reject(error ?? new Error(`JetStream refused: ${msg.string() || msg.headers?.code}`));
          return;
        }
        inFlight--;
        pump();
      },
    });
    pump();
  });
}

/** Core NATS: every message published at once (the key in a header, as the transport sends it, or none), then one flush. */
export async function rawCoreNats(nc: NatsConnection, subject: string, messages: BenchMessage[], withKey: boolean): Promise<void> {
  for (const m of messages) {
    if (withKey) {
      const h = headers();
      h.set('Prodsim-Key', m.key);
      nc.publish(subject, m.value, { headers: h });
    } else nc.publish(subject, m.value);
  }
  await nc.flush();
}
