import type { Admin, Kafka, Producer, ProducerConfig, Transaction } from 'kafkajs';
import { rootCause } from './kafka-errors.js';
import type { TakenBatch } from './publish-buffer.js';

/**
 * A broker that has just started (or a new coordinator) answers "loading" for a while: kafkajs'
 * own few retries are not enough then. Retried every 200 ms, at most this many times (the
 * transport's connect and delivery timeouts bound the wait anyway).
 */
const LOADING_RETRIES = 50;
const LOADING = new Set(['GROUP_LOAD_IN_PROGRESS', 'GROUP_COORDINATOR_NOT_AVAILABLE', 'NOT_COORDINATOR_FOR_GROUP', 'CONCURRENT_TRANSACTIONS']);

async function whileLoading<T>(step: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      const type = rootCause(error).type;
      if (attempt >= LOADING_RETRIES || type === undefined || !LOADING.has(type)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

export interface TransactionalSessionOptions {
  kafka: Kafka;
  admin: Admin;
  /** The run's (and team's) transactional id: the same when the run is resumed, so that the new producer fences the old one. */
  transactionalId: string;
  /** Producer settings besides the transactional ones (partitioner, retries, topic creation). */
  producer: Omit<ProducerConfig, 'transactionalId' | 'idempotent' | 'maxInFlightRequests' | 'transactionTimeout'>;
  /** How long the broker lets a transaction stay open before it aborts it, ms. */
  transactionTimeout: number;
  compression: NonNullable<Parameters<Producer['sendBatch']>[0]['compression']>;
  requestTimeout: number;
}

/**
 * One transactional producer session of a checkpointed run. Every transaction also records, as
 * the offset of a consumer group of the run's own (`<transactionalId>-committed`), how many events
 * the run had published when it committed: that count becomes visible atomically with the events.
 * Opening a session (a new producer with the same transactional id) fences any older one and ends
 * its open transaction (aborted, or completed if it was already committing), then reads the count,
 * so the caller knows exactly which events Kafka holds: the first `committed`, in publish order.
 */
export class TransactionalSession {
  private readonly producer: Producer;
  private transaction: Transaction | undefined;
  /** The topic the committed count is recorded on (partition 0): any topic this session sent to. */
  private countTopic: string | undefined;

  private constructor(private readonly options: TransactionalSessionOptions) {
    this.producer = options.kafka.producer({
      ...options.producer,
      transactionalId: options.transactionalId,
      idempotent: true,
      maxInFlightRequests: 1,
      transactionTimeout: options.transactionTimeout,
    });
  }

  /** Connects a new producer (fencing older ones of the same id) and returns it with the count Kafka has committed. */
  static async open(options: TransactionalSessionOptions): Promise<{ session: TransactionalSession; committed: number }> {
    const session = new TransactionalSession(options);
    try {
      await session.producer.connect();
      // The first transaction() runs InitProducerId: the fence. It retries while an older transaction is still ending.
      session.transaction = await whileLoading(() => session.producer.transaction());
      return { session, committed: await whileLoading(() => session.readCommitted()) };
    } catch (error) {
      await session.close();
      throw error;
    }
  }

  get groupId(): string {
    return `${this.options.transactionalId}-committed`;
  }

  private async readCommitted(): Promise<number> {
    const topics = await this.options.admin.fetchOffsets({ groupId: this.groupId });
    let committed = 0;
    for (const { partitions } of topics) for (const p of partitions) committed = Math.max(committed, Number(p.offset));
    return committed;
  }

  /** Sends one batch inside the open transaction (opening one if the last was committed). */
  async send(batch: TakenBatch): Promise<void> {
    this.transaction ??= await this.producer.transaction();
    this.countTopic ??= batch.topicMessages[0]?.topic;
    await this.transaction.sendBatch({
      topicMessages: batch.topicMessages,
      acks: -1,
      compression: this.options.compression,
      timeout: this.options.requestTimeout,
    });
  }

  /** Commits what was sent, together with `published`: how many events the run has published, all of them in this or earlier transactions. */
  async commit(published: number): Promise<void> {
    const transaction = this.transaction;
    if (!transaction || this.countTopic === undefined) throw new Error('no transaction with events to commit');
    await transaction.sendOffsets({
      consumerGroupId: this.groupId,
      topics: [{ topic: this.countTopic, partitions: [{ partition: 0, offset: String(published) }] }],
    });
    await transaction.commit();
    this.transaction = undefined;
  }

  /** Aborts the open transaction if any (best effort: a fenced or timed-out one is aborted by the broker anyway). */
  async abort(): Promise<void> {
    const transaction = this.transaction;
    this.transaction = undefined;
    if (transaction?.isActive()) await transaction.abort().catch(() => {});
  }

  async close(): Promise<void> {
    await this.producer.disconnect().catch(() => {});
  }
}
