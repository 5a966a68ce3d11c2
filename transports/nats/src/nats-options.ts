import { ConfigError, s, type Infer } from '@prodsim/core';
import { durationSchema } from '@prodsim/core/internal';

const SERVER = /^(nats:\/\/)?([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])(:\d{1,5})?$/;

/** `servers` as a list or a comma-separated string ("127.0.0.1:4222,nats://10.0.0.2:4222"). */
const serversSchema = s.custom<string[]>(
  'a list of host:port or nats://host:port (or one comma-separated string), e.g. ["127.0.0.1:4222"]',
  (value) => {
    const list = typeof value === 'string' ? value.split(',').map((b) => b.trim()) : Array.isArray(value) ? value : undefined;
    if (!list || list.length === 0) return undefined;
    for (const b of list) if (typeof b !== 'string' || !SERVER.test(b)) return undefined;
    return list as string[];
  },
  { default: ['127.0.0.1:4222'] },
);

const TOKEN = /^[A-Za-z0-9_-]+$/;

export const natsOptionsSchema = s.object({
  clientId: s.string({ default: 'prodsim', minLength: 1, description: 'connection name the server shows' }),
  servers: serversSchema,
  mode: s.enum(['jetstream', 'core'] as const, {
    default: 'jetstream',
    description: 'jetstream: persisted, acknowledged, de-duplicated; core: fire-and-forget, for speed',
  }),
  team: s.string({
    default: 'default',
    pattern: TOKEN,
    patternText: 'letters, digits, _ and - (one subject token)',
    description: 'subjects are <subjectPrefix>.<team>.<topic>',
  }),
  subjectPrefix: s.string({
    default: 'prodsim',
    pattern: /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/,
    patternText: 'subject tokens of letters, digits, _ and -, separated by dots',
  }),
  stream: s.string({ optional: true, pattern: TOKEN, patternText: 'a JetStream stream name: letters, digits, _ and -', description: 'default PRODSIM_<TEAM>' }),
  storage: s.enum(['file', 'memory'] as const, { default: 'file', description: 'where the stream keeps messages (jetstream mode)' }),
  replicas: s.number({ default: 1, integer: true, min: 1, max: 5, description: 'stream replicas (jetstream mode)' }),
  duplicateWindow: durationSchema({
    default: 120_000,
    min: 1000,
    max: 86_400_000,
    description: 'how long the stream remembers message ids to drop re-sent duplicates',
  }),
  keys: s.boolean({
    default: true,
    description: 'carry message keys in a header (subscribers get them back); false drops them for speed (NATS orders by subject, not by key)',
  }),
  maxInFlight: s.number({
    default: 2048,
    integer: true,
    min: 1,
    max: 1_000_000,
    description: 'jetstream: publishes awaiting their acknowledgement at once (pipelining)',
  }),
  flushEvery: s.number({
    default: 8192,
    integer: true,
    min: 1,
    max: 10_000_000,
    description: 'core: a round trip to the server every this many messages (bounds what is unconfirmed)',
  }),
  maxBufferedMessages: s.number({
    default: 100_000,
    integer: true,
    min: 1,
    max: 100_000_000,
    description: 'publish makes the caller wait beyond this many unacknowledged messages',
  }),
  ackTimeout: durationSchema({
    default: 5000,
    min: 50,
    max: 600_000,
    description: 'jetstream: one publish waits this long for its acknowledgement before it is re-sent',
  }),
  connectTimeout: durationSchema({ default: 10_000, min: 100, max: 600_000, description: 'connect() rejects after this long without a server' }),
  deliveryTimeout: durationSchema({
    default: 120_000,
    min: 1000,
    max: 3_600_000,
    description: 'messages that cannot be delivered for this long fail the run (server gone for good)',
  }),
});

export type NatsTransportOptions = Infer<typeof natsOptionsSchema> & { stream: string };
export type NatsTransportInput = Partial<Record<keyof NatsTransportOptions, unknown>> & Record<string, unknown>;

/** Validates transport options (`transport.options` of a run config); throws ConfigError naming the field. */
export function parseNatsOptions(input: unknown, path = 'transport.options'): NatsTransportOptions {
  const o = natsOptionsSchema.parse(input, path);
  if (o.maxInFlight > o.maxBufferedMessages)
    throw new ConfigError(`${path}.maxInFlight`, o.maxInFlight, `at most maxBufferedMessages (${o.maxBufferedMessages})`);
  const stream = o.stream ?? `PRODSIM_${o.team.toUpperCase().replace(/-/g, '_')}`;
  return { ...o, stream };
}

/** The subject a topic is published on. */
export function subjectFor(options: Pick<NatsTransportOptions, 'subjectPrefix' | 'team'>, topic: string): string {
  return `${options.subjectPrefix}.${options.team}.${topic}`;
}

/** Topics become subject tokens; dots are allowed (more tokens), wildcards and whitespace are not. */
export function isValidTopic(topic: string): boolean {
  return topic.length > 0 && !/[\s*>]/.test(topic) && !topic.startsWith('.') && !topic.endsWith('.') && !topic.includes('..');
}
