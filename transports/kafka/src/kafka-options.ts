import { ConfigError, s, type Infer } from '@prodsim/core';
import { durationSchema } from '@prodsim/core/internal';

const HOST_PORT = /^[A-Za-z0-9.-]+:\d{1,5}$|^\[[0-9A-Fa-f:]+\]:\d{1,5}$/;

/** `brokers` as a list or a comma-separated string ("127.0.0.1:9092,127.0.0.1:9094"). */
const brokersSchema = s.custom<string[]>(
  'a list of host:port (or one comma-separated string), e.g. ["127.0.0.1:9092"]',
  (value) => {
    const list = typeof value === 'string' ? value.split(',').map((b) => b.trim()) : Array.isArray(value) ? value : undefined;
    if (!list || list.length === 0) return undefined;
    for (const b of list) {
      if (typeof b !== 'string' || !HOST_PORT.test(b)) return undefined;
      const port = Number(b.slice(b.lastIndexOf(':') + 1));
      if (port < 1 || port > 65_535) return undefined;
    }
    return list as string[];
  },
  { default: ['127.0.0.1:9092'] },
);

export const kafkaOptionsSchema = s.object({
  clientId: s.string({ default: 'prodsim', pattern: /^[A-Za-z0-9._-]+$/, patternText: 'letters, digits, . _ -' }),
  brokers: brokersSchema,
  acks: s.custom<-1 | 1 | 0>(
    '-1 (all in-sync replicas, the default), "all", 1 or 0',
    (v) => (v === 'all' || v === -1 || v === '-1' ? -1 : v === 1 || v === '1' ? 1 : v === 0 || v === '0' ? 0 : undefined),
    { default: -1 },
  ),
  idempotent: s.boolean({ default: true, description: 'idempotent producer: broker-side de-duplication of retried batches (needs acks -1)' }),
  linger: durationSchema({ default: 5, min: 0, max: 10_000, description: 'how long a lone message waits for company before its batch is sent' }),
  compression: s.enum(['none', 'gzip'] as const, { default: 'none', description: 'record batch compression (kafkajs has gzip built in)' }),
  transactions: s.boolean({
    default: true,
    description:
      'a run with --checkpoint publishes in transactions, so that read_committed consumers see every event once across a crash and --resume (needs idempotent)',
  }),
  transactionMs: durationSchema({
    default: 1000,
    min: 10,
    max: 30_000,
    description: 'with transactions: longest a transaction stays open (wall time), i.e. how late read_committed consumers see an event',
  }),
  partitions: s.number({ default: 1, integer: true, min: 1, max: 10_000, description: 'partitions of topics this transport creates' }),
  replication: s.number({ default: 1, integer: true, min: 1, max: 100, description: 'replication factor of topics this transport creates' }),
  createTopics: s.boolean({ default: true, description: 'create missing topics (partitions, replication) when the run starts, before its first event' }),
  timestamps: s.enum(['event', 'wall'] as const, {
    default: 'event',
    description: "record timestamps: 'event' = the event's simulated time (fast-forward and paced runs alike), 'wall' = when it was published",
  }),
  retentionMs: s.number({
    default: -1,
    integer: true,
    min: -1,
    description:
      'retention.ms of topics this transport creates: -1 keeps records for good (their timestamps are simulated times, which time-based retention would judge by the wall clock)',
  }),
  batchMessages: s.number({ default: 2000, integer: true, min: 1, max: 1_000_000, description: 'most messages in one produce request' }),
  batchBytes: s.number({
    default: 256 * 1024,
    integer: true,
    min: 1024,
    max: 64 << 20,
    description:
      'most bytes (keys + values) in one produce request; keep under the broker message.max.bytes (kafkajs encodes small requests faster: see bench/transports)',
  }),
  maxBufferedMessages: s.number({
    default: 20_000,
    integer: true,
    min: 1,
    max: 100_000_000,
    description: 'publish makes the caller wait beyond this many unacknowledged messages (a few requests ahead is enough: one is in flight at a time)',
  }),
  maxBufferedBytes: s.number({
    default: 64 << 20,
    integer: true,
    min: 1024,
    max: 4 << 30,
    description: 'publish makes the caller wait beyond this many unacknowledged bytes',
  }),
  connectTimeout: durationSchema({ default: 10_000, min: 100, max: 600_000, description: 'connect() rejects after this long without a broker' }),
  deliveryTimeout: durationSchema({
    default: 120_000,
    min: 1000,
    max: 3_600_000,
    description: 'a batch that cannot be delivered for this long fails the run (broker gone for good)',
  }),
  requestTimeout: durationSchema({ default: 30_000, min: 100, max: 600_000, description: 'one produce request waits this long for the broker' }),
  logLevel: s.enum(['none', 'error', 'warn', 'info', 'debug'] as const, {
    default: 'none',
    description: "kafkajs' own log lines on stderr (prodsim reports outages itself)",
  }),
});

export type KafkaTransportOptions = Infer<typeof kafkaOptionsSchema>;
/** What `create()` accepts: any subset, validated. */
export type KafkaTransportInput = Partial<Record<keyof KafkaTransportOptions, unknown>> & Record<string, unknown>;

/** Validates transport options (`transport.options` of a run config); throws ConfigError naming the field. */
export function parseKafkaOptions(input: unknown, path = 'transport.options'): KafkaTransportOptions {
  const options = kafkaOptionsSchema.parse(input, path);
  if (options.idempotent && options.acks !== -1) {
    throw new ConfigError(`${path}.acks`, options.acks, '-1 while idempotent is true (set idempotent: false to use acks 1 or 0)');
  }
  if (options.batchMessages >= options.maxBufferedMessages) {
    throw new ConfigError(`${path}.batchMessages`, options.batchMessages, `less than maxBufferedMessages (${options.maxBufferedMessages})`);
  }
  if (options.batchBytes >= options.maxBufferedBytes) {
    throw new ConfigError(`${path}.batchBytes`, options.batchBytes, `less than maxBufferedBytes (${options.maxBufferedBytes})`);
  }
  return options;
}
