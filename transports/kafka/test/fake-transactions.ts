import type { ProducerConfig } from 'kafkajs';
import { FakeKafka, kafkaError, type SentRequest } from './fake-kafka.js';

interface OpenTransaction {
  epoch: number;
  messages: SentRequest[];
  offsets: Map<string, number>;
}

/**
 * A stand-in for a Kafka broker's transactions, as a read_committed consumer sees them: batches
 * sent in a transaction become `committed` only when it commits, with the consumer-group offsets
 * sent in it. A new producer of the same transactional id fences the older one (its open
 * transaction is aborted, its further requests refused). `commitFailures` makes the next commits
 * fail, either before the broker applied them or after (the client does not know which).
 */
export class FakeTransactionalKafka extends FakeKafka {
  readonly committed: { topic: string; key: string | null; value: string }[] = [];
  readonly groupOffsets = new Map<string, number>();
  readonly open = new Map<string, OpenTransaction>();
  readonly epochs = new Map<string, number>();
  commitFailures: { applied: boolean }[] = [];
  aborted = 0;

  /** Messages sent in the open transaction of `id`, not visible yet. */
  openCount(id: string): number {
    return this.open.get(id)?.messages.reduce((n, r) => n + r.messages.length, 0) ?? 0;
  }

  override admin() {
    return {
      ...super.admin(),
      fetchOffsets: async ({ groupId }: { groupId: string }) => {
        const offset = this.groupOffsets.get(groupId);
        return offset === undefined ? [] : [{ topic: 't', partitions: [{ partition: 0, offset: String(offset), metadata: null }] }];
      },
    };
  }

  override producer(config?: ProducerConfig) {
    const plain = super.producer();
    const id = config?.transactionalId;
    if (id === undefined) return plain;
    let epoch = -1;
    const fenced = () => epoch !== this.epochs.get(id);
    const check = () => {
      if (fenced()) throw kafkaError('PRODUCER_FENCED', false);
    };
    const transaction = async () => {
      if (epoch < 0) {
        // InitProducerId: a new epoch; the open transaction of an older one is aborted.
        epoch = (this.epochs.get(id) ?? 0) + 1;
        this.epochs.set(id, epoch);
        if (this.open.delete(id)) this.aborted++;
      }
      check();
      let active = true;
      const current = (): OpenTransaction => {
        check();
        let t = this.open.get(id);
        if (!t) this.open.set(id, (t = { epoch, messages: [], offsets: new Map() }));
        return t;
      };
      return {
        isActive: () => active,
        sendBatch: async ({ topicMessages }: { topicMessages: SentRequest[] }) => {
          const failure = this.failures.shift();
          if (failure !== undefined) throw failure;
          current().messages.push(...topicMessages.map((t) => ({ topic: t.topic, messages: [...t.messages] })));
          this.requests.push(topicMessages);
          return [];
        },
        sendOffsets: async ({ consumerGroupId, topics }: { consumerGroupId: string; topics: { partitions: { offset: string }[] }[] }) => {
          current().offsets.set(consumerGroupId, Number(topics[0].partitions[0].offset));
        },
        commit: async () => {
          const failure = this.commitFailures.shift();
          if (failure && !failure.applied) throw kafkaError('REQUEST_TIMED_OUT', true);
          const t = current();
          for (const r of t.messages) for (const m of r.messages) this.committed.push({ topic: r.topic, key: m.key, value: m.value });
          for (const [group, offset] of t.offsets) this.groupOffsets.set(group, offset);
          this.open.delete(id);
          active = false;
          if (failure) throw kafkaError('REQUEST_TIMED_OUT', true);
        },
        abort: async () => {
          check();
          if (this.open.delete(id)) this.aborted++;
          active = false;
        },
      };
    };
    return { ...plain, transaction };
  }
}
