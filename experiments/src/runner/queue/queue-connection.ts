import {
  AckPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { Kvm, type KV } from '@nats-io/kv';
import { Objm, type ObjectStore } from '@nats-io/obj';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { QueueAddress } from './queue-address.js';
import { QueueError, QueueErrorCodes } from './queue-errors.js';

/** How long a worker may stay silent about a job before it is handed to another worker. */
export const DEFAULT_ACK_WAIT_MS = 30_000;
/** Deliveries of one job before the queue gives it up (each one a worker that died or let go of it). */
export const MAX_DELIVER = 5;
/** Jobs, unit states and results older than this are dropped by the server: a week to resume in. */
export const RETENTION_MS = 7 * 24 * 3600 * 1000;
const MS = 1_000_000;

/** An open queue: the connection, the JetStream API, the unit-state bucket and the result store. */
export interface QueueConnection {
  address: QueueAddress;
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  status: KV;
  results: ObjectStore;
  close(): Promise<void>;
}

/**
 * Connects to the queue's server and makes sure its parts exist (both sides do, so workers may
 * start before any coordinator): the jobs stream with work-queue retention (a job is gone once
 * acknowledged), the workers' durable pull consumer (explicit acks, ack wait, at most MAX_DELIVER
 * deliveries), the status bucket and the result store. `ackWaitMs` (the coordinator's) also
 * updates an existing consumer. Errors: PRODSIM_ERR_QUEUE_UNREACHABLE, PRODSIM_ERR_QUEUE_JETSTREAM.
 */
export async function openQueue(address: QueueAddress, options: { name: string; ackWaitMs?: number; connectTimeoutMs?: number }): Promise<QueueConnection> {
  const timeout = options.connectTimeoutMs ?? 5000;
  let nc: NatsConnection;
  try {
    // Once connected, keep reconnecting: a server restart must not lose a long experiment.
    nc = await connect({ servers: address.servers, name: options.name, timeout, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
  } catch (cause) {
    throw new QueueError(
      QueueErrorCodes.UNREACHABLE,
      `cannot reach the NATS server of queue ${address.url} (${address.servers.join(', ')}) within ${timeout} ms: ${(cause as Error)?.message ?? cause}. Is nats-server running there with JetStream (-js)? transports/nats/dev-server/start.sh starts one on 127.0.0.1:4222`,
      { cause },
    );
  }
  try {
    const jsm = await jetstreamManager(nc, { timeout });
    const js = jetstream(nc, { timeout });
    await ensureStream(jsm, address);
    await ensureConsumer(jsm, address, options.ackWaitMs);
    const status = await new Kvm(js).create(address.statusBucket, { history: 1, ttl: RETENTION_MS });
    const results = await new Objm(js).create(address.resultBucket, { ttl: RETENTION_MS * MS });
    return { address, nc, js, jsm, status, results, close: () => nc.close() };
  } catch (cause) {
    await nc.close().catch(() => {});
    const message = (cause as Error)?.message ?? String(cause);
    throw new QueueError(
      QueueErrorCodes.JETSTREAM,
      /not enabled|no responders|503/i.test(message)
        ? `the NATS server of queue ${address.url} has no JetStream: start nats-server with -js`
        : `cannot set up queue ${address.queue} on ${address.url} (stream ${address.stream}, buckets ${address.statusBucket}, ${address.resultBucket}): ${message}`,
      { cause },
    );
  }
}

function notFound(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}

async function ensureStream(jsm: JetStreamManager, address: QueueAddress): Promise<void> {
  try {
    await jsm.streams.info(address.stream);
  } catch (error) {
    if (!notFound(error, JetStreamApiCodes.StreamNotFound)) throw error;
    await jsm.streams.add({
      name: address.stream,
      subjects: [`${address.jobs}.>`],
      retention: RetentionPolicy.Workqueue,
      storage: StorageType.File,
      max_age: RETENTION_MS * MS,
    });
  }
}

async function ensureConsumer(jsm: JetStreamManager, address: QueueAddress, ackWaitMs: number | undefined): Promise<void> {
  let info;
  try {
    info = await jsm.consumers.info(address.stream, address.consumer);
  } catch (error) {
    if (!notFound(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
    await jsm.consumers.add(address.stream, {
      durable_name: address.consumer,
      ack_policy: AckPolicy.Explicit,
      ack_wait: (ackWaitMs ?? DEFAULT_ACK_WAIT_MS) * MS,
      max_deliver: MAX_DELIVER,
      filter_subject: `${address.jobs}.>`,
    });
    return;
  }
  // The last coordinator's ack wait applies to the queue: one queue, one ack wait.
  if (ackWaitMs !== undefined && info.config.ack_wait !== ackWaitMs * MS) {
    await jsm.consumers.update(address.stream, address.consumer, { ack_wait: ackWaitMs * MS });
  }
}
