import type { ReceivedMessage, Subscription } from '@prodsim/core';
import { DeliverPolicy, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection, Subscription as NatsSub } from '@nats-io/transport-node';
import { NatsErrorCodes, NatsTransportError } from './errors.js';
import { MessageQueue } from '@prodsim/core/internal';
import { readKey } from './key-header.js';

interface Common {
  topic: string;
  subject: string;
  onClose(sub: Subscription): void;
  capacity?: number;
}

abstract class QueueSubscription implements Subscription {
  abstract readonly ready: Promise<void>;
  protected readonly queue: MessageQueue;
  protected closing: Promise<void> | undefined;

  constructor(protected readonly common: Common) {
    this.queue = new MessageQueue(common.capacity ?? 10_000);
  }

  protected message(key: string | null, value: string): ReceivedMessage {
    return { topic: this.common.topic, key, value };
  }

  [Symbol.asyncIterator](): AsyncIterator<ReceivedMessage> {
    return this.queue[Symbol.asyncIterator]();
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      this.queue.end();
      this.common.onClose(this);
      await this.stop();
    })();
    return this.closing;
  }

  protected abstract stop(): Promise<void>;
}

/**
 * Core NATS: a plain subscription; `ready` once the server has registered it (a round trip). There
 * is no history, and no flow control either: a reader that falls far behind makes the queue grow
 * (the server would cut off a slow consumer), as core NATS itself behaves.
 */
export class CoreSubscription extends QueueSubscription {
  readonly ready: Promise<void>;
  private readonly sub: NatsSub;

  constructor(nc: NatsConnection, common: Common) {
    super(common);
    this.sub = nc.subscribe(common.subject, {
      callback: (error, msg) => {
        if (error) {
          this.queue.end(new NatsTransportError(NatsErrorCodes.SUBSCRIBE, `NATS subscription to ${common.subject} failed: ${error.message}`, { cause: error }));
          return;
        }
        this.queue.push(this.message(readKey(msg.headers), msg.string()));
      },
    });
    this.ready = nc.flush();
    this.ready.catch(() => {});
  }

  protected async stop(): Promise<void> {
    this.sub.unsubscribe();
  }
}

/**
 * JetStream: an ordered consumer on the team's stream, filtered to the topic's subject. `from: 'now'`
 * starts at the stream's next sequence as read before `ready`, so nothing published after `ready`
 * is missed however long the consumer takes to start; `beginning` replays what the stream keeps.
 */
export class JetStreamSubscription extends QueueSubscription {
  readonly ready: Promise<void>;
  private stopConsumer: (() => Promise<void>) | undefined;

  constructor(
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly stream: string,
    private readonly from: 'now' | 'beginning',
    common: Common,
  ) {
    super(common);
    this.ready = this.start();
    this.ready.catch(() => {});
  }

  private async start(): Promise<void> {
    try {
      const position =
        this.from === 'now'
          ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: (await this.jsm.streams.info(this.stream)).state.last_seq + 1 }
          : { deliver_policy: DeliverPolicy.All };
      if (this.closing) return;
      const consumer = await this.js.consumers.get(this.stream, { filter_subjects: this.common.subject, ...position });
      const messages = await consumer.consume({ max_messages: 1000 });
      this.stopConsumer = async () => {
        await messages.close();
      };
      if (this.closing) {
        await messages.close();
        return;
      }
      void (async () => {
        try {
          for await (const m of messages) {
            this.queue.push(this.message(readKey(m.headers), m.string()));
            if (this.queue.length >= (this.common.capacity ?? 10_000)) await this.queue.drained();
            if (this.queue.isEnded) break;
          }
          this.queue.end();
        } catch (cause) {
          this.queue.end(
            new NatsTransportError(NatsErrorCodes.SUBSCRIBE, `JetStream consumer on ${this.common.subject} stopped: ${(cause as Error)?.message ?? cause}`, {
              cause,
            }),
          );
        }
      })();
    } catch (cause) {
      const error = new NatsTransportError(
        NatsErrorCodes.SUBSCRIBE,
        `cannot subscribe to ${this.common.subject} on stream ${this.stream}: ${(cause as Error)?.message ?? cause}`,
        { cause },
      );
      this.queue.end(error);
      throw error;
    }
  }

  protected async stop(): Promise<void> {
    await this.stopConsumer?.().catch(() => {});
  }
}
