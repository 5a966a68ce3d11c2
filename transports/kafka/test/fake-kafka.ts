import type { Kafka, KafkaConfig } from 'kafkajs';

export interface SentRequest {
  topic: string;
  messages: { key: string | null; value: string; timestamp?: string }[];
}

/** A stand-in for kafkajs: records produce requests; `failNext` makes the next requests throw. */
export class FakeKafka {
  config: KafkaConfig | undefined;
  readonly requests: SentRequest[][] = [];
  readonly createdTopics: string[] = [];
  /** The configuration each created topic was given. */
  readonly topicConfigs = new Map<string, Record<string, string>>();
  /** Resolves each createTopics only when released; null: at once. */
  createGate: Promise<void> | null = null;
  failures: unknown[] = [];
  connectBehaviour: 'ok' | 'hang' | 'refuse' = 'ok';
  producersMade = 0;
  disconnects = 0;
  /** Resolves each sendBatch only when released (for backpressure tests); null: at once. */
  gate: Promise<void> | null = null;

  make = (config: KafkaConfig): Kafka => {
    this.config = config;
    return this as unknown as Kafka;
  };

  get delivered(): { topic: string; key: string | null; value: string }[] {
    return this.requests.flat().flatMap((r) => r.messages.map((m) => ({ topic: r.topic, ...m })));
  }

  private connect = async (): Promise<void> => {
    if (this.connectBehaviour === 'hang') await new Promise(() => {});
    if (this.connectBehaviour === 'refuse') {
      const error = new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9');
      error.name = 'KafkaJSConnectionError';
      throw error;
    }
  };

  admin() {
    return {
      connect: this.connect,
      disconnect: async () => void this.disconnects++,
      createTopics: async ({ topics }: { topics: { topic: string; configEntries?: { name: string; value: string }[] }[] }) => {
        if (this.createGate) await this.createGate;
        for (const t of topics) {
          this.createdTopics.push(t.topic);
          this.topicConfigs.set(t.topic, Object.fromEntries((t.configEntries ?? []).map((e) => [e.name, e.value])));
        }
        return true;
      },
    };
  }

  producer() {
    this.producersMade++;
    return {
      connect: this.connect,
      disconnect: async () => void this.disconnects++,
      sendBatch: async ({ topicMessages }: { topicMessages: SentRequest[] }) => {
        // Copy now: the transport may reuse nothing, but a test must see what was sent at the time.
        const snapshot = topicMessages.map((t) => ({ topic: t.topic, messages: [...t.messages] }));
        if (this.gate) await this.gate;
        const failure = this.failures.shift();
        if (failure !== undefined) throw failure;
        this.requests.push(snapshot);
        return [];
      },
    };
  }
}

export function kafkaError(type: string, retriable: boolean): Error {
  const error = Object.assign(new Error(`broker says ${type}`), { name: 'KafkaJSProtocolError', type, retriable });
  return error;
}

export function connectionError(): Error {
  return Object.assign(new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9092'), { name: 'KafkaJSConnectionError', retriable: true });
}
