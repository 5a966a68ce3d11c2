import { ErrorCodes, ProdsimError, type SubscribeOptions, type Subscription, type Transport } from '@prodsim/core';
import { gate, type Gate } from '@prodsim/core/internal';
import { CompressionTypes, Kafka, Partitioners, type Admin, type ICustomPartitioner, type KafkaConfig, type Producer } from 'kafkajs';
import { KafkaErrorCodes, KafkaTransportError } from './errors.js';
import { kafkajsLogCreator, kafkajsLogLevel } from './kafka-log.js';
import type { KafkaTransportOptions } from './kafka-options.js';
import { KafkaSubscription } from './kafka-subscription.js';
import { PublishBuffer, type TakenBatch } from './publish-buffer.js';
import { describeKafkaError, isPermanentKafkaError, needsNewProducer, rootCause } from './kafka-errors.js';

export interface KafkaTransportDeps {
  /** Makes the kafkajs client (tests pass a fake). */
  makeKafka?: (config: KafkaConfig) => Kafka;
  /** Where the transport reports outages and recoveries (default: stderr). */
  log?: (line: string) => void;
}

// Not unref'd: during an outage this timer may be all that keeps the process (and the run) alive.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let groupCounter = 0;

/**
 * Keyed messages go where Kafka's Java client would put them (murmur2 of the key); unkeyed ones all
 * go to the first partition, so that they keep their order however many partitions a topic has.
 */
const keyedOrFirstPartitioner: ICustomPartitioner = () => {
  const byKey = Partitioners.DefaultPartitioner();
  return (args) => (args.message.key === null || args.message.key === undefined ? 0 : byKey(args));
};

/**
 * Publishes to Kafka through one idempotent kafkajs producer. `publish` only appends to a buffer;
 * a single sender turns the buffer into produce requests (`sendBatch`), one at a time, so that a
 * retried request can never overtake a later one: per-partition order holds across broker
 * restarts, and the idempotent producer's sequence numbers let the broker drop a retried batch it
 * already has. A request that fails is retried (same messages, same order) until it succeeds or
 * `deliveryTimeout` passes. Unacknowledged messages are bounded: beyond the bound `publish` returns
 * a promise and the scheduler waits.
 */
export class KafkaTransport implements Transport {
  readonly name = 'kafka';
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private producer: Producer;
  private readonly buffer = new PublishBuffer();
  private readonly log: (line: string) => void;
  private readonly knownTopics = new Set<string>();
  private readonly creatingTopics = new Map<string, Promise<void>>();
  /** Topics declared and still being created: the first publish after a declaration waits for them. */
  private topicsDeclared: Promise<void> | undefined;
  private readonly subscriptions = new Set<KafkaSubscription>();
  private readonly compression: CompressionTypes;
  private readonly highMessages: number;
  private readonly highBytes: number;

  private unackedCount = 0;
  private unackedBytes = 0;
  private sending = false;
  private timer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  private room: Gate | undefined;
  private idle: Gate | undefined;
  private failure: ProdsimError | undefined;
  private connected: Promise<void> | undefined;
  private closed = false;
  private closing: Promise<void> | undefined;
  private released = false;

  private readonly counters = { published: 0, delivered: 0, requests: 0, retries: 0, outages: 0, producerResets: 0, waits: 0, maxUnacked: 0 };

  constructor(
    readonly options: KafkaTransportOptions,
    deps: KafkaTransportDeps = {},
  ) {
    this.log = deps.log ?? ((line) => process.stderr.write(`${line}\n`));
    const config: KafkaConfig = {
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: Math.min(3000, options.connectTimeout),
      requestTimeout: options.requestTimeout,
      // Few, short retries inside kafkajs: the transport's own loop outlasts an outage.
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1000 },
      logLevel: kafkajsLogLevel(options.logLevel),
      logCreator: kafkajsLogCreator(this.log),
    };
    this.kafka = (deps.makeKafka ?? ((c) => new Kafka(c)))(config);
    this.admin = this.kafka.admin();
    this.producer = this.makeProducer();
    this.compression = options.compression === 'gzip' ? CompressionTypes.GZIP : CompressionTypes.None;
    this.highMessages = options.maxBufferedMessages;
    this.highBytes = options.maxBufferedBytes;
  }

  get deliveryTimeoutMs(): number {
    return this.options.deliveryTimeout;
  }

  /** Drops the events not acknowledged yet and lets go of the broker (a second Ctrl-C); returns how many. */
  abandon(): number {
    const dropped = this.unackedCount;
    if (!this.failure)
      this.fail(new KafkaTransportError(KafkaErrorCodes.DELIVERY, `stopped waiting for Kafka broker ${this.where}: ${dropped} events dropped`));
    return dropped;
  }

  private get where(): string {
    return this.options.brokers.join(',');
  }

  private makeProducer(): Producer {
    return this.kafka.producer({
      idempotent: this.options.idempotent,
      // One request in flight: a retry cannot reorder (kafkajs also serializes idempotent sends per broker).
      maxInFlightRequests: 1,
      allowAutoTopicCreation: !this.options.createTopics,
      createPartitioner: keyedOrFirstPartitioner,
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1000 },
    });
  }

  connect(): Promise<void> {
    if (this.closed) return Promise.reject(this.closedError('connect'));
    this.connected ??= this.connectOnce();
    return this.connected;
  }

  private async connectOnce(): Promise<void> {
    const timeoutMs = this.options.connectTimeout;
    let timer: NodeJS.Timeout | undefined;
    const attempt = (async () => {
      await this.admin.connect();
      await this.producer.connect();
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([attempt, timeout]);
    } catch (cause) {
      attempt.catch(() => {});
      // Stop kafkajs' reconnect attempts so nothing keeps the process alive after the error.
      await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
      this.connected = undefined;
      throw new KafkaTransportError(
        KafkaErrorCodes.CONNECT,
        `cannot connect to Kafka broker ${this.where} within ${timeoutMs} ms: ${describeKafkaError(cause)}. Is a broker running there? (transports/kafka/dev-broker/start.sh starts one on 127.0.0.1:9092)`,
        { cause },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  publish(topic: string, key: string | null, value: string, time?: number): void | Promise<void> {
    if (this.closed) throw this.closedError(`publish to ${topic}`);
    if (this.failure) throw this.failure;
    // Whole ms (simulated times may carry a microsecond fraction; Kafka's timestamps are integers).
    const size = this.buffer.push(topic, key, value, time !== undefined && this.options.timestamps === 'event' ? String(Math.floor(time)) : undefined);
    this.counters.published++;
    const count = ++this.unackedCount;
    const bytes = (this.unackedBytes += size);
    if (!this.sending) {
      if (this.buffer.count >= this.options.batchMessages || this.buffer.bytes >= this.options.batchBytes) this.startSending();
      else if (this.timer === undefined) this.armLinger();
    }
    if (count > this.counters.maxUnacked) this.counters.maxUnacked = count;
    if (count >= this.highMessages || bytes >= this.highBytes) {
      if (!this.room) {
        this.room = gate();
        this.counters.waits++;
      }
      return this.room.promise;
    }
    // The run waits (once) until the topics it declared exist, so they exist from its first event on.
    return this.topicsDeclared;
  }

  /**
   * Creates a topic the run will publish to as soon as it is declared (when the world is built),
   * not at its first event: a consumer started with the run then finds it (a paced run's first
   * event may come minutes later). A failure here shows again, and fails the run, at the first send.
   */
  declareTopic(topic: string): void {
    if (!this.options.createTopics || this.closed || this.knownTopics.has(topic)) return;
    const created = this.connect().then(() => this.ensureTopic(topic));
    const all = Promise.allSettled([this.topicsDeclared, created]).then(() => {
      if (this.topicsDeclared === all) this.topicsDeclared = undefined;
    });
    this.topicsDeclared = all;
  }

  private armLinger(): void {
    const linger = this.options.linger;
    this.timer = linger === 0 ? setImmediate(this.lingerDone) : setTimeout(this.lingerDone, linger);
  }

  private readonly lingerDone = (): void => {
    this.timer = undefined;
    if (!this.sending) this.startSending();
  };

  private startSending(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = undefined;
    }
    this.sending = true;
    void this.sendLoop();
  }

  private async sendLoop(): Promise<void> {
    try {
      for (;;) {
        if (this.failure) return;
        const batch = this.buffer.take(this.options.batchMessages, this.options.batchBytes);
        if (!batch) break;
        await this.deliver(batch);
        this.counters.delivered += batch.count;
        this.unackedCount -= batch.count;
        this.unackedBytes -= batch.bytes;
        // Let a waiting publisher go once a request's worth has room: its next synchronous burst
        // then stays short, and the sender (same thread) is not kept from the next request long.
        if (this.room && this.unackedCount <= this.highMessages - this.options.batchMessages && this.unackedBytes <= this.highBytes - this.options.batchBytes) {
          const room = this.room;
          this.room = undefined;
          room.resolve();
        }
      }
    } catch (error) {
      this.fail(error);
    } finally {
      this.sending = false;
    }
    if (this.unackedCount === 0 && this.idle) {
      const idle = this.idle;
      this.idle = undefined;
      idle.resolve();
    }
  }

  /** Sends one request, retrying the same messages until the broker takes them or time runs out. */
  private async deliver(batch: TakenBatch): Promise<void> {
    let firstFailure = 0;
    let attempt = 0;
    for (;;) {
      try {
        // Publishing before connect() is the caller's slip; connecting here beats failing the run.
        if (this.connected === undefined) await this.connect();
        await this.ensureTopics(batch);
        this.counters.requests++;
        await this.producer.sendBatch({
          topicMessages: batch.topicMessages,
          acks: this.options.acks,
          compression: this.compression,
          timeout: this.options.requestTimeout,
        });
        if (attempt > 0)
          this.log(
            `kafka: delivery to ${this.where} resumed after ${((Date.now() - firstFailure) / 1000).toFixed(1)} s (${attempt} retries, no event dropped)`,
          );
        return;
      } catch (error) {
        const root = rootCause(error);
        if (isPermanentKafkaError(root)) {
          throw new KafkaTransportError(
            KafkaErrorCodes.DELIVERY,
            `Kafka broker ${this.where} refused ${batch.count} events for good: ${describeKafkaError(error)}`,
            { cause: error },
          );
        }
        const now = Date.now();
        if (attempt === 0) {
          firstFailure = now;
          this.counters.outages++;
          this.log(
            `kafka: cannot deliver to ${this.where} (${describeKafkaError(error)}); retrying for up to ${this.options.deliveryTimeout / 1000} s with ${this.unackedCount} events held`,
          );
        }
        if (now - firstFailure >= this.options.deliveryTimeout) {
          throw new KafkaTransportError(
            KafkaErrorCodes.DELIVERY,
            `could not deliver ${this.unackedCount} events to Kafka broker ${this.where} for ${Math.round((now - firstFailure) / 1000)} s: ${describeKafkaError(error)}`,
            { cause: error },
          );
        }
        attempt++;
        this.counters.retries++;
        if (needsNewProducer(root)) await this.resetProducer();
        await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)));
        if (this.released) throw this.failure ?? this.closedError('deliver');
      }
    }
  }

  /** The broker forgot our producer id (or its sequence): start a new idempotent session. Retried messages may then appear twice; none is lost. */
  private async resetProducer(): Promise<void> {
    this.counters.producerResets++;
    const old = this.producer;
    this.producer = this.makeProducer();
    await old.disconnect().catch(() => {});
    await this.producer.connect().catch(() => {});
  }

  private ensureTopics(batch: TakenBatch): Promise<void> | undefined {
    if (!this.options.createTopics) return undefined;
    let pending: Promise<void>[] | undefined;
    for (const { topic } of batch.topicMessages) {
      if (!this.knownTopics.has(topic)) (pending ??= []).push(this.ensureTopic(topic));
    }
    return pending && Promise.all(pending).then(() => undefined);
  }

  /** Creates `topic` with the configured partitions and replication unless it exists. */
  ensureTopic(topic: string): Promise<void> {
    if (this.knownTopics.has(topic) || !this.options.createTopics) return Promise.resolve();
    let creating = this.creatingTopics.get(topic);
    if (!creating) {
      creating = this.admin
        .createTopics({
          waitForLeaders: true,
          topics: [{ topic, numPartitions: this.options.partitions, replicationFactor: this.options.replication, configEntries: topicConfig(this.options) }],
        })
        .then(
          () => {
            this.knownTopics.add(topic);
            this.creatingTopics.delete(topic);
          },
          (error: unknown) => {
            this.creatingTopics.delete(topic);
            if ((rootCause(error) as { type?: string }).type === 'TOPIC_ALREADY_EXISTS') {
              this.knownTopics.add(topic);
              return;
            }
            throw error;
          },
        );
      this.creatingTopics.set(topic, creating);
    }
    return creating;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.unackedCount === 0) return;
    if (!this.sending) this.startSending();
    this.idle ??= gate();
    await this.idle.promise;
    if (this.failure) throw this.failure;
  }

  subscribe(topic: string, options: SubscribeOptions = {}): Subscription {
    if (this.closed) throw this.closedError(`subscribe to ${topic}`);
    const sub = new KafkaSubscription({
      kafka: this.kafka,
      admin: this.admin,
      topic,
      from: options.from ?? 'now',
      groupId: `${this.options.clientId}-sub-${process.pid}-${Date.now().toString(36)}-${groupCounter++}`,
      ensureTopic: async (t) => {
        await this.connect();
        await this.ensureTopic(t);
      },
      onClose: (s) => this.subscriptions.delete(s),
    });
    this.subscriptions.add(sub);
    return sub;
  }

  close(): Promise<void> {
    this.closing ??= this.closeOnce();
    return this.closing;
  }

  private async closeOnce(): Promise<void> {
    this.closed = true;
    try {
      await this.flush();
    } finally {
      await this.release();
    }
  }

  /** Lets go of every connection and timer, so that nothing keeps the process alive. */
  private async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    if (this.timer !== undefined) {
      clearTimeout(this.timer as NodeJS.Timeout);
      clearImmediate(this.timer as NodeJS.Immediate);
      this.timer = undefined;
    }
    await Promise.allSettled([...this.subscriptions].map((s) => s.close()));
    await Promise.allSettled([this.producer.disconnect(), this.admin.disconnect()]);
  }

  private fail(error: unknown): void {
    const failure =
      error instanceof ProdsimError
        ? error
        : new KafkaTransportError(KafkaErrorCodes.DELIVERY, `Kafka delivery to ${this.where} failed: ${describeKafkaError(error)}`, { cause: error });
    this.failure ??= failure;
    this.log(`kafka: ${failure.message}`);
    this.room?.reject(failure);
    this.room = undefined;
    this.idle?.reject(failure);
    this.idle = undefined;
    void this.release();
  }

  private closedError(what: string): ProdsimError {
    return new ProdsimError(ErrorCodes.TRANSPORT_CLOSED, `kafka transport is closed; cannot ${what}`);
  }

  stats(): Record<string, number> {
    return { ...this.counters, unacked: this.unackedCount };
  }
}

/**
 * What topics this transport creates are configured with. Records carry simulated times (the
 * default), which may lie months before or after the broker's clock: time-based retention would
 * delete past ones at once, and Kafka 4 refuses timestamps over an hour ahead by default.
 */
export function topicConfig(options: Pick<KafkaTransportOptions, 'timestamps' | 'retentionMs'>): { name: string; value: string }[] {
  const entries = [
    { name: 'retention.ms', value: String(options.retentionMs) },
    { name: 'message.timestamp.type', value: 'CreateTime' },
  ];
  if (options.timestamps === 'event') {
    entries.push({ name: 'message.timestamp.before.max.ms', value: LONG_MAX }, { name: 'message.timestamp.after.max.ms', value: LONG_MAX });
  }
  return entries;
}

const LONG_MAX = '9223372036854775807';
