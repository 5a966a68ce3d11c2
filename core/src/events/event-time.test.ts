import { describe, expect, it } from 'vitest';
import { RandomStream } from '../rng/random-stream.js';
import type { EventOutput } from '../transport/transport.js';
import { EventSink } from './event-sink.js';
import { fanOut } from './fan-out.js';
import { StreamFaults } from './stream-faults.js';

class Recording implements EventOutput {
  readonly published: { value: string; time?: number }[] = [];
  readonly topics: string[] = [];
  publish(_topic: string, _key: string | null, value: string, time?: number): void {
    this.published.push({ value, time });
  }
  declareTopic(topic: string): void {
    this.topics.push(topic);
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {}
}

describe('outputs learn each event time and the topics to come', () => {
  it("EventSink passes the scheduler's time with every event and names each topic once when declared", () => {
    const out = new Recording();
    const clock = { now: 1_000, hold() {} };
    const sink = new EventSink([out], clock);
    const watch = sink.declare('watch', 'movielog1');
    sink.declare('rate', 'movielog1');
    sink.declare('other', 'movielog2');
    expect(out.topics).toEqual(['movielog1', 'movielog2']);
    sink.emit(watch, '1', 'a');
    clock.now = 61_000;
    sink.emit(watch, '1', 'b');
    expect(out.published).toEqual([
      { value: 'a', time: 1_000 },
      { value: 'b', time: 61_000 },
    ]);
  });

  it('fan-out and stream faults pass time and topics on; a late line goes out stamped when it is sent', () => {
    const a = new Recording();
    const b = new Recording();
    const faults = new StreamFaults(fanOut([a, b]), new RandomStream('late'));
    faults.declareTopic('movielog1');
    expect([a.topics, b.topics]).toEqual([['movielog1'], ['movielog1']]);
    faults.lateBy = 1;
    faults.rates = { corrupt: 0, duplicate: 0, late: 1, reorder: 0 };
    faults.publish('movielog1', '1', 'held', 5_000);
    faults.rates = { corrupt: 0, duplicate: 0, late: 0, reorder: 0 };
    faults.publish('movielog1', '1', 'next', 9_000);
    expect(a.published).toEqual([
      { value: 'next', time: 9_000 },
      { value: 'held', time: 9_000 },
    ]);
    expect(b.published).toEqual(a.published);
  });
});
