import { ErrorCodes, ProdsimError, type SubscribeOptions, type Subscription, type Transport } from '@prodsim/core';
import { gate, type Gate } from '@prodsim/core/internal';
import { CompressionTypes, Kafka, Partitioners, type Admin, type ICustomPartitioner, type KafkaConfig, type Producer } from 'kafkajs';
import { KafkaErrorCodes, KafkaTransportError } from './errors.js';
import { kafkajsLogCreator, kafkajsLogLevel } from './kafka-log.js';
import type { KafkaTransportOptions } from './kafka-options.js';
import { KafkaSubscription } from './kafka-subscription.js';
import { PublishBuffer, type TakenBatch } from './publish-buffer.js';
import { describeKafkaError, isPermanentKafkaError, needsNewProducer, rootCause } from './kafka-errors.js';
import { TransactionalSession } from './transactional-session.js';

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
 * How long the broker lets a transaction stay open before it aborts it: longer than an outage the
 * run survives (twice `deliveryTimeout`), so that a transaction is only ever ended by this run or
 * by a newer producer of it; at most the broker's default transaction.max.timeout.ms (15 min).
 * Transactions are committed far sooner (`transactionMs`); this bounds how long read_committed
 * consumers wait behind the open transaction of a run that was killed and not resumed.
 */
function transactionTimeout(deliveryTimeout: number): number {
  return Math.min(900_000, Math.max(60_000, 2 * deliveryTimeout));
}

/**
 * A transaction is committed once it holds this many buffers' worth (`maxBufferedMessages`; or one
 * `maxBufferedBytes`): its batches are kept until then, to be sent again if the broker aborts it.
 * Several buffers, so that a busy run commits a few times a second rather than at every buffer.
 */
const TRANSACTION_BUFFERS = 5;

/** A checkpointed run's exactly-once state (see `continueRun`). Counts are of the run's events, in publish order, from its start. */
interface RunTransactions {
  transactionalId: string;
  /** Events the run had published at the checkpoint this transport continues from. */
  base: number;
  session: TransactionalSession | undefined;
  /** Events Kafka committed (the run's first `committed`). */
  committed: number;
  /** Events a resumed run publishes again that Kafka had already committed: dropped, not sent twice. */
  skip: number;
  /** Batches sent in the open transaction, kept until it commits: sent again if the broker aborts it. */
  pending: TakenBatch[];
  pendingCount: number;
  pendingBytes: number;
  openedAt: number | undefined;
  timer: NodeJS.Timeout | undefined;
  /** The open transaction is `transactionMs` old: publish makes the caller wait until it is committed. */
  due: boolean;
  /** The session failed: the next step opens a new one and finds out what became of the open transaction. */
  broken: boolean;
  commits: number;
  alreadyCommitted: number;
}

/**
 * Keyed messages go where Kafka's Java client would put them (murmur2 of the key); unkeyed ones all
 * go to the first partition, so that they keep their order however many partitions a topic has.
 */
const keyedOrFirstPartitioner: ICustomPartitioner = () => {
  const byKey = Partitioners.DefaultPartitioner();
  return (args) => (args.message.key === null || args.message.key === undefined ? 0 : byKey(args));
};

/**
 * Publishes to Kafka through one idempotent kafkajs producer (a transactional one in a run with
 * checkpoints: see `continueRun`). `publish` only appends to a buffer;
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
  private txn: RunTransactions | undefined;

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

  /**
   * A run with checkpoints: publish in transactions under a transactional id of the run (and team),
   * the same when it is resumed. Each transaction records how many events the run had published when
   * it committed (`TransactionalSession`); commits happen at each checkpoint (the run flushes its
   * outputs before writing one), at the end, and in between whenever `transactionMs` has passed or
   * the buffer bound is reached, which keeps transactions small and read_committed consumers at most
   * about `transactionMs` behind. Committing between checkpoints is safe because a resumed run
   * publishes the same events in the same order (the checkpoint/resume property): the new producer
   * fences the crashed one (its open transaction is aborted), reads how many events Kafka
   * committed, and drops that many of the resumed run's first events instead of sending them again.
   */
  continueRun(runId: string, published: number): void {
    if (this.connected !== undefined) throw new ProdsimError(ErrorCodes.TRANSPORT_INVALID, 'kafka transport: continueRun() after connect()');
    if (!this.options.transactions) return;
    if (!this.options.idempotent) {
      this.log('kafka: idempotent is false, so this checkpointed run does not publish in transactions: a resumed run may send events twice');
      return;
    }
    this.txn = {
      transactionalId: `prodsim-${runId}`,
      base: published,
      session: undefined,
      committed: published,
      skip: 0,
      pending: [],
      pendingCount: 0,
      pendingBytes: 0,
      openedAt: undefined,
      timer: undefined,
      due: false,
      broken: false,
      commits: 0,
      alreadyCommitted: 0,
    };
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
      if (this.txn) await this.openSession(true);
      else await this.producer.connect();
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([attempt, timeout]);
    } catch (cause) {
      attempt.catch(() => {});
      if (cause instanceof KafkaTransportError && cause.code === KafkaErrorCodes.RESUME) {
        this.connected = undefined;
        throw cause;
      }
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
    const txn = this.txn;
    if (txn !== undefined && txn.skip > 0) {
      // Resumed: Kafka already holds this event (committed before the crash).
      txn.skip--;
      txn.alreadyCommitted++;
      this.counters.published++;
      this.counters.delivered++;
      return this.topicsDeclared;
    }
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
    // Backpressure counts what is not sent yet; what waits in the open transaction for its commit has its own bound.
    if (count - (txn?.pendingCount ?? 0) >= this.highMessages || bytes - (txn?.pendingBytes ?? 0) >= this.highBytes || txn?.due) {
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
        const txn = this.txn;
        if (batch) {
          await this.deliver(batch);
          if (txn) this.holdUntilCommit(txn, batch);
          else {
            this.counters.delivered += batch.count;
            this.unackedCount -= batch.count;
            this.unackedBytes -= batch.bytes;
          }
        } else if (txn && txn.pendingCount > 0 && (this.idle || txn.due)) {
          // Everything published so far is sent (the buffer is empty): commit it, with its count.
          await this.commitTransaction(txn);
        } else break;
        // Let a waiting publisher go once a request's worth has room: its next synchronous burst
        // then stays short, and the sender (same thread) is not kept from the next request long.
        // A transaction due for its commit keeps the publisher waiting until it is committed.
        const sentUncommitted = txn?.pendingCount ?? 0;
        if (
          this.room &&
          !txn?.due &&
          this.unackedCount - sentUncommitted <= this.highMessages - this.options.batchMessages &&
          this.unackedBytes - (txn?.pendingBytes ?? 0) <= this.highBytes - this.options.batchBytes
        ) {
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
  private deliver(batch: TakenBatch): Promise<void> {
    return this.retrying(batch.count, async () => {
      // Publishing before connect() is the caller's slip; connecting here beats failing the run.
      if (this.connected === undefined) await this.connect();
      await this.ensureTopics(batch);
      this.counters.requests++;
      if (this.txn) {
        await this.repairSession(this.txn);
        await this.txn.session!.send(batch);
        return;
      }
      await this.producer.sendBatch({
        topicMessages: batch.topicMessages,
        acks: this.options.acks,
        compression: this.compression,
        timeout: this.options.requestTimeout,
      });
    });
  }

  /** Runs one step (a request, a commit) again until it succeeds, fails for good, or `deliveryTimeout` passes. */
  private async retrying(count: number, step: () => Promise<void>): Promise<void> {
    let firstFailure = 0;
    let attempt = 0;
    for (;;) {
      try {
        await step();
        if (attempt > 0)
          this.log(
            `kafka: delivery to ${this.where} resumed after ${((Date.now() - firstFailure) / 1000).toFixed(1)} s (${attempt} retries, no event dropped)`,
          );
        return;
      } catch (error) {
        const root = rootCause(error);
        if (error instanceof KafkaTransportError && error.code === KafkaErrorCodes.RESUME) throw error;
        if (this.txn && root.type === 'PRODUCER_FENCED') {
          // Not retried: a new session would fence the producer that took over in turn.
          throw new KafkaTransportError(
            KafkaErrorCodes.DELIVERY,
            `another producer of run ${this.txn.transactionalId} took over on Kafka broker ${this.where} (was the run resumed elsewhere?): ${this.unackedCount} events not committed here`,
            { cause: error },
          );
        }
        if (isPermanentKafkaError(root)) {
          throw new KafkaTransportError(KafkaErrorCodes.DELIVERY, `Kafka broker ${this.where} refused ${count} events for good: ${describeKafkaError(error)}`, {
            cause: error,
          });
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
        // A transaction's state is unknown after any failure: the next attempt opens a new session.
        if (this.txn) this.txn.broken = true;
        else if (needsNewProducer(root)) await this.resetProducer();
        await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)));
        if (this.released) throw this.failure ?? this.closedError('deliver');
      }
    }
  }

  /**
   * Opens a transactional session (fencing any older producer of the run) and learns how many of
   * the run's events Kafka committed. At connect: a resumed run then drops that many of its first
   * events. After a failure: the open transaction either committed (its batches are settled) or
   * was aborted (they are sent again in the new one).
   */
  private async openSession(first: boolean): Promise<void> {
    const txn = this.txn!;
    const old = txn.session;
    txn.session = undefined;
    await old?.close();
    const { session, committed } = await TransactionalSession.open({
      kafka: this.kafka,
      admin: this.admin,
      transactionalId: txn.transactionalId,
      producer: {
        allowAutoTopicCreation: !this.options.createTopics,
        createPartitioner: keyedOrFirstPartitioner,
        retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 1000 },
      },
      transactionTimeout: transactionTimeout(this.options.deliveryTimeout),
      compression: this.compression,
      requestTimeout: this.options.requestTimeout,
    });
    txn.session = session;
    if (first) {
      if (committed < txn.base) {
        await session.close();
        txn.session = undefined;
        throw new KafkaTransportError(
          KafkaErrorCodes.RESUME,
          `Kafka broker ${this.where} holds ${committed} committed events of run ${txn.transactionalId}, but its checkpoint says ${txn.base} were published: is this the broker the run started on? (Kafka forgets the count of a run idle longer than offsets.retention.minutes, 7 days by default)`,
        );
      }
      txn.committed = committed;
      txn.skip = Math.max(0, committed - txn.base - this.counters.published);
      if (committed > txn.base)
        this.log(`kafka: resuming: ${committed - txn.base} events after the checkpoint were already committed; they are not sent again`);
    } else if (committed === txn.committed + txn.pendingCount && txn.pendingCount > 0) {
      this.settleCommitted(txn);
    } else if (committed !== txn.committed) {
      throw new KafkaTransportError(
        KafkaErrorCodes.RESUME,
        `Kafka broker ${this.where} holds ${committed} committed events of run ${txn.transactionalId}; this run committed ${txn.committed} and has ${txn.pendingCount} in an open transaction`,
      );
    }
  }

  /** After a failure: a new session, and the open transaction's batches sent again if it was aborted. */
  private async repairSession(txn: RunTransactions): Promise<void> {
    if (!txn.broken) return;
    await this.openSession(false);
    for (const batch of txn.pending) await txn.session!.send(batch);
    txn.broken = false;
  }

  /** A batch is sent in the open transaction: it counts as delivered once the transaction commits. */
  private holdUntilCommit(txn: RunTransactions, batch: TakenBatch): void {
    txn.pending.push(batch);
    txn.pendingCount += batch.count;
    txn.pendingBytes += batch.bytes;
    if (txn.pendingCount >= TRANSACTION_BUFFERS * this.highMessages || txn.pendingBytes >= this.highBytes) txn.due = true;
    if (txn.openedAt !== undefined) return;
    txn.openedAt = Date.now();
    // Due: a busy run is held at its next publish so that the buffer drains and the sender commits;
    // a paced run may publish nothing more for a while, so the sender is started here too.
    txn.timer = setTimeout(() => {
      txn.timer = undefined;
      txn.due = true;
      if (!this.sending && !this.released) this.startSending();
    }, this.options.transactionMs);
    txn.timer.unref();
  }

  private async commitTransaction(txn: RunTransactions): Promise<void> {
    await this.retrying(txn.pendingCount, async () => {
      await this.repairSession(txn);
      if (txn.pendingCount === 0) return; // The broken session's commit had gone through.
      await txn.session!.commit(txn.committed + txn.pendingCount);
      this.settleCommitted(txn);
    });
  }

  private settleCommitted(txn: RunTransactions): void {
    txn.committed += txn.pendingCount;
    txn.commits++;
    this.counters.delivered += txn.pendingCount;
    this.unackedCount -= txn.pendingCount;
    this.unackedBytes -= txn.pendingBytes;
    txn.pending = [];
    txn.pendingCount = 0;
    txn.pendingBytes = 0;
    txn.openedAt = undefined;
    txn.due = false;
    clearTimeout(txn.timer);
    txn.timer = undefined;
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
    // The waiter first: a sender started now may find everything sent and must see that a commit is wanted.
    const idle = (this.idle ??= gate());
    if (!this.sending) this.startSending();
    await idle.promise;
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
    const txn = this.txn;
    if (txn) clearTimeout(txn.timer);
    // What was not committed is aborted now, so read_committed consumers need not wait for the broker's timeout.
    await Promise.allSettled([
      txn?.session && endSession(txn.session, Math.min(5000, this.options.requestTimeout)),
      this.producer.disconnect(),
      this.admin.disconnect(),
    ]);
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
    const txn = this.txn;
    return { ...this.counters, unacked: this.unackedCount, ...(txn ? { transactions: txn.commits, alreadyCommitted: txn.alreadyCommitted } : {}) };
  }
}

/** Aborts a session's open transaction, waiting at most `ms` (the broker may be gone), then disconnects. */
async function endSession(session: TransactionalSession, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref();
  });
  await Promise.race([session.abort(), late]);
  clearTimeout(timer);
  await session.close();
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
