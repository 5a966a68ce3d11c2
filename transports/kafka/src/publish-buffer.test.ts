import { describe, expect, it } from 'vitest';
import { PublishBuffer } from './publish-buffer.js';

describe('PublishBuffer', () => {
  it('cuts requests bounded in messages and bytes, keeping per-topic order', () => {
    const b = new PublishBuffer();
    for (let i = 0; i < 10; i++) b.push('t', 'k', `v${i}`);
    expect(b.count).toBe(10);
    expect(b.bytes).toBe(10 * 3); // key "k" + value "vN"
    const first = b.take(4, 1_000_000)!;
    expect(first.count).toBe(4);
    expect(first.topicMessages[0].messages.map((m) => m.value)).toEqual(['v0', 'v1', 'v2', 'v3']);
    const second = b.take(100, 8)!; // 3 bytes each: two fit in 8
    expect(second.topicMessages[0].messages.map((m) => m.value)).toEqual(['v4', 'v5']);
    const rest = b.take(100, 1_000_000)!;
    expect(rest.topicMessages[0].messages.map((m) => m.value)).toEqual(['v6', 'v7', 'v8', 'v9']);
    expect(b.count).toBe(0);
    expect(b.bytes).toBe(0);
    expect(b.take(100, 100)).toBeUndefined();
  });

  it('always takes at least one message, however large', () => {
    const b = new PublishBuffer();
    b.push('t', null, 'x'.repeat(5000));
    const batch = b.take(10, 100)!;
    expect(batch.count).toBe(1);
    expect(batch.bytes).toBe(5000);
  });

  it('serves topics in turn so a busy topic does not starve another', () => {
    const b = new PublishBuffer();
    for (let i = 0; i < 5; i++) b.push('busy', null, `b${i}`);
    b.push('quiet', null, 'q0');
    const first = b.take(2, 1000)!;
    expect(first.topicMessages.map((t) => t.topic)).toEqual(['busy']);
    const second = b.take(2, 1000)!;
    expect(second.topicMessages.map((t) => t.topic)).toEqual(['quiet', 'busy']);
    expect(second.topicMessages[1].messages.map((m) => m.value)).toEqual(['b2']);
  });

  it('accepts pushes between takes without losing or reordering', () => {
    const b = new PublishBuffer();
    const seen: string[] = [];
    let n = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 7; i++) b.push(`t${i % 3}`, `${i % 2}`, String(n++));
      const batch = b.take(5, 1000);
      for (const t of batch?.topicMessages ?? []) for (const m of t.messages) seen.push(`${t.topic}/${m.value}`);
    }
    for (let batch = b.take(1000, 1_000_000); batch; batch = b.take(1000, 1_000_000))
      for (const t of batch.topicMessages) for (const m of t.messages) seen.push(`${t.topic}/${m.value}`);
    expect(seen.length).toBe(350);
    for (const topic of ['t0', 't1', 't2']) {
      const values = seen.filter((s) => s.startsWith(`${topic}/`)).map((s) => Number(s.split('/')[1]));
      expect(values).toEqual([...values].sort((a, b) => a - b));
    }
  });
});
