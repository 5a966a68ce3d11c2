/** One message waiting for its produce request (kafkajs takes strings as they are). */
export interface PendingMessage {
  key: string | null;
  value: string;
  /** The record timestamp (ms since the epoch as kafkajs takes it); the broker's clock when absent. */
  timestamp?: string;
}

export interface TakenBatch {
  topicMessages: { topic: string; messages: PendingMessage[] }[];
  count: number;
  bytes: number;
}

class TopicQueue {
  items: PendingMessage[] = [];
  head = 0;
  constructor(readonly topic: string) {}
}

/**
 * Messages accepted by `publish` and not yet handed to the producer, per topic in arrival order.
 * `take` cuts the next produce request (bounded in messages and bytes) across topics; per topic,
 * order is kept. Sizes count UTF-16 code units of key and value: a cheap stand-in for bytes that is
 * exact for ASCII lines, which is what the bounds are for.
 */
export class PublishBuffer {
  private readonly queues = new Map<string, TopicQueue>();
  private last: TopicQueue | undefined;
  private pendingCount = 0;
  private pendingBytes = 0;

  get count(): number {
    return this.pendingCount;
  }

  get bytes(): number {
    return this.pendingBytes;
  }

  /** Adds a message; returns its size as counted. */
  push(topic: string, key: string | null, value: string, timestamp?: string): number {
    let q = this.last;
    if (q === undefined || q.topic !== topic) {
      q = this.queues.get(topic);
      if (q === undefined) {
        q = new TopicQueue(topic);
        this.queues.set(topic, q);
      }
      this.last = q;
    }
    q.items.push(timestamp === undefined ? { key, value } : { key, value, timestamp });
    const size = value.length + (key === null ? 0 : key.length);
    this.pendingCount++;
    this.pendingBytes += size;
    return size;
  }

  /**
   * The next request: up to `maxMessages` messages and about `maxBytes` bytes (always at least one
   * message, however large), or undefined when empty.
   */
  take(maxMessages: number, maxBytes: number): TakenBatch | undefined {
    if (this.pendingCount === 0) return undefined;
    const topicMessages: TakenBatch['topicMessages'] = [];
    let count = 0;
    let bytes = 0;
    for (const q of this.queues.values()) {
      if (q.head === q.items.length) continue;
      const start = q.head;
      let end = start;
      const items = q.items;
      while (end < items.length && count < maxMessages) {
        const m = items[end];
        const size = m.value.length + (m.key === null ? 0 : m.key.length);
        if (count > 0 && bytes + size > maxBytes) break;
        bytes += size;
        count++;
        end++;
      }
      if (end === start) break;
      if (start === 0 && end === items.length) {
        topicMessages.push({ topic: q.topic, messages: items });
        q.items = [];
        q.head = 0;
      } else {
        topicMessages.push({ topic: q.topic, messages: items.slice(start, end) });
        q.head = end;
        if (q.head === items.length) {
          q.items = [];
          q.head = 0;
        }
      }
      if (count >= maxMessages || bytes >= maxBytes) {
        // A topic cut short goes to the back, so a busy topic cannot starve the others.
        if (q.head < q.items.length) {
          this.queues.delete(q.topic);
          this.queues.set(q.topic, q);
        }
        break;
      }
    }
    this.pendingCount -= count;
    this.pendingBytes -= bytes;
    return { topicMessages, count, bytes };
  }
}
