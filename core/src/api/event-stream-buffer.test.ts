import { describe, expect, it } from 'vitest';
import { EventStreamBuffer } from './event-stream-buffer.js';

describe('EventStreamBuffer', () => {
  it('numbers events from 1 and reads from any id kept', () => {
    const b = new EventStreamBuffer();
    expect([b.firstId, b.nextId]).toEqual([1, 1]);
    for (const v of ['a', 'b', 'c', 'd']) b.add(v);
    expect(b.read(1, 10)).toEqual(['a', 'b', 'c', 'd']);
    expect(b.read(3, 10)).toEqual(['c', 'd']);
    expect(b.read(2, 2)).toEqual(['b', 'c']);
    expect(b.read(5, 10)).toEqual([]);
    expect(b.nextId).toBe(5);
  });

  it('drops the oldest events beyond its event and character bounds, and wraps around', () => {
    const byCount = new EventStreamBuffer({ maxEvents: 3 });
    for (let i = 1; i <= 10; i++) byCount.add(`e${i}`);
    expect(byCount.firstId).toBe(8);
    expect(byCount.read(1, 10)).toEqual(['e8', 'e9', 'e10']);
    const byBytes = new EventStreamBuffer({ maxBytes: 10 });
    for (const v of ['aaaa', 'bbbb', 'cccc', 'dd']) byBytes.add(v);
    // 4 + 4 + 4 > 10: a goes; then cccc + dd fit beside bbbb.
    expect(byBytes.firstId).toBe(2);
    expect(byBytes.read(0, 10)).toEqual(['bbbb', 'cccc', 'dd']);
    // A value larger than the bound is still kept, alone.
    byBytes.add('x'.repeat(50));
    expect(byBytes.read(0, 10)).toEqual(['x'.repeat(50)]);
  });

  it('wakes a waiting reader on the next event or at the end, and takes nothing after the end', async () => {
    const b = new EventStreamBuffer();
    let woken = 0;
    const waiting = b.waitFor(1).then(() => woken++);
    await Promise.resolve();
    expect(woken).toBe(0);
    b.add('first');
    await waiting;
    expect(woken).toBe(1);
    const atEnd = b.waitFor(2);
    b.end();
    await atEnd;
    expect(b.ended).toBe(true);
    b.add('late');
    expect(b.nextId).toBe(2);
  });
});
