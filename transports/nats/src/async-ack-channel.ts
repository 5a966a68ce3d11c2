import { createInbox, type NatsConnection, type Subscription } from '@nats-io/transport-node';
import { AckTimeout, StreamRefusal, type AckCallback, type AckChannel } from './ack-channel.js';
import { WireHeaders } from './key-header.js';

interface Waiting {
  done: AckCallback;
  sentAt: number;
}

const decoder = new TextDecoder();
const DUPLICATE = /"duplicate"\s*:\s*true/;

/**
 * JetStream publishes in the style of the Go client's PublishAsync: every message is a plain
 * publish whose reply subject is `<inbox>.<n>` on one shared inbox subscription; acknowledgements
 * are matched by `n`, and one sweep timer (not one timer per message) fails those that wait longer
 * than `ackTimeout`. The stream de-duplicates by the `Nats-Msg-Id` header.
 */
export class AsyncAckChannel implements AckChannel {
  private readonly inbox: string;
  private readonly sub: Subscription;
  private readonly waiting = new Map<number, Waiting>();
  private next = 0;
  private sweeper: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly nc: NatsConnection,
    private readonly ackTimeout: number,
  ) {
    this.inbox = createInbox();
    this.sub = nc.subscribe(`${this.inbox}.*`, {
      callback: (error, msg) => {
        if (error) return; // the subscription ends only when the connection closes; sweeps fail what is left
        const n = Number(msg.subject.slice(this.inbox.length + 1));
        const w = this.waiting.get(n);
        if (w === undefined) return; // late: already failed by a sweep (and re-sent)
        this.waiting.delete(n);
        const data = msg.data;
        if (data.length === 0) {
          // A status message: 503 = no responders (JetStream not up yet), anything else is unexpected.
          const code = msg.headers?.code ?? 0;
          w.done(new Error(code === 503 ? 'no responders: JetStream is not available (yet)' : `status ${code} ${msg.headers?.description ?? ''}`.trim()));
          return;
        }
        const text = decoder.decode(data);
        // The common case without JSON.parse. nats-server 2.9 writes {"stream":"S", "seq":N} and
        // {"stream":"S", "seq":N,"duplicate": true} (spaces and all).
        if (text.startsWith('{"stream"') && !text.includes('"error"')) {
          w.done(undefined, DUPLICATE.test(text));
          return;
        }
        let ack: { stream?: string; duplicate?: boolean; error?: { code: number; err_code?: number; description?: string } };
        try {
          ack = JSON.parse(text);
        } catch (cause) {
          w.done(new Error(`unreadable acknowledgement: ${(cause as Error).message}`));
          return;
        }
        if (ack.error) w.done(new StreamRefusal(ack.error.description ?? `JetStream error ${ack.error.code}`, ack.error.code, ack.error.err_code ?? 0));
        else w.done(undefined, ack.duplicate === true);
      },
    });
  }

  send(subject: string, value: string, msgId: string, key: string | null, done: AckCallback): void {
    if (this.closed) {
      done(new Error('acknowledgement channel closed'));
      return;
    }
    const n = this.next++;
    this.waiting.set(n, { done, sentAt: performance.now() });
    try {
      this.nc.publish(subject, value, { reply: `${this.inbox}.${n}`, headers: WireHeaders.of(msgId, key) });
    } catch (error) {
      this.waiting.delete(n);
      done(error);
      return;
    }
    this.sweeper ??= setTimeout(this.sweep, Math.max(10, this.ackTimeout / 4));
  }

  /** Fails every publish older than the ack timeout; the map is in send order, so the oldest come first. */
  private readonly sweep = (): void => {
    this.sweeper = undefined;
    const limit = performance.now() - this.ackTimeout;
    for (const [n, w] of this.waiting) {
      if (w.sentAt > limit) break;
      this.waiting.delete(n);
      w.done(new AckTimeout(this.ackTimeout));
    }
    if (this.waiting.size > 0 && !this.closed) this.sweeper = setTimeout(this.sweep, Math.max(10, this.ackTimeout / 4));
  };

  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.sweeper);
    this.sub.unsubscribe();
    const left = [...this.waiting.values()];
    this.waiting.clear();
    for (const w of left) w.done(new Error('acknowledgement channel closed'));
  }
}
