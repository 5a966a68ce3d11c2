import { ErrorCodes, ProdsimError } from '@prodsim/core';

/** One queue name: a subject token, and part of stream and bucket names. */
const QUEUE = /^[A-Za-z0-9_-]{1,64}$/;
const HOST = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(:\d{1,5})?$/;

/**
 * Where the distributed runner's work lives on a NATS server: `nats://host:port[,host:port...][/queue]`.
 * The queue (default `default`) names a JetStream work-queue stream of jobs, its one durable pull
 * consumer shared by the workers, a key-value bucket of unit states and an object store of
 * results, so that several teams or tests can share a server without meeting.
 */
export interface QueueAddress {
  /** host:port entries, as NATS connects to them. */
  servers: string[];
  queue: string;
  /** The URL as given, for messages. */
  url: string;
  stream: string;
  /** Jobs are published to `<jobs>.<job id>`. */
  jobs: string;
  consumer: string;
  statusBucket: string;
  resultBucket: string;
}

export function parseQueueUrl(url: string, flag = '--queue'): QueueAddress {
  const match = /^nats:\/\/([^/]+)(?:\/([^/]*))?$/.exec(url.trim());
  const servers = match?.[1].split(',').map((s) => s.trim());
  const queue = match?.[2] || 'default';
  if (!match || !servers?.every((s) => HOST.test(s)) || !QUEUE.test(queue)) {
    throw new ProdsimError(
      ErrorCodes.USAGE,
      `${flag} takes nats://host:port[/queue] (the queue: letters, digits, _ and -), e.g. nats://127.0.0.1:4222 or nats://nats.lab:4222/sweeps; got ${JSON.stringify(url)}`,
    );
  }
  const withPorts = servers.map((s) => (/:\d+$/.test(s) ? s : `${s}:4222`));
  return {
    servers: withPorts,
    queue,
    url,
    stream: `PRODSIM_EXP_${queue}`,
    jobs: `prodsim.exp.${queue}.jobs`,
    consumer: 'workers',
    statusBucket: `prodsim-exp-${queue}-units`,
    resultBucket: `prodsim-exp-${queue}-results`,
  };
}
